// The headless workflow: one per backend connection, and the one surface every front end (the extension's
// UI, the CLI, agents) drives. It composes the pieces, one concept each:
//   session.ts  the current session (persisted, created on need, recovered once after a 1002) and its state
//   uploads.ts  files/URLs into the session, checked before anything is sent
//   exports.ts  submit → poll → name → download, persisted in the one job store (render/jobStore.ts)
//   chatTurn.ts one user message: REST intents, or exactly one /run_sse turn, never re-sent
//   captions.ts what the upload kit needs (caption files attached in the chat, the exported edit)
// Front ends never reach past this class into the client or the stores: what they need is a method here.
import type { ClaimLink, Credits, NemoClient, RenderOutput, TokenInfo } from '../api/client';
import { type Clock, realClock } from '../clock';
import type { Timeline } from '../draft/timeline';
import type { Lang } from '../i18n';
import { DEFAULT_EXPORT_POLL_MS, type JobWake } from '../render/export';
import type { RenderJob } from '../render/job';
import type { JobStore, TrackedJob } from '../render/jobStore';
import type { StateStore } from '../session/stores';
import type { TurnLimits } from '../sse/turn';
import { ChatTurns, DEFAULT_STATE_POLL, type SendOptions, type StatePollOptions } from './chatTurn';
import type { TurnEvent } from './events';
import { type CancelResult, Exports, type SaveExportOptions, type SavedExport } from './exports';
import { CurrentSession, type StoredSession } from './session';
import { uploadItems, type UploadOptions, type UploadResult } from './uploads';
import { attachCaptions, kitDeps } from './captions';
import type { KitJobDeps } from '../kit/forJob';

export type { IntentEvent, TurnEvent, TurnOutcome, TurnStop } from './events';
export { DEFAULT_STATE_POLL, type SendOptions, type StatePollOptions } from './chatTurn';
export type { CancelResult, ExportKitOptions, SaveExportOptions, SavedExport } from './exports';
export type { StoredSession } from './session';
export type { UploadOptions, UploadResult } from './uploads';

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
  /**
   * The backend runs on this machine and reads files itself (the local engine): uploads name files by
   * file:// URL (the contract's URL upload) instead of sending their bytes. The CLI's --local sets it: a
   * 15 MB clip then takes the engine one file copy (~0.05 s) instead of a loopback multipart upload (~0.3 s
   * of CPU in the one Node thread that is both client and engine). Never for the cloud.
   */
  filesByPath?: boolean;
  /**
   * The local engine on this machine: where it keeps a finished render (its data folder). The download then
   * copies that file (11.5 MB in ~15 ms) instead of fetching it over loopback HTTP (~0.1 s of the one Node
   * thread that is both client and engine). Undefined for an id it does not know. Never for the cloud.
   */
  localRenderFile?: (jobId: string) => string | undefined;
}

export class Workflow {
  readonly client: NemoClient;
  readonly lang: Lang;
  private readonly sessions: CurrentSession;
  private readonly exports: Exports;
  private readonly turns: ChatTurns;
  private readonly state: StateStore;

  private readonly filesByPath: boolean;

  constructor(opts: WorkflowOptions) {
    this.client = opts.client;
    this.filesByPath = opts.filesByPath ?? false;
    this.lang = opts.lang ?? opts.client.lang;
    const clock = opts.clock ?? realClock;
    this.state = opts.state;
    this.sessions = new CurrentSession(opts.client, opts.state, this.lang, clock, (text) => opts.onNotice?.(text));
    this.exports = new Exports(opts.client, opts.state, this.sessions, this.lang, clock, opts.exportPollMs ?? DEFAULT_EXPORT_POLL_MS, opts.exportWake, opts.localRenderFile);
    this.turns = new ChatTurns(opts.client, this.sessions, this, this.lang, clock, opts.turnLimits, { ...DEFAULT_STATE_POLL, ...opts.statePoll });
  }

  /** Which backend this connection talks to: the key its session, token and jobs are stored under. */
  get backendKey(): string {
    return this.client.backendKey;
  }

  // ---- session ---------------------------------------------------------------------------------------

  /** The session in use, if any (persisted across restarts). */
  get session(): StoredSession | undefined {
    return this.sessions.current;
  }

  /** The timeline from the last state fetch (null before the first). */
  get timeline(): Timeline | null {
    return this.sessions.timeline;
  }

