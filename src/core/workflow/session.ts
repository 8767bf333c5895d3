// The current session of one backend connection: persisted through the StateStore (so it survives a
// restart and can be reopened), created on first need, recreated once when the server lost it (1002) with
// the lost session's uploads sent into the new one, and the last state fetched from it (decoded Timeline +
// the raw draft an export submits).
import * as path from 'node:path';
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
  /**
   * What was uploaded into this session (absolute paths and URLs), so that when the server loses the
   * session (1002) the same media can be uploaded into the new one before the message is sent again.
   */
  uploads?: string[];
}

function isUrl(s: string): boolean {
  return /^https?:\/\//i.test(s.trim());
}

/** A file's name (or a URL as is) for messages. */
function displayName(item: string): string {
  return isUrl(item) ? item : path.basename(item);
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
    await this.store.update(this.key, { taskId: session.taskId, sessionId: session.sessionId, createdAt: session.createdAt, ...(session.uploads ? { uploads: session.uploads } : {}) });
    this.forgetState();
  }

  private forgetState(): void {
    this.lastTimeline = null;
    this.lastDraft = undefined;
    this.lastMedia = undefined;
  }

  /**
   * Runs `fn` with the current session; on 1002 (session not found) recovers the session once (see
   * recover) and runs `fn` once more. Never more than one retry.
   */
  async with<T>(fn: (s: StoredSession) => Promise<T>, signal: AbortSignal | undefined, notice: (text: string) => void = this.notify): Promise<T> {
    const s = await this.ensure(signal);
    try {
      return await fn(s);
    } catch (e) {
      if (!(isNemoError(e) && e.kind === 'session')) throw e;
      return fn(await this.recover(signal, notice));
    }
  }

  /**
   * The one recovery for a lost session (1002): a new session, the files and URLs uploaded into the lost
   * one uploaded into it again (those that still exist), and the user told that the timeline restarted.
   */
  async recover(signal: AbortSignal | undefined, notice: (text: string) => void = this.notify): Promise<StoredSession> {
    const previous = this.current?.uploads ?? [];
    const fresh = await this.create(signal);
    const urls = previous.filter(isUrl);
    const files = previous.filter((p) => !isUrl(p));
    const existing: string[] = [];
    const gone: string[] = [];
    for (const f of files) {
      try {
        await this.client.checkUploadFiles([f]);
        existing.push(f);
      } catch {
        gone.push(f);
      }
    }
    if (existing.length) await this.client.uploadFiles(fresh.sessionId, existing, { signal });
    if (urls.length) await this.client.uploadUrls(fresh.sessionId, urls, signal);
    const again = [...existing, ...urls];
    if (again.length) await this.recordUploads(fresh, again);
    this.client.log.info(`session lost: new session ${fresh.sessionId}, ${again.length} upload(s) sent again`);
    notice(again.length ? t(this.lang, 'err.session.reuploaded', { files: again.map(displayName).join(', ') }) : t(this.lang, 'err.session.restarted'));
    if (gone.length) notice(t(this.lang, 'err.session.reuploadMissing', { files: gone.map(displayName).join(', ') }));
    return this.current ?? fresh;
  }

  /** Remembers uploads in the stored session (only if it is still the current one). */
  async recordUploads(session: StoredSession, items: string[]): Promise<void> {
    const current = this.current;
    if (!current || current.sessionId !== session.sessionId) return;
    const uploads = [...new Set([...(current.uploads ?? []), ...items])];
    await this.store.update(this.key, { ...current, uploads });
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
