// Over ~300 lines on purpose: the turn, its single recovery when /run_sse refuses before streaming, and the
// silent-turn / dropped-stream state polling share one state (the active-turn flag, and the state fetched before
// the turn that endTurn, silentSummary and pollForChange compare against); split apart, it would be passed around.
// One user message through the workflow. Export/credits/status/upload are answered over REST; anything
// else is exactly ONE /run_sse turn per connection at a time — never re-sent, even when the connection
// drops (then the state is polled and what changed is summarised). Silent turns are summarised from the
// state diff; the backend's GUI phrases are translated for an editor user.
import type { Credits, NemoClient } from '../api/client';
import { action, badInput, cancelledError, isNemoError, NemoError, neverReachedServer } from '../api/errors';
import { translateGuiPhrases } from '../chat/gui';
import { type Intent, routeIntent } from '../chat/intents';
import { dropTrailingNoise } from '../chat/noise';
import { progressLabel } from '../chat/progress';
import { type Clock, sleepOn } from '../clock';
import { decodeDraft, diffTimelines, summarizeTimeline, type Timeline } from '../draft/timeline';
import { t, type Lang } from '../i18n';
import { isCaptionFile } from '../kit/records';
import type { RenderJob } from '../render/job';
import { DEFAULT_TURN_LIMITS, readTurn, type StreamEnd, type TurnLimits } from '../sse/turn';
import type { TurnEvent, TurnStop } from './events';
import type { CurrentSession, StoredSession } from './session';
import type { UploadResult } from './uploads';

export interface StatePollOptions {
  /** Wait before the first poll after a drop (contract: ~30 s). */
  firstMs: number;
  /** Wait between later polls (60 s). */
  nextMs: number;
  /** Give up after this many polls without change (5). */
  maxUnchanged: number;
}

export const DEFAULT_STATE_POLL: StatePollOptions = { firstMs: 30_000, nextMs: 60_000, maxUnchanged: 5 };

/** What a turn needs from the rest of the workflow (the REST intents). */
export interface TurnServices {
  upload(items: string[], opts: { signal?: AbortSignal }): Promise<UploadResult>;
  startExport(opts: { signal?: AbortSignal }): Promise<RenderJob>;
  credits(signal?: AbortSignal): Promise<Credits>;
  /** Caption files attached in the chat: checked and remembered for the upload kit; returns the notice. */
  attachCaptions(files: string[]): Promise<string>;
}

export interface SendOptions {
  signal?: AbortSignal;
  attachments?: string[];
  /**
   * Awaited once the session the message goes to exists and before the message leaves: e.g. the chat panel
   * saves its transcript under that session, so a reload while the editor works finds it.
   */
  beforeSend?(session: StoredSession): Promise<void>;
}

export class ChatTurns {
  private turnActive = false;

  constructor(
    private readonly client: NemoClient,
    private readonly session: CurrentSession,
    private readonly rest: TurnServices,
    private readonly lang: Lang,
    private readonly clock: Clock,
    private readonly turnLimits: Partial<TurnLimits> | undefined,
    private readonly statePoll: StatePollOptions,
  ) {}

  /** True while a chat turn (one /run_sse) is being listened to. */
  get busy(): boolean {
    return this.turnActive;
  }

