// The headless workflow: one per backend connection. It owns the current session (persisted through the
// StateStore), routes user messages (export/credits/status/upload → REST; everything else → one /run_sse
// turn), turns silent or dropped turns into a state-diff summary, and drives export → poll → download.
// The extension's UI and the CLI are thin front ends over this class.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ClaimLink, Credits, NemoClient, RenderOutput, UploadProgress } from './api/client';
import { action, badInput, cancelledError, isNemoError, NemoError, neverReachedServer } from './api/errors';
import type { UploadedFile } from './api/schemas';
import { translateGuiPhrases } from './chat/gui';
import { type Intent, routeIntent } from './chat/intents';
import { dropTrailingNoise } from './chat/noise';
import { progressLabel } from './chat/progress';
import { type Clock, realClock, sleepOn } from './clock';
import { decodeDraft, diffTimelines, isExportReady, summarizeTimeline, type Timeline } from './draft/timeline';
import { t, type Lang } from './i18n';
import { downloadRender } from './render/download';
import { DEFAULT_EXPORT_POLL_MS, type JobWake, pollExport as pollRender, submitExport } from './render/export';
import { isFinished, type RenderJob } from './render/job';
import type { KitJobDeps } from './kit/forJob';
import { isCaptionFile, mediaRefs, rememberAttachedCaptions, rememberUploadCaptions, saveExportSnapshot } from './kit/records';
import { parseCaptions } from './kit/captions';
import { ks } from './kit/strings';
import { type StateStore, STORE_KEYS } from './session/stores';
import { DEFAULT_TURN_LIMITS, readTurn, type TurnLimits } from './sse/turn';

/** What one user message produces, in order. The last event is always `done`. */
export type TurnEvent =
  /** The full visible text so far: REPLACE what was shown. */
  | { type: 'text'; text: string }
  /** Tool work in progress, e.g. "Editing timeline…". */
  | { type: 'progress'; label: string }
  /** Only heartbeats for a while: the backend is still busy. */
  | { type: 'still-working'; elapsedMs: number }
  /** What changed in the timeline, for turns that ended without text or dropped. */
  | { type: 'summary'; text: string; timeline: Timeline | null }
  /** Plain information worth showing (session restarted, connection dropped and not re-sent…). */
  | { type: 'notice'; text: string }
  | IntentEvent
  | { type: 'error'; error: NemoError }
  | { type: 'done'; outcome: TurnOutcome };

export type TurnOutcome = 'text' | 'silent' | 'dropped' | 'timed-out' | 'stopped' | 'error';

export type IntentEvent =
  | { type: 'intent'; intent: 'export'; job: RenderJob; text: string }
  | { type: 'intent'; intent: 'credits'; credits: Credits; text: string }
  | { type: 'intent'; intent: 'status'; timeline: Timeline; text: string }
  /** `needsFiles`: the user asked to upload but attached nothing; the front end should offer a picker. */
  | { type: 'intent'; intent: 'upload'; files: UploadedFile[]; text: string; needsFiles?: boolean };

export interface StoredSession {
  taskId: string;
  sessionId: string;
  createdAt: number;
}

export interface StatePollOptions {
  /** Wait before the first poll after a drop (contract: ~30 s). */
  firstMs: number;
  /** Wait between later polls (60 s). */
  nextMs: number;
  /** Give up after this many polls without change (5). */
  maxUnchanged: number;
}

export const DEFAULT_STATE_POLL: StatePollOptions = { firstMs: 30_000, nextMs: 60_000, maxUnchanged: 5 };

export interface WorkflowOptions {
  client: NemoClient;
  /** Where the session id and render jobs are persisted (globalState / the CLI's state file). */
  state: StateStore;
  lang?: Lang;
  clock?: Clock;
  turnLimits?: Partial<TurnLimits>;
  statePoll?: Partial<StatePollOptions>;
  /** Export status poll interval (setting; default 30 s). */
  exportPollMs?: number;
  /** With an in-process engine: resolves when a job changed, so export status is read at once (CLI --local). */
  exportWake?: JobWake;
  /** Called for notices raised outside `send` (e.g. the session was restarted during an upload). */
  onNotice?: (text: string) => void;
}

