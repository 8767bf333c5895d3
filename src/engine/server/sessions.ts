// Sessions: one JSON file per session (its draft, its uploads' metadata, cached analyses), written
// atomically on every change and loaded at start, so a restart loses nothing. Uploaded files live next to
// it in `uploads/`. A session belongs to one user; another user's session id answers 1002 like an unknown one.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Lang } from '../../core/i18n';
import type { CompactDraft, MediaInfo } from '../model';
import { errors } from './errors';
import { newSessionId, newTaskId, SESSION_ID } from './ids';
import { readJsonFile, writeJsonAtomic } from './json-store';

/** MediaInfo as persisted: `path` and `url` depend on the data folder and port, so they are rebuilt. */
export type StoredMedia = Omit<MediaInfo, 'path' | 'url'>;

export interface SessionRecord {
  sessionId: string;
  taskId: string;
  userId: string;
  taskName: string;
  language: Lang;
  createdAt: string;
  updatedAt: string;
  draft: CompactDraft | null;
  media: StoredMedia[];
  /** Per media id: cached silencedetect intervals (seconds). */
  analyses: Record<string, { silences?: Array<[number, number]> }>;
  turns: number;
}

export class SessionStore {
  private readonly root: string;
  private readonly sessions = new Map<string, SessionRecord>();

  constructor(dataDir: string) {
    this.root = path.join(dataDir, 'sessions');
    fs.mkdirSync(this.root, { recursive: true });
    for (const name of fs.readdirSync(this.root)) {
      if (!SESSION_ID.test(name)) continue;
      const rec = readJsonFile<SessionRecord>(this.file(name));
      if (rec && rec.sessionId === name) this.sessions.set(name, rec);
    }
  }

  private file(sid: string): string {
    return path.join(this.root, sid, 'session.json');
  }

  uploadsDir(sid: string): string {
    return path.join(this.root, sid, 'uploads');
  }

  async create(userId: string, taskName: string, language: Lang): Promise<SessionRecord> {
    let sid = newSessionId();
    while (this.sessions.has(sid)) sid = newSessionId();
    const now = new Date().toISOString();
    const rec: SessionRecord = {
      sessionId: sid, taskId: newTaskId(), userId, taskName, language,
      createdAt: now, updatedAt: now, draft: null, media: [], analyses: {}, turns: 0,
    };
    this.sessions.set(sid, rec);
    fs.mkdirSync(this.uploadsDir(sid), { recursive: true });
    await this.save(rec);
    return rec;
  }

  /** The user's session or a 1002 error (unknown, malformed, or someone else's). */
  get(userId: string, sid: unknown): SessionRecord {
    const id = typeof sid === 'number' ? String(sid) : sid;
    if (typeof id !== 'string' || !SESSION_ID.test(id)) throw errors.sessionNotFound(String(id ?? ''));
    const rec = this.sessions.get(id);
    if (!rec || rec.userId !== userId) throw errors.sessionNotFound(id);
    return rec;
  }

  /** Any user's session by id (for signed file URLs, whose signature already proves access). */
  getAny(sid: string): SessionRecord | undefined {
    return SESSION_ID.test(sid) ? this.sessions.get(sid) : undefined;
  }

  save(rec: SessionRecord): Promise<void> {
    rec.updatedAt = new Date().toISOString();
    return writeJsonAtomic(this.file(rec.sessionId), rec);
  }

  /** Absolute path of a stored upload (always inside the session's uploads folder). */
  mediaPath(sid: string, filename: string): string {
    return path.join(this.uploadsDir(sid), path.basename(filename));
  }
}