  /**
   * One user message. Export/credits/status/upload are handled here; anything else is exactly ONE
   * /run_sse request — never re-sent, even when the connection drops.
   */
  async *send(text: string, opts: SendOptions = {}): AsyncGenerator<TurnEvent> {
    const captionFiles = (opts.attachments ?? []).filter(isCaptionFile);
    const attachments = (opts.attachments ?? []).filter((a) => !isCaptionFile(a));
    const intent: Intent = routeIntent(text, { hasAttachments: attachments.length > 0 || captionFiles.length > 0 });
    const notices: string[] = [];
    const notice = (s: string): void => {
      notices.push(s);
    };
    // Whether anything that can change the project may have reached the backend (the message or an export
    // submit): a stop before that has nothing left to finish, and the user is told so.
    const reach = { sent: false };
    try {
      if (captionFiles.length) {
        yield { type: 'notice', text: await this.rest.attachCaptions(captionFiles) };
        if (intent === 'upload' && attachments.length === 0) {
          yield { type: 'done', outcome: 'text' };
          return;
        }
      }
      if (attachments.length) {
        const up = await this.rest.upload(attachments, { signal: opts.signal });
        yield { type: 'intent', intent: 'upload', files: up.files, text: t(this.lang, 'upload.done', { count: up.files.length }) };
        if (intent === 'upload') {
          yield { type: 'done', outcome: 'text' };
          return;
        }
      }
      switch (intent) {
        case 'export': {
          reach.sent = true;
          const job = await this.rest.startExport({ signal: opts.signal });
          yield { type: 'intent', intent: 'export', job, text: t(this.lang, 'export.started', { id: job.id }) };
          yield { type: 'done', outcome: 'text' };
          return;
        }
        case 'credits': {
          const c = await this.rest.credits(opts.signal);
          yield { type: 'intent', intent: 'credits', credits: c, text: t(this.lang, 'credits.line', { available: c.available, frozen: c.frozen, total: c.total }) };
          yield { type: 'done', outcome: 'text' };
          return;
        }
        case 'status': {
          const tl = await this.session.refresh(opts.signal);
          yield { type: 'intent', intent: 'status', timeline: tl, text: summarizeTimeline(tl, this.lang) };
          yield { type: 'done', outcome: 'text' };
          return;
        }
        case 'upload': {
          yield { type: 'intent', intent: 'upload', files: [], text: t(this.lang, 'upload.askFiles'), needsFiles: true };
          yield { type: 'done', outcome: 'text' };
          return;
        }
        case 'chat':
          break;
      }
      // One chat turn at a time per connection: a second /run_sse while one runs is duplicate work.
      if (this.turnActive) {
        yield { type: 'error', error: badInput(this.lang, t(this.lang, 'err.turnBusy'), 'none') };
        yield { type: 'done', outcome: 'error' };
        return;
      }
      this.turnActive = true;
      try {
        yield* this.chatTurn(text, opts, notice, notices, reach);
      } finally {
        this.turnActive = false;
      }
    } catch (e) {
      for (const n of notices.splice(0)) yield { type: 'notice', text: n };
      const err = isNemoError(e) ? e : new NemoError({ kind: 'server', userMessage: t(this.lang, 'err.server', { detail: String(e) }), action: action(this.lang, 'retry'), cause: e });
      if (err.kind === 'cancelled') {
        if (reach.sent) {
          yield stopNotice(this.lang, 'may-finish');
          yield { type: 'done', outcome: 'stopped' };
        } else {
          // Stopped while the session was being made, or before the message left: nothing to finish or check.
          yield stopNotice(this.lang, this.session.current ? 'not-sent' : 'no-session');
          yield { type: 'done', outcome: 'stopped', sent: false };
        }
        return;
      }
      yield { type: 'error', error: err };
      yield { type: 'done', outcome: 'error' };
    }
  }

