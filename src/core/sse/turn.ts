// Reads one `/run_sse` response: eventsource-parser frames → decoded ADK events → StreamEvents, with the
// contract's timers on an injectable Clock:
//   - every 2 min with nothing but heartbeats → "still working"
//   - 10 min with nothing but heartbeats → timed out (stop listening)
//   - 15 min since the stream opened → hard cap (stop listening)
// VS Code's fetch drops our bodyTimeout (field notes), so these timers plus an AbortController are the only
// guards. The caller's AbortSignal is linked by hand (AbortSignal.any leaks on long-lived signals).
// The connection closing ends the turn; there is no [DONE].
import { createParser } from 'eventsource-parser';
import { type FailureInfo, unwrap } from '../api/envelope';
import type { Logger } from '../api/logger';
import type { Clock } from '../clock';
import { decodeFrame, TextAccumulator } from './decode';

export interface TurnLimits {
  stillWorkingEveryMs: number;
  heartbeatOnlyTimeoutMs: number;
  hardCapMs: number;
}

export const DEFAULT_TURN_LIMITS: TurnLimits = { stillWorkingEveryMs: 2 * 60_000, heartbeatOnlyTimeoutMs: 10 * 60_000, hardCapMs: 15 * 60_000 };

/**
 * How the stream ended. `rejected`: the body was not a stream at all but one JSON business error (say
 * `{"code":1002,…}`) under an event-stream Content-Type — no turn ran; `failure` says what the server said.
 */
export type StreamEnd = 'closed' | 'dropped' | 'timed-out' | 'hard-cap' | 'stopped' | 'error' | 'rejected';

export type StreamEvent =
  | { type: 'text'; text: string }
  | { type: 'tool'; name: string; phase: 'call' | 'result' }
  | { type: 'still-working'; elapsedMs: number }
  | { type: 'stream-error'; message: string }
  /** `plannerOutcome`: the last one an event carried (the local engine's planner; see decode.ts). */
  | { type: 'end'; end: StreamEnd; text: string; errorMessage?: string; failure?: FailureInfo; plannerOutcome?: string };

/** How much of a body is kept while no SSE frame has been seen, to recognise a JSON error body. */
const HEAD_LIMIT = 64 * 1024;

export interface ReadTurnOptions {
  clock: Clock;
  limits?: Partial<TurnLimits>;
  /** The user's "stop listening". */
  signal?: AbortSignal;
  /** Aborts the underlying fetch (the caller created it with this controller's signal). */
  fetchController?: AbortController;
  log?: Logger;
  /** When the request was sent (default: now): the hard cap counts from there, not from the headers. */
  startedAt?: number;
}

/** A small single-consumer async queue: timers and the reader push, the consumer iterates. */
class Channel<T> {
  private readonly items: T[] = [];
  private waiter: ((r: IteratorResult<T>) => void) | undefined;
  private closed = false;

  push(item: T): void {
    if (this.closed) return;
    if (this.waiter) {
      const w = this.waiter;
      this.waiter = undefined;
      w({ value: item, done: false });
    } else this.items.push(item);
  }

