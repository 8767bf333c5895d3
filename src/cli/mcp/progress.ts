// MCP progress for one tool call: sent only when the client asked for it (a progressToken in the request's
// _meta), strictly increasing (the spec says progress MUST increase with each notification, so a new message
// at the same percent waits for the next percent), and never allowed to fail the call (a client that went
// away must not turn a finished export into an error).
import { redact } from '../../core/index';

export interface ProgressSink {
  /** `fraction` 0..1 of the whole call; the message says what is happening now. */
  report(fraction: number, message: string): void;
}

type Notify = (n: { method: 'notifications/progress'; params: { progressToken: string | number; progress: number; total: number; message: string } }) => Promise<void>;

export const noProgress: ProgressSink = { report: () => undefined };

export function progressSink(token: string | number | undefined, notify: Notify): ProgressSink {
  if (token === undefined) return noProgress;
  let last = -1;
  return {
    report(fraction, message) {
      const pct = Math.max(0, Math.min(100, Math.floor(fraction * 100)));
      if (pct <= last) return;
      last = pct;
      notify({ method: 'notifications/progress', params: { progressToken: token, progress: pct, total: 100, message: redact(message) } }).catch(() => undefined);
    },
  };
}

/** A slice [from, to] of a parent sink: a phase of a longer call reports 0..1 of its own share. */
export function phase(sink: ProgressSink, from: number, to: number): ProgressSink {
  return { report: (f, message) => sink.report(from + (to - from) * Math.max(0, Math.min(1, f)), message) };
}