  private async *chatTurn(text: string, opts: SendOptions, notice: (s: string) => void, notices: string[], reach: { sent: boolean }): AsyncGenerator<TurnEvent> {
    const signal = opts.signal;
    const session = await this.session.ensure(signal);
    // The message is about to go out to this session (often one just made for it): the front end keys what it
    // must keep by it now, not after the turn (a reload mid-turn must find the message and never re-send it).
    await opts.beforeSend?.(session);
    // The state before the turn, to describe silent turns. A failure here must not block the message.
    let before: Timeline | null = null;
    try {
      before = await this.session.fetch(session.sessionId, signal);
    } catch (e) {
      if (isNemoError(e) && e.kind === 'cancelled') throw e;
      this.client.log.warn(`state before turn unavailable: ${isNemoError(e) ? e.kind : String(e)}`);
    }
    // Our own controller for the fetch, linked to the user's signal by hand (AbortSignal.any leaks).
    const fetchController = new AbortController();
    const onAbort = (): void => fetchController.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    const limits = { ...DEFAULT_TURN_LIMITS, ...this.turnLimits };
    const startedAt = this.clock.now();
    // The single recovery for a refusal that came as the stream's whole body (one JSON error under an
    // event-stream Content-Type): no turn ran, so the message may go out once more — once.
    let recoveredRejection = false;
    const onNewSession = (n: string): void => {
      notice(n);
      before = null; // a new session: compare against an empty timeline
    };
    try {
      for (;;) {
        // Waiting for the response headers is guarded too: a server that never answers cannot hang the turn.
        let headerWaitExpired = false;
        const headerTimer = this.clock.setTimeout(() => {
          headerWaitExpired = true;
          fetchController.abort();
        }, Math.min(limits.heartbeatOnlyTimeoutMs, limits.hardCapMs));
        let res: Response;
        try {
          res = await this.session.with((s) => {
            reach.sent = true;
            return this.client.openTurn(s.sessionId, text, fetchController.signal);
          }, signal, onNewSession);
        } catch (e) {
          for (const n of notices.splice(0)) yield { type: 'notice', text: n };
          if (headerWaitExpired) {
            yield* this.endTurn('timed-out', '', undefined, before, signal);
            return;
          }
          if (signal?.aborted) {
            yield* this.endTurn('stopped', '', undefined, before, signal);
            return;
          }
          // A reset after the request left: the backend may be working on it. Never re-send; poll instead.
          if (isNemoError(e) && e.kind === 'network' && !neverReachedServer(e)) {
            yield* this.endTurn('dropped', '', undefined, before, signal);
            return;
          }
          throw e;
        } finally {
          this.clock.clearTimeout(headerTimer);
        }
        for (const n of notices.splice(0)) yield { type: 'notice', text: n };
        let shown = '';
        let lastLabel = '';
        let rejection: NemoError | undefined;
        for await (const ev of readTurn(res, { clock: this.clock, limits: this.turnLimits, signal, fetchController, log: this.client.log, startedAt })) {
          switch (ev.type) {
            case 'text': {
              const visible = this.client.redact(translateGuiPhrases(ev.text));
              if (visible !== shown) {
                shown = visible;
                yield { type: 'text', text: visible };
              }
              break;
            }
            case 'tool': {
              const label = progressLabel(ev.name, this.lang);
              if (ev.phase === 'call' && label !== lastLabel) {
                lastLabel = label;
                yield { type: 'progress', label };
              }
              break;
            }
            case 'still-working':
              yield { type: 'still-working', elapsedMs: ev.elapsedMs };
              break;
            case 'stream-error':
              break; // reported once at the end
            case 'end': {
              if (ev.end === 'rejected') {
                rejection = this.client.failureError(ev.failure ?? {});
                break;
              }
              const finalText = this.client.redact(translateGuiPhrases(dropTrailingNoise(ev.text)));
              if (finalText !== shown) {
                shown = finalText;
                yield { type: 'text', text: finalText };
              }
              yield* this.endTurn(ev.end, shown, ev.errorMessage, before, signal, ev.plannerOutcome === 'not-understood');
              return;
            }
          }
        }
        if (!rejection) return;
        if (recoveredRejection || (rejection.kind !== 'auth' && rejection.kind !== 'session')) throw rejection;
        recoveredRejection = true;
        if (rejection.kind === 'auth') await this.client.renewToken(rejection, signal);
        else await this.session.recover(signal, onNewSession);
      }
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
  }

  private async *endTurn(
    end: Exclude<StreamEnd, 'rejected'>,
    shown: string,
    errorMessage: string | undefined,
    before: Timeline | null,
    signal: AbortSignal | undefined,
    notUnderstood = false,
  ): AsyncGenerator<TurnEvent> {
    const minutes = (ms: number): number => Math.round(ms / 60_000);
    switch (end) {
      case 'closed':
        if (shown.trim() !== '') {
          yield { type: 'done', outcome: 'text', ...(notUnderstood ? { notUnderstood: true as const } : {}) };
          return;
        }
        yield await this.silentSummary(before, signal);
        yield { type: 'done', outcome: 'silent' };
        return;
      case 'error':
        yield {
          type: 'error',
          error: new NemoError({ kind: 'server', userMessage: t(this.lang, 'err.streamError', { detail: errorMessage ?? '' }), action: action(this.lang, 'check-status'), detail: errorMessage }),
        };
        yield { type: 'done', outcome: 'error' };
        return;
      case 'timed-out':
      case 'hard-cap': {
        const limits = { heartbeatOnlyTimeoutMs: 600_000, hardCapMs: 900_000, ...this.turnLimits };
        const userMessage =
          end === 'timed-out' ? t(this.lang, 'turn.timedOut', { minutes: minutes(limits.heartbeatOnlyTimeoutMs) }) : t(this.lang, 'turn.hardCap', { minutes: minutes(limits.hardCapMs) });
        yield { type: 'error', error: new NemoError({ kind: 'timeout', userMessage, action: action(this.lang, 'check-status') }) };
        yield { type: 'done', outcome: 'timed-out' };
        return;
      }
      case 'stopped':
        yield stopNotice(this.lang, 'may-finish');
        yield { type: 'done', outcome: 'stopped' };
        return;
      case 'dropped': {
        yield { type: 'notice', text: t(this.lang, 'turn.dropped') };
        try {
          const changed = await this.pollForChange(before, signal);
          yield changed
            ? { type: 'summary', text: t(this.lang, 'turn.silentChanged', { changes: changed.text }), timeline: changed.timeline }
            : { type: 'summary', text: t(this.lang, 'turn.droppedNoChange'), timeline: this.session.timeline };
          yield { type: 'done', outcome: 'dropped' };
        } catch {
          yield { type: 'done', outcome: 'stopped' };
        }
        return;
      }
    }
  }

  private async silentSummary(before: Timeline | null, signal: AbortSignal | undefined): Promise<TurnEvent> {
    try {
      const after = await this.session.refresh(signal);
      const diff = diffTimelines(before ?? decodeDraft(undefined, this.lang), after, this.lang);
      return { type: 'summary', text: diff ? t(this.lang, 'turn.silentChanged', { changes: diff }) : t(this.lang, 'turn.silentNoChange'), timeline: after };
    } catch (e) {
      if (isNemoError(e)) return { type: 'error', error: e };
      throw e;
    }
  }

  /**
   * After a dropped stream: wait ~30 s, then poll every 60 s until the state differs from `before`, giving up
   * after `maxUnchanged` polls without change. Throws a cancelled error when the user stops.
   */
  private async pollForChange(before: Timeline | null, signal: AbortSignal | undefined): Promise<{ text: string; timeline: Timeline } | null> {
    const base = before ?? decodeDraft(undefined, this.lang);
    let unchanged = 0;
    let wait = this.statePoll.firstMs;
    while (unchanged < this.statePoll.maxUnchanged) {
      try {
        await sleepOn(this.clock, wait, signal);
      } catch {
        throw cancelledError(this.lang);
      }
      wait = this.statePoll.nextMs;
      try {
        const after = await this.session.refresh(signal);
        const diff = diffTimelines(base, after, this.lang);
        if (diff) return { text: diff, timeline: after };
      } catch (e) {
        if (isNemoError(e) && e.kind === 'cancelled') throw e;
        this.client.log.warn(`state poll after drop failed: ${isNemoError(e) ? e.kind : String(e)}`);
      }
      unchanged++;
    }
    return null;
  }
}

const STOP_TEXT: Record<TurnStop, 'turn.stopped' | 'turn.stoppedNotSent' | 'turn.stoppedNoSession'> = {
  'no-session': 'turn.stoppedNoSession',
  'not-sent': 'turn.stoppedNotSent',
  'may-finish': 'turn.stopped',
};

/** The one notice that says what a Stop meant for the message; every front end shows or prints this text. */
function stopNotice(lang: Lang, stop: TurnStop): TurnEvent {
  return { type: 'notice', text: t(lang, STOP_TEXT[stop]), stop };
}
