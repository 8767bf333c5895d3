// A render job as plain JSON, so callers can persist it (globalState, the CLI's state file) and resume
// polling after a reload: closing the editor must not orphan a job.

/** `cancelled`: stopped on request (the server's cancel, or the local engine's); final like the other two. */
export type RenderStatus = 'pending' | 'processing' | 'completed' | 'failed' | 'cancelled';

export interface RenderJob {
  /** `render_<ms>`, chosen by the client. */
  id: string;
  sessionId: string;
  status: RenderStatus;
  /** 0..100 */
  progress: number;
  outputUrl?: string;
  /** Where the MP4 was saved, once downloaded. */
  localPath?: string;
  /** Plain-language failure text. */
  error?: string;
  /** ms since epoch */
  createdAt: number;
  updatedAt: number;
  /** Bytes, when the server reports it. */
  size?: number;
  durationSec?: number;
  /** draftFingerprint of the draft it renders: tells a preview of this export whether the draft changed since. */
  draftKey?: string;
}

export function newRenderId(now: number): string {
  return `render_${now}`;
}

export function isFinished(job: RenderJob): boolean {
  return job.status === 'completed' || job.status === 'failed' || job.status === 'cancelled';
}

/** Normalises any status word the server may send to the contract's four, plus `cancelled`. */
export function normaliseStatus(s: unknown): RenderStatus {
  const v = typeof s === 'string' ? s.toLowerCase() : '';
  if (['completed', 'complete', 'done', 'success', 'succeeded', 'finished'].includes(v)) return 'completed';
  if (['failed', 'failure', 'error', 'errored'].includes(v)) return 'failed';
  if (['cancelled', 'canceled', 'aborted', 'stopped'].includes(v)) return 'cancelled';
  if (['processing', 'running', 'rendering', 'in_progress', 'started'].includes(v)) return 'processing';
  return 'pending';
}