  ensureSession(signal?: AbortSignal): Promise<StoredSession> {
    return this.sessions.ensure(signal);
  }

  newSession(signal?: AbortSignal): Promise<StoredSession> {
    return this.sessions.create(signal);
  }

  /** Makes an earlier session current again (the chat's "reopen a previous session"). */
  reopenSession(session: StoredSession): Promise<void> {
    return this.sessions.reopen(session);
  }

  /** Fetches the state and decodes the draft. */
  refreshState(signal?: AbortSignal): Promise<Timeline> {
    return this.sessions.refresh(signal);
  }

  // ---- account ---------------------------------------------------------------------------------------

  credits(signal?: AbortSignal): Promise<Credits> {
    return this.client.credits(signal);
  }

  /** Who the token belongs to (anonymous or an account), for the register / top-up links. */
  identity(): Promise<TokenInfo> {
    return this.client.identity();
  }

  claimLink(signal?: AbortSignal): Promise<ClaimLink> {
    return this.sessions.with((s) => this.client.claimLink(s, signal), signal);
  }

  // ---- uploads ---------------------------------------------------------------------------------------

  /** Checks type, size and existence of local files before anything is sent (throws a NemoError). */
  async checkUploadFiles(files: string[]): Promise<void> {
    await this.client.checkUploadFiles(files);
  }

  upload(items: string[], opts: UploadOptions = {}): Promise<UploadResult> {
    return uploadItems(this.client, this.state, this.sessions, this.lang, items, { byPath: this.filesByPath, ...opts });
  }

  // ---- exports ---------------------------------------------------------------------------------------

  /** The stored render jobs of this backend (the one job store; front ends add their own fields). */
  get jobs(): JobStore {
    return this.exports.store;
  }

  /** Stored render jobs for this backend, newest first. */
  renderJobs(): TrackedJob[] {
    return this.exports.store.all();
  }

  /**
   * Submits an export of the current draft (as the state gave it). One active export per session: an
   * unfinished stored job for this session is returned instead of starting another.
   */
  startExport(opts: { output?: RenderOutput; signal?: AbortSignal } = {}): Promise<RenderJob> {
    return this.exports.start(opts);
  }

  /** Polls a job until it finishes; every update is persisted so a reload can resume. */
  pollExport(job: RenderJob, opts: { signal?: AbortSignal; onUpdate?: (job: RenderJob) => void } = {}): Promise<RenderJob> {
    return this.exports.poll(job, opts);
  }

  /**
   * Cancels an export (`id`, or this session's running one); the stored job becomes `cancelled`. Where the
   * server cannot cancel (404) the job is left as it is and the result says so (see exports.ts).
   */
  cancelExport(id?: string, signal?: AbortSignal): Promise<CancelResult> {
    return this.exports.cancel(id, signal);
  }

  /** Downloads a completed job into outDir; returns the job with `localPath`. */
  download(job: RenderJob, outDir: string, opts: { signal?: AbortSignal; onProgress?: (received: number, total: number | undefined) => void; fileName?: string } = {}): Promise<RenderJob> {
    return this.exports.download(job, outDir, opts);
  }

  /** Export → poll → name → download, the same for every front end (see exports.ts). */
  saveExport(job: TrackedJob, opts: SaveExportOptions): Promise<SavedExport> {
    return this.exports.save(job, opts);
  }

  // ---- the upload kit ------------------------------------------------------------------------------

  /** What the upload kit needs from this connection (its store, backend key and the current state). */
  kitDeps(): KitJobDeps {
    return kitDeps(this.client, this.state, this.sessions);
  }

  /**
   * Caption files attached in the chat: checked (a malformed file is refused with its line number) and
   * remembered for the kit; the backend never receives them.
   */
  attachCaptions(files: string[]): Promise<string> {
    return attachCaptions(this.client, this.state, this.sessions, this.lang, files);
  }

  // ---- chat ------------------------------------------------------------------------------------------

  /** True while a chat turn (one /run_sse) is being listened to. */
  get busy(): boolean {
    return this.turns.busy;
  }

  /**
   * One user message. Export/credits/status/upload are handled here; anything else is exactly ONE
   * /run_sse request — never re-sent, even when the connection drops.
   */
  send(text: string, opts: SendOptions = {}): AsyncGenerator<TurnEvent> {
    return this.turns.send(text, opts);
  }
}