export interface UploadResult {
  files: UploadedFile[];
}

function isUrl(s: string): boolean {
  return /^https?:\/\//i.test(s.trim());
}

export class Workflow {
  readonly client: NemoClient;
  readonly lang: Lang;
  private readonly store: StateStore;
  private readonly clock: Clock;
  private readonly turnLimits?: Partial<TurnLimits>;
  private readonly statePoll: StatePollOptions;
  private readonly exportPollMs: number;
  private readonly exportWake?: JobWake;
  private readonly onNotice?: (text: string) => void;
  private lastTimeline: Timeline | null = null;
  private lastDraft: unknown = undefined;
  private lastMedia: unknown = undefined;
  private turnActive = false;

  constructor(opts: WorkflowOptions) {
    this.client = opts.client;
    this.lang = opts.lang ?? opts.client.lang;
    this.store = opts.state;
    this.clock = opts.clock ?? realClock;
    this.turnLimits = opts.turnLimits;
    this.statePoll = { ...DEFAULT_STATE_POLL, ...opts.statePoll };
    this.exportPollMs = opts.exportPollMs ?? DEFAULT_EXPORT_POLL_MS;
    this.exportWake = opts.exportWake;
    this.onNotice = opts.onNotice;
  }

  private get sessionKey(): string {
    return STORE_KEYS.session(this.client.backendKey);
  }

  private get jobsKey(): string {
    return STORE_KEYS.renderJobs(this.client.backendKey);
  }

  /** The session in use, if any (persisted across restarts). */
  get session(): StoredSession | undefined {
    const s = this.store.get<StoredSession>(this.sessionKey);
    return s && typeof s.sessionId === 'string' && typeof s.taskId === 'string' ? s : undefined;
  }

  /** True while a chat turn (one /run_sse) is being listened to. */
  get busy(): boolean {
    return this.turnActive;
  }

  /** The timeline from the last state fetch (null before the first). */
  get timeline(): Timeline | null {
    return this.lastTimeline;
  }

  async ensureSession(signal?: AbortSignal): Promise<StoredSession> {
    return this.session ?? this.newSession(signal);
  }

  async newSession(signal?: AbortSignal): Promise<StoredSession> {
    const s = await this.client.createSession(this.lang, signal);
    const stored: StoredSession = { ...s, createdAt: this.clock.now() };
    await this.store.update(this.sessionKey, stored);
    this.lastTimeline = null;
    this.lastDraft = undefined;
    this.client.log.info(`new session ${s.sessionId}`);
    return stored;
  }

  /**
   * Runs `fn` with the current session; on 1002 (session not found) creates a new session and runs it once
   * more, telling the user the timeline restarted. Never more than one retry.
   */
  private async withSession<T>(fn: (s: StoredSession) => Promise<T>, signal: AbortSignal | undefined, notice: (text: string) => void): Promise<T> {
    const s = await this.ensureSession(signal);
    try {
      return await fn(s);
    } catch (e) {
      if (!(isNemoError(e) && e.kind === 'session')) throw e;
      const fresh = await this.newSession(signal);
      notice(t(this.lang, 'err.session.restarted'));
      return fn(fresh);
    }
  }

  private notify = (text: string): void => {
    this.onNotice?.(text);
  };

  /** Fetches the state and decodes the draft. */
  async refreshState(signal?: AbortSignal): Promise<Timeline> {
    return this.withSession(async (s) => this.fetchTimeline(s.sessionId, signal), signal, this.notify);
  }

  private async fetchTimeline(sessionId: string, signal?: AbortSignal): Promise<Timeline> {
    const answer = await this.client.sessionState(sessionId, signal);
    this.lastDraft = answer.state.draft;
    this.lastMedia = answer.state.video_infos;
    this.lastTimeline = decodeDraft(answer.state.draft, this.lang);
    return this.lastTimeline;
  }