  close(): void {
    this.closed = true;
    if (this.waiter && this.items.length === 0) {
      const w = this.waiter;
      this.waiter = undefined;
      w({ value: undefined, done: true });
    }
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<T> {
    for (;;) {
      if (this.items.length) {
        yield this.items.shift() as T;
        continue;
      }
      if (this.closed) return;
      const r = await new Promise<IteratorResult<T>>((resolve) => (this.waiter = resolve));
      if (r.done) return;
      yield r.value;
    }
  }
}

/**
 * Streams the events of one turn. The last event is always `{type:'end'}` with the full visible text.
 * Never throws: network failures become `end: 'dropped'`.
 */
export function readTurn(res: Response, opts: ReadTurnOptions): AsyncIterable<StreamEvent> {
  const limits = { ...DEFAULT_TURN_LIMITS, ...opts.limits };
  const { clock, log } = opts;
  const out = new Channel<StreamEvent>();
  const acc = new TextAccumulator();
  const startedAt = opts.startedAt ?? clock.now();
  let ended: StreamEnd | undefined;
  let errorMessage: string | undefined;
  let failure: FailureInfo | undefined;
  let plannerOutcome: string | undefined;
  // Until the first frame: the raw text, in case the whole body is one JSON error instead of a stream.
  let sawFrame = false;
  let head = '';
  let stillTimer: unknown;
  let idleTimer: unknown;
  let lastActivity = startedAt;
  const reader = res.body?.getReader();

  const clearIdle = (): void => {
    clock.clearTimeout(stillTimer);
    clock.clearTimeout(idleTimer);
  };

  const finish = (end: StreamEnd): void => {
    if (ended) return;
    ended = end;
    clearIdle();
    clock.clearTimeout(capTimer);
    opts.signal?.removeEventListener('abort', onUserAbort);
    out.push({ type: 'end', end, text: acc.text(), errorMessage, ...(failure ? { failure } : {}), ...(plannerOutcome ? { plannerOutcome } : {}) });
    out.close();
  };

  /** Stop listening: cancel the read and abort the fetch; the backend may still finish. */
  const stop = (end: StreamEnd): void => {
    finish(end);
    reader?.cancel().catch(() => undefined);
    opts.fetchController?.abort();
  };

  const scheduleStillWorking = (): void => {
    clock.clearTimeout(stillTimer);
    stillTimer = clock.setTimeout(() => {
      if (ended) return;
      out.push({ type: 'still-working', elapsedMs: clock.now() - startedAt });
      scheduleStillWorking();
    }, limits.stillWorkingEveryMs);
  };

  /** Real activity (any ADK event) restarts the heartbeat-only clocks; heartbeats do not. */
  const activity = (): void => {
    lastActivity = clock.now();
    clearIdle();
    scheduleStillWorking();
    idleTimer = clock.setTimeout(() => {
      log?.warn(`turn: ${Math.round((clock.now() - lastActivity) / 60_000)} min of heartbeats only; giving up listening`);
      stop('timed-out');
    }, limits.heartbeatOnlyTimeoutMs);
  };

  const capTimer = clock.setTimeout(() => {
    log?.warn('turn: hard cap reached; giving up listening');
    stop('hard-cap');
  }, Math.max(0, startedAt + limits.hardCapMs - clock.now()));

  const onUserAbort = (): void => stop('stopped');
  if (opts.signal?.aborted) {
    stop('stopped');
    return out;
  }
  opts.signal?.addEventListener('abort', onUserAbort, { once: true });
  activity();

  const parser = createParser({
    onEvent: (msg) => {
      sawFrame = true;
      if (ended) return;
      const frame = decodeFrame(msg.data);
      switch (frame.kind) {
        case 'heartbeat':
          return;
        case 'done':
          // The typed shape's end of turn: the server may keep the connection open, so stop reading here.
          stop(errorMessage !== undefined ? 'error' : 'closed');
          return;
        case 'unparsable':
          // Older servers send the {"error":…} line as invalid JSON; a bad frame never kills the turn.
          log?.warn(`turn: skipped a frame that is not JSON: ${frame.data.slice(0, 120)}`);
          return;
        case 'error':
          activity();
          errorMessage = frame.message;
          out.push({ type: 'stream-error', message: frame.message });
          return;
        case 'event':
          activity();
          if (frame.plannerOutcome) plannerOutcome = frame.plannerOutcome;
          for (const tool of frame.tools) out.push({ type: 'tool', name: tool.name, phase: tool.phase });
          if (acc.apply(frame)) out.push({ type: 'text', text: acc.text() });
          return;
      }
    },
    onComment: () => {
      sawFrame = true; // `: keep-alive` heartbeats: keep waiting, no activity
    },
    onError: (err) => log?.warn(`turn: SSE parse problem: ${err.message}`),
  });

  void (async () => {
    if (!reader) {
      finish('closed');
      return;
    }
    const decoder = new TextDecoder();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (ended) return;
        if (done) break;
        const chunk = decoder.decode(value, { stream: true });
        if (!sawFrame && head.length < HEAD_LIMIT) head += chunk;
        parser.feed(chunk);
      }
      // A server may close right after a data line without the blank line that dispatches it: the two
      // newlines complete any partial line and dispatch any pending event (no-op when nothing is pending).
      const rest = decoder.decode();
      if (!sawFrame) head += rest;
      parser.feed(`${rest}\n\n`);
      if (ended) return;
      const rejected = !sawFrame ? jsonFailure(head) : undefined;
      if (rejected) {
        failure = rejected;
        finish('rejected');
        return;
      }
      finish(errorMessage !== undefined ? 'error' : 'closed');
    } catch (e) {
      if (ended) return;
      log?.warn(`turn: connection dropped: ${String(e)}`);
      finish('dropped');
    }
  })();

  return out;
}

/** A body that is one JSON object with a non-zero code (or `success:false`): the server's refusal, no turn ran. */
function jsonFailure(body: string): FailureInfo | undefined {
  const text = body.trim();
  if (!text.startsWith('{')) return undefined;
  const u = unwrap(200, text);
  return u.ok === false ? u.failure : undefined;
}
