// Engine-only extension (the cloud has no such endpoint): preview proxies of a session's current draft.
// One folder per (session, key) under previews/, the key being the draft + the media it plays + the proxy
// settings, so asking again for an unchanged timeline answers at once from disk. A new draft stops the
// session's running proxy render (nobody wants the old one any more); the last few previews are kept so
// undo-like edits come back instantly, older ones are deleted.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FfmpegPaths, MediaInfo } from '../model';
import type { RenderCache, SpanRenderStats } from '../render/index';
import { buildPreview, checkPreviewInput, previewKey, PreviewError, type PreviewManifest, type PreviewProblem, readManifest } from '../preview/build';
import type { SessionRecord } from './sessions';

export type PreviewStatus = 'processing' | 'completed' | 'failed';

export interface PreviewJob {
  /** Empty when the draft could not even be keyed (nothing to show). */
  key: string;
  sessionId: string;
  status: PreviewStatus;
  progress: number;
  reason?: PreviewProblem;
  error?: string;
  manifest?: PreviewManifest;
}

/** Previews kept per session besides the newest. */
const KEEP = 3;
const KEY = /^[0-9a-f]{32}$/;

export interface PreviewDeps {
  ffmpeg: FfmpegPaths;
  /** undefined when ffmpeg is usable; else what is missing and how to install it (waits for the engine's check). */
  toolProblem(): Promise<string | undefined>;
  log(line: string): void;
  /** The engine's render cache, shared with exports (proxy spans are keyed apart from export spans). */
  cache?: RenderCache;
}

export class PreviewService {
  private readonly root: string;
  private readonly jobs = new Map<string, PreviewJob>();
  private readonly running = new Map<string, { key: string; controller: AbortController; done: Promise<void> }>();

  constructor(dataDir: string, private readonly deps: PreviewDeps) {
    this.root = path.join(dataDir, 'previews');
    // A proxy render cut short by a crash leaves its `<key>.part` folder: it can never complete.
    for (const sid of safeReaddir(this.root)) {
      for (const name of safeReaddir(path.join(this.root, sid))) {
        if (name.endsWith('.part')) fs.rmSync(path.join(this.root, sid, name), { recursive: true, force: true });
      }
    }
  }

  dir(sessionId: string, key: string): string {
    return path.join(this.root, sessionId, key);
  }

  /** A file of a finished preview, or undefined (bad key, unknown name, not built). */
  file(sessionId: string, key: string, name: string): string | undefined {
    if (!KEY.test(key) || !['proxy.webm', 'filmstrip.jpg'].includes(name)) return undefined;
    const dir = this.dir(sessionId, key);
    return readManifest(dir) ? path.join(dir, name) : undefined;
  }

  /** Starts (or reuses) the preview of the session's current draft. Never throws for bad input: it answers a failed job with its reason. */
  async start(session: SessionRecord, media: MediaInfo[]): Promise<PreviewJob> {
    const sid = session.sessionId;
    try {
      checkPreviewInput(session.draft, media);
    } catch (e) {
      if (e instanceof PreviewError) return { key: '', sessionId: sid, status: 'failed', progress: 0, reason: e.reason, error: e.message };
      throw e;
    }
    const draft = session.draft;
    const key = previewKey(draft, media);
    const id = `${sid}/${key}`;
    const dir = this.dir(sid, key);
    const manifest = readManifest(dir);
    if (manifest) {
      const done: PreviewJob = { key, sessionId: sid, status: 'completed', progress: 100, manifest };
      this.jobs.set(id, done);
      return done;
    }
    const current = this.jobs.get(id);
    if (current?.status === 'processing') return current;
    // Waits for the engine's ffmpeg check (only the first preview right after a start can see it running).
    const problem = await this.deps.toolProblem();
    if (problem) return { key, sessionId: sid, status: 'failed', progress: 0, reason: 'ffmpeg', error: problem };

    const previous = this.running.get(sid);
    if (previous && previous.key !== key) previous.controller.abort();
    const job: PreviewJob = { key, sessionId: sid, status: 'processing', progress: 0 };
    this.jobs.set(id, job);
    const controller = new AbortController();
    const done = (previous?.done ?? Promise.resolve()).then(() => this.build(job, session, draft, media, controller.signal));
    this.running.set(sid, { key, controller, done });
    void done.finally(() => {
      if (this.running.get(sid)?.controller === controller) this.running.delete(sid);
    });
    return job;
  }

  status(sessionId: string, key: string): PreviewJob | undefined {
    if (!KEY.test(key)) return undefined;
    const job = this.jobs.get(`${sessionId}/${key}`);
    if (job) return job;
    const manifest = readManifest(this.dir(sessionId, key));
    return manifest ? { key, sessionId, status: 'completed', progress: 100, manifest } : undefined;
  }

  private async build(job: PreviewJob, session: SessionRecord, draft: NonNullable<SessionRecord['draft']>, media: MediaInfo[], signal: AbortSignal): Promise<void> {
    const started = Date.now();
    const stats: Partial<SpanRenderStats> = {};
    try {
      if (signal.aborted) throw abortError();
      job.manifest = await buildPreview({
        draft, media, key: job.key, dir: this.dir(session.sessionId, job.key), ffmpeg: this.deps.ffmpeg, signal, cache: this.deps.cache, stats,
        onProgress: (p) => {
          job.progress = Math.max(job.progress, Math.min(99, Math.round(p)));
        },
      });
      job.status = 'completed';
      job.progress = 100;
      const spans = stats.spans === undefined ? 'rendered whole' : stats.wholeReused ? 'reused whole from the cache' : `${stats.encodedSpans} of ${stats.spans} spans encoded`;
      this.deps.log(`preview ${session.sessionId}/${job.key}: ${job.manifest.size} bytes in ${Date.now() - started} ms (${spans})`);
      this.prune(session.sessionId, job.key);
    } catch (e) {
      job.status = 'failed';
      if (signal.aborted) {
        job.reason = 'failed';
        job.error = 'Superseded by a newer edit. / 已有更新的编辑。';
      } else {
        job.reason = e instanceof PreviewError ? e.reason : 'failed';
        job.error = (e instanceof Error ? e.message : String(e)).slice(0, 1000) || 'preview render failed';
      }
      this.deps.log(`preview ${session.sessionId}/${job.key}: failed: ${job.error}`);
    }
  }

  /** Keeps the newest KEEP finished previews of a session (by folder time) and the one just made. */
  private prune(sessionId: string, keep: string): void {
    const base = path.join(this.root, sessionId);
    let names: string[];
    try {
      names = fs.readdirSync(base).filter((n) => KEY.test(n) && n !== keep);
    } catch {
      return;
    }
    const byAge = names.map((n) => ({ n, t: fs.statSync(path.join(base, n)).mtimeMs })).sort((a, b) => b.t - a.t);
    for (const { n } of byAge.slice(KEEP)) {
      fs.rmSync(path.join(base, n), { recursive: true, force: true });
      this.jobs.delete(`${sessionId}/${n}`);
    }
  }

  /** Stops running proxy renders (engine shutdown); their `.part` folders are removed by buildPreview. */
  async close(): Promise<void> {
    for (const r of this.running.values()) r.controller.abort();
    await Promise.allSettled([...this.running.values()].map((r) => r.done));
  }
}

function safeReaddir(dir: string): string[] {
  try {
    return fs.readdirSync(dir);
  } catch {
    return [];
  }
}

function abortError(): Error {
  const e = new Error('Preview cancelled');
  e.name = 'AbortError';
  return e;
}