  async credits(signal?: AbortSignal): Promise<Credits> {
    return this.client.credits(signal);
  }

  async claimLink(signal?: AbortSignal): Promise<ClaimLink> {
    return this.withSession((s) => this.client.claimLink(s, signal), signal, this.notify);
  }

  /**
   * Uploads files and/or URLs. Files go in one multipart request (default) or, with `separately`, one request
   * per file (a failure then names the file and keeps the ones before it); URLs go in one JSON request.
   * Files are checked (type, size, existence) before anything is sent.
   */
  async upload(items: string[], opts: { onProgress?: (p: UploadProgress) => void; signal?: AbortSignal; separately?: boolean } = {}): Promise<UploadResult> {
    const urls = items.filter(isUrl);
    const files = items.filter((i) => !isUrl(i));
    if (items.length === 0) throw badInput(this.lang, t(this.lang, 'err.noFiles'));
    // Check before creating a session or sending anything: bad input loses nothing and costs nothing.
    const checked = files.length ? await this.client.checkUploadFiles(files) : [];
    const out: UploadedFile[] = [];
    await this.withSession(
      async (s) => {
        out.length = 0;
        if (checked.length && !opts.separately) out.push(...(await this.client.uploadFiles(s.sessionId, files, opts)).files);
        if (checked.length && opts.separately) {
          // Progress over all files: bytes of the finished files plus the current one's (framing excluded).
          const total = checked.reduce((n, f) => n + f.size, 0);
          let done = 0;
          for (const f of checked) {
            const r = await this.client.uploadFiles(s.sessionId, [f.path], {
              signal: opts.signal,
              onProgress: (p) => opts.onProgress?.({ sentBytes: done + Math.min(p.sentBytes, f.size), totalBytes: total }),
            });
            out.push(...r.files);
            done += f.size;
          }
        }
        // A caption file next to an uploaded clip is remembered for the export's kit (files come back in order).
        await rememberUploadCaptions(this.store, this.client.backendKey, s.sessionId, files, out.slice(0, files.length));
        if (urls.length) out.push(...(await this.client.uploadUrls(s.sessionId, urls, opts.signal)).files);
      },
      opts.signal,
      this.notify,
    );
    return { files: out };
  }

  /** Stored render jobs for this backend, newest first. */
  renderJobs(): RenderJob[] {
    const jobs = this.store.get<RenderJob[]>(this.jobsKey);
    return Array.isArray(jobs) ? [...jobs].sort((a, b) => b.createdAt - a.createdAt) : [];
  }

  private async saveJob(job: RenderJob): Promise<void> {
    const others = this.renderJobs().filter((j) => j.id !== job.id);
    await this.store.update(this.jobsKey, [job, ...others].slice(0, 50));
  }

  /**
   * Submits an export of the current draft (as the state gave it). One active export per session: an
   * unfinished stored job for this session is returned instead of starting another.
   */
  async startExport(opts: { output?: RenderOutput; signal?: AbortSignal } = {}): Promise<RenderJob> {
    const timeline = await this.refreshState(opts.signal);
    const session = await this.ensureSession(opts.signal);
    const active = this.renderJobs().find((j) => j.sessionId === session.sessionId && !isFinished(j));
    if (active) return active;
    if (!isExportReady(timeline)) throw badInput(this.lang, t(this.lang, 'err.notReady'), 'check-status');
    const job = await submitExport(this.client, session.sessionId, this.lastDraft, { output: opts.output, signal: opts.signal, clock: this.clock });
    await this.saveJob(job);
    // The upload kit reads the edit this video was made from, even if the timeline changes meanwhile.
    await saveExportSnapshot(this.store, this.client.backendKey, { jobId: job.id, sessionId: session.sessionId, draft: this.lastDraft, media: mediaRefs(this.lastMedia), at: this.clock.now() });
    return job;
  }

