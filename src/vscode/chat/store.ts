// Transcripts persisted per backend + session in globalState, bounded so the store stays small: at most
// MAX_SESSIONS transcripts, each at most TRANSCRIPT_LIMITS.entries entries of bounded size. Pure: it takes a
// Memento-like store, so it is tested in plain Node.
import type { Entry } from '../../shared/protocol';
import { TRANSCRIPT_LIMITS } from './transcript';

export const CHAT_STORE_KEY = 'generatorYoutube.chat.transcripts';
export const MAX_SESSIONS = 20;

export interface KeyValueStore {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): PromiseLike<void>;
}

export interface SessionRef {
  backendKey: string;
  sessionId: string;
  taskId: string;
  createdAt: number;
}

export interface StoredTranscript {
  session: SessionRef;
  /** First user message, for the session list. */
  title: string;
  updatedAt: number;
  entries: Entry[];
}

type Stored = Record<string, StoredTranscript>;

export function transcriptKey(backendKey: string, sessionId: string): string {
  return `${backendKey}|${sessionId}`;
}

function isStoredTranscript(v: unknown): v is StoredTranscript {
  if (!v || typeof v !== 'object') return false;
  const t = v as Partial<StoredTranscript>;
  return !!t.session && typeof t.session.sessionId === 'string' && typeof t.session.backendKey === 'string' && Array.isArray(t.entries) && typeof t.updatedAt === 'number';
}

export class TranscriptStore {
  constructor(private readonly memento: KeyValueStore) {}

  private all(): Stored {
    const raw = this.memento.get<unknown>(CHAT_STORE_KEY);
    if (!raw || typeof raw !== 'object') return {};
    const out: Stored = {};
    for (const [k, v] of Object.entries(raw as Record<string, unknown>)) if (isStoredTranscript(v)) out[k] = v;
    return out;
  }

  load(backendKey: string, sessionId: string): StoredTranscript | undefined {
    return this.all()[transcriptKey(backendKey, sessionId)];
  }

  /** Sessions of one backend, most recently used first. */
  list(backendKey: string): StoredTranscript[] {
    return Object.values(this.all())
      .filter((t) => t.session.backendKey === backendKey)
      .sort((a, b) => b.updatedAt - a.updatedAt);
  }

  async save(session: SessionRef, entries: readonly Entry[], now: number): Promise<void> {
    const all = this.all();
    const firstUser = entries.find((e) => e.kind === 'user');
    const bounded = entries.slice(-TRANSCRIPT_LIMITS.entries);
    all[transcriptKey(session.backendKey, session.sessionId)] = {
      session,
      title: firstUser && firstUser.kind === 'user' ? firstUser.text.slice(0, 120) : '',
      updatedAt: now,
      entries: bounded,
    };
    // Keep the most recent MAX_SESSIONS transcripts, across backends.
    const keep = Object.entries(all)
      .sort((a, b) => b[1].updatedAt - a[1].updatedAt)
      .slice(0, MAX_SESSIONS);
    await this.memento.update(CHAT_STORE_KEY, Object.fromEntries(keep));
  }
}
