// Export: submit with a fresh `render_<ms>` id (one retry with a new id — also when the server says the id is
// a duplicate), poll until completed/failed/cancelled at a configurable interval, retrying transient poll
// failures (network, 5xx) with the same id and never a 4xx.
import type { NemoClient, RenderOutput, SubmitAnswer } from '../api/client';
import { draftFingerprint } from '../draft/fingerprint';
import { cancelledError, isTransient, NemoError } from '../api/errors';
import { type Clock, realClock, sleepOn } from '../clock';
import { isFinished, newRenderId, type RenderJob } from './job';

export const DEFAULT_EXPORT_POLL_MS = 30_000;
/**
 * Consecutive transient poll failures tolerated (each after the normal interval) before giving up; the job
 * stays resumable. Eight covers a local engine restart at a 1 s interval and a few minutes of cloud trouble.
 */
export const MAX_TRANSIENT_POLL_FAILURES = 8;

export async function submitExport(
  client: NemoClient,
  sessionId: string,
  draft: unknown,
  opts: { output?: RenderOutput; signal?: AbortSignal; clock?: Clock } = {},
): Promise<RenderJob> {
  const clock = opts.clock ?? realClock;
  let id = newRenderId(clock.now());
  let answer: SubmitAnswer;
  try {
    answer = await client.submitRender(id, sessionId, draft, opts.output, opts.signal);
  } catch (e) {
    if (e instanceof NemoError && FINAL_SUBMIT_FAILURES.has(e.kind)) throw e;
    const why = isDuplicateId(e) ? 'the server says the id is a duplicate' : `export submit failed (${e instanceof NemoError ? e.kind : String(e)})`;
    client.log.warn(`${why}; retrying once with a new id`);
    // A new id: the first one may exist half-created on the server, or belong to someone else.
    const next = newRenderId(clock.now());
    id = next === id ? `${next}_1` : next;
    answer = await client.submitRender(id, sessionId, draft, opts.output, opts.signal);
  }
  const now = clock.now();
  // The answer may name the job (`data.id` or `render_id`): poll what the server knows it by. Only a
  // running status is taken from it; a final one is left for the first poll to report with its details.
  const status = answer.status === 'processing' ? 'processing' : 'pending';
  return { id: answer.id ?? id, sessionId, status, progress: answer.progress ?? 0, createdAt: now, updatedAt: now, draftKey: draftFingerprint(draft) };
}

/**
 * Submit failures a second try with a new id cannot fix: the user stopped, the plan or credits, the token
 * (already renewed once), the session (the Workflow recovers it), or the request itself.
 */
const FINAL_SUBMIT_FAILURES = new Set(['cancelled', 'plan', 'credits', 'auth', 'session', 'bad-input', 'unsupported-type', 'too-large']);

/** "duplicate id", "id already exists", "render id … is taken": the id, not the export, was refused. */
export function isDuplicateId(e: unknown): boolean {
  return e instanceof NemoError && /duplicate|already (exists|used|taken)|is taken/i.test(`${e.detail ?? ''} ${e.userMessage}`);
}

export interface PollOptions {
  signal?: AbortSignal;
  onUpdate?: (job: RenderJob) => void;
  intervalMs?: number;
  clock?: Clock;
  /**
   * Resolves when the job may have changed (an in-process local engine tells its own client), so the next
   * status read happens at once instead of after the interval. The signal ends the wait.
   */
  wake?: JobWake;
}

export type JobWake = (jobId: string, signal: AbortSignal) => Promise<void>;

/** Sleeps the poll interval, or less when `wake` fires first. */
async function waitNext(clock: Clock, interval: number, jobId: string, signal: AbortSignal | undefined, wake: JobWake | undefined): Promise<void> {
  if (!wake) return sleepOn(clock, interval, signal);
  const stop = new AbortController();
  const onAbort = () => stop.abort();
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    await Promise.race([sleepOn(clock, interval, stop.signal), wake(jobId, stop.signal).catch(() => new Promise<void>(() => undefined))]);
    if (signal?.aborted) throw new Error('aborted');
  } finally {
    stop.abort();
    signal?.removeEventListener('abort', onAbort);
  }
}

/** Polls until the job is completed or failed. Returns the final job (a copy); throws on 4xx or cancel. */
export async function pollExport(client: NemoClient, start: RenderJob, opts: PollOptions = {}): Promise<RenderJob> {
  const clock = opts.clock ?? realClock;
  const interval = opts.intervalMs ?? DEFAULT_EXPORT_POLL_MS;
  let job: RenderJob = { ...start };
  let transientFailures = 0;
  for (;;) {
    if (opts.signal?.aborted) throw cancelledError(client.lang);
    try {
      const info = await client.renderStatus(job.id, opts.signal);
      transientFailures = 0;
      job = {
        ...job,
        status: info.status,
        progress: info.status === 'completed' ? 100 : Math.max(job.progress, Math.round(info.progress)),
        updatedAt: clock.now(),
        ...(info.outputUrl ? { outputUrl: info.outputUrl } : {}),
        ...(info.size !== undefined ? { size: info.size } : {}),
        ...(info.durationSec !== undefined ? { durationSec: info.durationSec } : {}),
        ...(info.status === 'failed' ? { error: info.error ?? 'render failed' } : {}),
      };
      opts.onUpdate?.(job);
      if (isFinished(job)) return job;
    } catch (e) {
      if (!isTransient(e) || ++transientFailures > MAX_TRANSIENT_POLL_FAILURES) throw e;
      client.log.warn(`export ${job.id}: poll failed (${e instanceof NemoError ? e.detail ?? e.kind : String(e)}); retrying with the same id`);
    }
    try {
      await waitNext(clock, interval, job.id, opts.signal, opts.wake);
    } catch {
      throw cancelledError(client.lang);
    }
  }
}