  /** What the upload kit needs from this connection (its store, backend key and the current state). */
  kitDeps(): KitJobDeps {
    return {
      store: this.store,
      backendKey: this.client.backendKey,
      currentState: async (signal) => {
        await this.refreshState(signal);
        return { draft: this.lastDraft, media: mediaRefs(this.lastMedia) };
      },
    };
  }

  /**
   * Caption files attached in the chat: checked (a malformed file is refused with its line number) and
   * remembered for the kit; the backend never receives them.
   */
  async attachCaptions(files: string[]): Promise<string> {
    for (const f of files) {
      let text: string;
      try {
        text = fs.readFileSync(f, 'utf8');
      } catch (e) {
        throw badInput(this.lang, t(this.lang, 'err.fileMissing', { path: f }) + ` (${(e as Error).message})`);
      }
      try {
        parseCaptions(text, path.basename(f));
      } catch (e) {
        throw badInput(this.lang, ks(this.lang, 'kit.captionError', { file: f, detail: (e as Error).message }));
      }
    }
    const s = await this.ensureSession();
    await rememberAttachedCaptions(this.store, this.client.backendKey, s.sessionId, files);
    return ks(this.lang, 'kit.captionsAttached', { files: files.map((f) => path.basename(f)).join(', ') });
  }

  /** Polls a job until it finishes; every update is persisted so a reload can resume. */
  async pollExport(job: RenderJob, opts: { signal?: AbortSignal; onUpdate?: (job: RenderJob) => void } = {}): Promise<RenderJob> {
    try {
      const done = await pollRender(this.client, job, {
        signal: opts.signal,
        intervalMs: this.exportPollMs,
        clock: this.clock,
        wake: this.exportWake,
        onUpdate: (j) => {
          void this.saveJob(j);
          opts.onUpdate?.(j);
        },
      });
      await this.saveJob(done);
      return done;
    } catch (e) {
      // A 4xx on the status (unknown id…) ends the job; transient failures and cancel keep it resumable.
      if (isNemoError(e) && e.kind !== 'cancelled' && e.kind !== 'network' && e.kind !== 'timeout' && !(e.httpStatus !== undefined && e.httpStatus >= 500)) {
        await this.saveJob({ ...job, status: 'failed', error: e.userMessage, updatedAt: this.clock.now() });
      }
      throw e;
    }
  }

  /** Downloads a completed job into outDir; returns the job with `localPath`. */
  async download(job: RenderJob, outDir: string, opts: { signal?: AbortSignal; onProgress?: (received: number, total: number | undefined) => void; fileName?: string } = {}): Promise<RenderJob> {
    if (job.status !== 'completed') {
      throw new NemoError({ kind: 'bad-input', userMessage: t(this.lang, 'err.exportFailed', { detail: job.error ?? job.status }), action: action(this.lang, 'check-status') });
    }
    const localPath = await downloadRender(this.client, job, outDir, opts);
    const saved = { ...job, localPath, updatedAt: this.clock.now() };
    await this.saveJob(saved);
    return saved;
  }

