// The current session of one backend connection: persisted through the StateStore (so it survives a
// restart and can be reopened), created on first need, recreated once when the server lost it (1002), and
// the last state fetched from it (decoded Timeline + the raw draft an export submits).
import type { NemoClient } from '../api/client';
import { isNemoError } from '../api/errors';
import type { Clock } from '../clock';
import { decodeDraft, type Timeline } from '../draft/timeline';
import { t, type Lang } from '../i18n';
import { type StateStore, STORE_KEYS } from '../session/stores';

export interface StoredSession {
  taskId: string;
  sessionId: string;
  createdAt: number;
}

export class CurrentSession {
  private lastTimeline: Timeline | null = null;
  private lastDraft: unknown = undefined;
  private lastMedia: unknown = undefined;

  constructor(
    private readonly client: NemoClient,
    private readonly store: StateStore,
    private readonly lang: Lang,
    private readonly clock: Clock,
    /** Where notices raised outside a chat turn go (e.g. the session restarted during an upload). */
    readonly notify: (text: string) => void,
  ) {}

  private get key(): string {
    return STORE_KEYS.session(this.client.backendKey);
  }

  /** The session in use, if any (persisted across restarts). */
  get current(): StoredSession | undefined {
    const s = this.store.get<StoredSession>(this.key);
    return s && typeof s.sessionId === 'string' && typeof s.taskId === 'string' ? s : undefined;
  }

  /** The timeline from the last state fetch (null before the first). */
  get timeline(): Timeline | null {
    return this.lastTimeline;
  }

  /** The draft as the state gave it (what an export submits). */
  get draft(): unknown {
    return this.lastDraft;
  }

  /** The state's media list (`video_infos`) as it came, for the upload kit. */
  get media(): unknown {
    return this.lastMedia;
  }

  async ensure(signal?: AbortSignal): Promise<StoredSession> {
    return this.current ?? this.create(signal);
  }

  async create(signal?: AbortSignal): Promise<StoredSession> {
    const s = await this.client.createSession(this.lang, signal);
    const stored: StoredSession = { ...s, createdAt: this.clock.now() };
    await this.store.update(this.key, stored);
    this.forgetState();
    this.client.log.info(`new session ${s.sessionId}`);
    return stored;
  }

  /** Makes an earlier session current again (its server session too: a 1002 later starts a fresh one). */
  async reopen(session: StoredSession): Promise<void> {
    await this.store.update(this.key, { taskId: session.taskId, sessionId: session.sessionId, createdAt: session.createdAt });
    this.forgetState();
  }

  private forgetState(): void {
    this.lastTimeline = null;
    this.lastDraft = undefined;
    this.lastMedia = undefined;
  }

  /**
   * Runs `fn` with the current session; on 1002 (session not found) creates a new session and runs it once
   * more, telling the user the timeline restarted. Never more than one retry.
   */
  async with<T>(fn: (s: StoredSession) => Promise<T>, signal: AbortSignal | undefined, notice: (text: string) => void = this.notify): Promise<T> {
    const s = await this.ensure(signal);
    try {
      return await fn(s);
    } catch (e) {
      if (!(isNemoError(e) && e.kind === 'session')) throw e;
      const fresh = await this.create(signal);
      notice(t(this.lang, 'err.session.restarted'));
      return fn(fresh);
    }
  }

  /** Fetches the state and decodes the draft (recovering a lost session once). */
  async refresh(signal?: AbortSignal): Promise<Timeline> {
    return this.with(async (s) => this.fetch(s.sessionId, signal), signal);
  }

  /** Fetches the state of this exact session (no recovery). */
  async fetch(sessionId: string, signal?: AbortSignal): Promise<Timeline> {
    const answer = await this.client.sessionState(sessionId, signal);
    this.lastDraft = answer.state.draft;
    this.lastMedia = answer.state.video_infos;
    this.lastTimeline = decodeDraft(answer.state.draft, this.lang);
    return this.lastTimeline;
  }
}