  /**
   * One user message. Export/credits/status/upload are handled here; anything else is exactly ONE
   * /run_sse request — never re-sent, even when the connection drops.
   */
  async *send(text: string, opts: { signal?: AbortSignal; attachments?: string[] } = {}): AsyncGenerator<TurnEvent> {
    const captionFiles = (opts.attachments ?? []).filter(isCaptionFile);
    const attachments = (opts.attachments ?? []).filter((a) => !isCaptionFile(a));
    const intent: Intent = routeIntent(text, { hasAttachments: attachments.length > 0 || captionFiles.length > 0 });
    const notices: string[] = [];
    const notice = (s: string): void => {
      notices.push(s);
    };
    try {
      if (captionFiles.length) {
        yield { type: 'notice', text: await this.attachCaptions(captionFiles) };
        if (intent === 'upload' && attachments.length === 0) {
          yield { type: 'done', outcome: 'text' };
          return;
        }
      }
      if (attachments.length) {
        const up = await this.upload(attachments, { signal: opts.signal });
        yield { type: 'intent', intent: 'upload', files: up.files, text: t(this.lang, 'upload.done', { count: up.files.length }) };
        if (intent === 'upload') {
          yield { type: 'done', outcome: 'text' };
          return;
        }
      }
      switch (intent) {
        case 'export': {
          const job = await this.startExport({ signal: opts.signal });
          yield { type: 'intent', intent: 'export', job, text: t(this.lang, 'export.started', { id: job.id }) };
          yield { type: 'done', outcome: 'text' };
          return;
        }
        case 'credits': {
          const c = await this.credits(opts.signal);
          yield { type: 'intent', intent: 'credits', credits: c, text: t(this.lang, 'credits.line', { available: c.available, frozen: c.frozen, total: c.total }) };
          yield { type: 'done', outcome: 'text' };
          return;
        }
        case 'status': {
          const tl = await this.refreshState(opts.signal);
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
        yield* this.chatTurn(text, opts.signal, notice, notices);
      } finally {
        this.turnActive = false;
      }
    } catch (e) {
      for (const n of notices.splice(0)) yield { type: 'notice', text: n };
      const err = isNemoError(e) ? e : new NemoError({ kind: 'server', userMessage: t(this.lang, 'err.server', { detail: String(e) }), action: action(this.lang, 'retry'), cause: e });
      if (err.kind === 'cancelled') {
        yield { type: 'done', outcome: 'stopped' };
        return;
      }
      yield { type: 'error', error: err };
      yield { type: 'done', outcome: 'error' };
    }
  }

  private async *chatTurn(text: string, signal: AbortSignal | undefined, notice: (s: string) => void, notices: string[]): AsyncGenerator<TurnEvent> {
    const session = await this.ensureSession(signal);
    // The state before the turn, to describe silent turns. A failure here must not block the message.
    let before: Timeline | null = null;
    try {
      before = await this.fetchTimeline(session.sessionId, signal);
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
    // Waiting for the response headers is guarded too: a server that never answers cannot hang the turn.
    let headerWaitExpired = false;
    const headerTimer = this.clock.setTimeout(() => {
      headerWaitExpired = true;
      fetchController.abort();
    }, Math.min(limits.heartbeatOnlyTimeoutMs, limits.hardCapMs));
    try {
      let res: Response;
      try {
        res = await this.withSession((s) => this.client.openTurn(s.sessionId, text, fetchController.signal), signal, (n) => {
          notice(n);
          before = null; // a new session: compare against an empty timeline
        });
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
            const finalText = this.client.redact(translateGuiPhrases(dropTrailingNoise(ev.text)));
            if (finalText !== shown) {
              shown = finalText;
              yield { type: 'text', text: finalText };
            }
            yield* this.endTurn(ev.end, shown, ev.errorMessage, before, signal);
            return;
          }
        }
      }
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
  }

  private async *endTurn(
    end: 'closed' | 'dropped' | 'timed-out' | 'hard-cap' | 'stopped' | 'error',
    shown: string,
    errorMessage: string | undefined,
    before: Timeline | null,
    signal: AbortSignal | undefined,
  ): AsyncGenerator<TurnEvent> {
    const minutes = (ms: number): number => Math.round(ms / 60_000);
    switch (end) {
      case 'closed':
        if (shown.trim() !== '') {
          yield { type: 'done', outcome: 'text' };
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
        yield { type: 'notice', text: t(this.lang, 'turn.stopped') };
        yield { type: 'done', outcome: 'stopped' };
        return;
      case 'dropped': {
        yield { type: 'notice', text: t(this.lang, 'turn.dropped') };
        try {
          const changed = await this.pollForChange(before, signal);
          yield changed
            ? { type: 'summary', text: t(this.lang, 'turn.silentChanged', { changes: changed.text }), timeline: changed.timeline }
            : { type: 'summary', text: t(this.lang, 'turn.droppedNoChange'), timeline: this.lastTimeline };
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
      const after = await this.refreshState(signal);
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
        const after = await this.refreshState(signal);
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
