// Export jobs: accepted at once, rendered in the background by renderDraft, one at a time per session
// (and, on this small machine, one at a time overall by default). Each job is a JSON file in renders/,
// rewritten atomically on every status change (progress at most every few percent), the MP4 next to it.
//
// Restart policy (documented in the report and ARCHITECTURE): a job that was `processing` when the engine
// stopped is marked `failed` with "engine restarted during render; export again" — a half-written render
// cannot be resumed, and silently re-running a long render the user may have given up on is worse than
// saying so. A job still `pending` never started, so it is simply queued again.
//
// Cancel (POST …/lambda/<id>/cancel): a pending job never starts; a running one has its ffmpeg killed
// (the render's AbortSignal), its work folder and partial output removed, and ends `cancelled`. A job that
// already finished is left as it is.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CompactDraft, FfmpegPaths, MediaInfo, RenderResult } from '../model';
import { type RenderCache, renderDraft, type SpanRenderStats } from '../render/index';
import { applyOutputOptions } from '../render/resolution';
import { readJsonFile, writeJsonAtomic } from './json-store';
import { SAFE_ID } from './ids';

/** Where a render's finished file lives in the data folder (written as `.part` and renamed when done). */
export function renderOutputPath(dataDir: string, id: string): string {
  return path.join(dataDir, 'renders', `${id}.mp4`);
}

/** Whether `id` can be a render id (safe as a file name). */
export function isRenderId(id: string): boolean {
  return SAFE_ID.test(id);
}

export type JobStatus = 'pending' | 'processing' | 'completed' | 'failed' | 'cancelled';

export interface RenderJob {
  id: string;
  sessionId: string;
  userId: string;
  status: JobStatus;
  progress: number;
  createdAt: string;
  startedAt?: string;
  completedAt?: string;
  error?: string;
  output: Record<string, unknown>;
  draft: CompactDraft;
  result?: RenderResult & { size: number };
}

export const RESTARTED_REASON = 'engine restarted during render; export again / 渲染过程中引擎重启，请重新导出';
export const CANCELLED_REASON = 'cancelled on request / 已按请求取消';
export const STOPPED_REASON = 'engine stopped during render; export again / 渲染过程中引擎已停止，请重新导出';

export interface RenderQueueDeps {
  ffmpeg: FfmpegPaths;
  /** The session's media with paths, at the time the job starts. */
  mediaFor(job: RenderJob): MediaInfo[];
  /** undefined when ffmpeg is usable; else the message saying what is missing and how to install it (waits for the check). */
  toolProblem(): Promise<string | undefined>;
  log(line: string): void;
  maxConcurrent: number;
  /** The render cache (spans of earlier exports); absent = every export renders whole. */
  cache?: RenderCache;
}

export class RenderQueue {
  private readonly dir: string;
  private readonly jobs = new Map<string, RenderJob>();
  private readonly running = new Map<string, { controller: AbortController; done: Promise<void> }>();
  /** Running jobs whose abort is a cancel (not the engine stopping). */
  private readonly cancelling = new Set<string>();
  private closed = false;
  private readonly waiters = new Set<{ id: string; wake: () => void }>();

  constructor(dataDir: string, private readonly deps: RenderQueueDeps) {
    this.dir = path.join(dataDir, 'renders');
    fs.mkdirSync(this.dir, { recursive: true });
    const restarted: RenderJob[] = [];
    for (const name of fs.readdirSync(this.dir)) {
      if (!name.endsWith('.json')) continue;
      const job = readJsonFile<RenderJob>(path.join(this.dir, name));
      if (!job || !SAFE_ID.test(job.id) || name !== `${job.id}.json`) continue;
      if (job.status === 'processing') {
        job.status = 'failed';
        job.error = RESTARTED_REASON;
        job.completedAt = new Date().toISOString();
        restarted.push(job);
      }
      this.jobs.set(job.id, job);
    }
    for (const job of restarted) {
      fs.rmSync(this.workDir(job.id), { recursive: true, force: true });
      // The renderer writes `<out>.part` and renames at the end: a crash leaves the half file behind.
      fs.rmSync(`${this.outputPath(job.id)}.part`, { force: true });
      void this.save(job);
    }
  }

  /** Starts queued (pending) jobs left from the last run. */
  resume(): void {
    this.pump();
  }

  outputPath(id: string): string {
    return renderOutputPath(path.dirname(this.dir), id);
  }

  private workDir(id: string): string {
    return path.join(this.dir, `${id}.work`);
  }

  /**
   * Writes the job's file, then wakes whoever waits on it. With `settled`, the job's final fields: they are
   * written first and applied to the job in memory only once on disk, so whoever reads a finished status
   * (status route, waiters) finds the job's file saying so too, and a crash right after cannot turn a
   * finished render back into 'engine restarted during render'.
   */
  private save(job: RenderJob, settled?: Partial<RenderJob>): Promise<void> {
    return writeJsonAtomic(path.join(this.dir, `${job.id}.json`), settled ? { ...job, ...settled } : job)
      .catch((e: Error) => this.deps.log(`render ${job.id}: could not save job: ${e.message}`))
      .finally(() => {
        if (settled) Object.assign(job, settled);
        for (const w of [...this.waiters]) if (w.id === job.id) w.wake();
      });
  }

  /**
   * Resolves the next time job `id` is saved (progress, completion, failure): an in-process client (the
   * CLI with --local) reads the status then instead of waiting out its poll interval. The signal ends the wait.
   */
  changed(id: string, signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const w = { id, wake: () => done() };
      const done = () => {
        this.waiters.delete(w);
        signal.removeEventListener('abort', done);
        resolve();
      };
      if (signal.aborted) return resolve();
      this.waiters.add(w);
      signal.addEventListener('abort', done, { once: true });
    });
  }

  get(id: string): RenderJob | undefined {
    return this.jobs.get(id);
  }

  async submit(job: Omit<RenderJob, 'status' | 'progress' | 'createdAt'>): Promise<RenderJob> {
    const full: RenderJob = { ...job, status: 'pending', progress: 0, createdAt: new Date().toISOString() };
    this.jobs.set(full.id, full);
    await this.save(full);
    this.pump();
    return full;
  }

  /**
   * Cancels a job and resolves once it is settled: pending → cancelled at once; processing → ffmpeg killed,
   * partial files removed, then cancelled; finished jobs are returned unchanged. Undefined for an unknown id.
   */
  async cancel(id: string): Promise<RenderJob | undefined> {
    const job = this.jobs.get(id);
    if (!job) return undefined;
    if (job.status === 'pending') {
      job.status = 'cancelled';
      job.error = CANCELLED_REASON;
      job.completedAt = new Date().toISOString();
      await this.save(job);
      this.deps.log(`render ${id}: cancelled before it started`);
      return job;
    }
    const run = this.running.get(id);
    if (job.status === 'processing' && run) {
      this.cancelling.add(id);
      run.controller.abort();
      await run.done;
    }
    return job;
  }

  private sessionBusy(sessionId: string): boolean {
    for (const id of this.running.keys()) if (this.jobs.get(id)?.sessionId === sessionId) return true;
    return false;
  }

  private pump(): void {
    if (this.closed) return;
    const pending = [...this.jobs.values()].filter((j) => j.status === 'pending').sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    for (const job of pending) {
      if (this.running.size >= this.deps.maxConcurrent) return;
      if (this.sessionBusy(job.sessionId)) continue;
      const controller = new AbortController();
      const done = this.run(job, controller.signal).finally(() => {
        this.running.delete(job.id);
        this.pump();
      });
      this.running.set(job.id, { controller, done });
    }
  }

  private async run(job: RenderJob, signal: AbortSignal): Promise<void> {
    job.status = 'processing';
    job.startedAt = new Date().toISOString();
    job.progress = 0;
    await this.save(job);
    this.deps.log(`render ${job.id}: started`);
    const work = this.workDir(job.id);
    let lastSaved = 0;
    const stats: Partial<SpanRenderStats> = {};
    // The outcome is decided below but shown only once the job is settled (work folder removed, a cancelled
    // render's files gone, completedAt set, the job's file written): a status read in between must never say
    // 'completed' with no completedAt or with scratch files still there.
    let outcome: Pick<RenderJob, 'status' | 'progress' | 'error' | 'result'>;
    let line: string;
    try {
      const problem = await this.deps.toolProblem();
      if (problem) throw new Error(problem);
      await fs.promises.mkdir(work, { recursive: true });
      const result = await renderDraft({
        draft: applyOutputOptions(job.draft, job.output),
        media: this.deps.mediaFor(job),
        outPath: this.outputPath(job.id),
        workDir: work,
        ffmpeg: this.deps.ffmpeg,
        signal,
        onProgress: (p: number) => {
          if (job.status !== 'processing') return;
          job.progress = Math.max(job.progress, Math.min(99, Math.round(p)));
          if (job.progress - lastSaved >= 5) {
            lastSaved = job.progress;
            void this.save(job);
          }
        },
      }, { cache: this.deps.cache, stats });
      if (signal.aborted) throw new Error(STOPPED_REASON);
      const st = await fs.promises.stat(this.outputPath(job.id));
      outcome = { status: 'completed', progress: 100, result: { ...result, size: st.size } };
      const reuse = stats.spans === undefined ? '' : stats.wholeReused ? ', unchanged: reused the cached export' : `, encoded ${stats.encodedSpans} of ${stats.spans} spans${stats.audioReused ? ', audio reused' : ''}`;
      line = `render ${job.id}: completed (${st.size} bytes, ${result.durationMs} ms of video${reuse})`;
    } catch (e) {
      if (this.cancelling.has(job.id)) {
        outcome = { status: 'cancelled', progress: job.progress, error: CANCELLED_REASON };
        line = `render ${job.id}: cancelled; ffmpeg stopped`;
      } else {
        const error = signal.aborted ? STOPPED_REASON : usefulMessage(e);
        outcome = { status: 'failed', progress: job.progress, error };
        line = `render ${job.id}: failed: ${error}`;
      }
    }
    await fs.promises.rm(work, { recursive: true, force: true }).catch(() => undefined);
    if (outcome.status === 'cancelled') {
      // Nothing of a cancelled render stays: not the half file, nor a finished one renamed just before.
      await fs.promises.rm(`${this.outputPath(job.id)}.part`, { force: true }).catch(() => undefined);
      await fs.promises.rm(this.outputPath(job.id), { force: true }).catch(() => undefined);
      this.cancelling.delete(job.id);
    }
    await this.save(job, { ...outcome, completedAt: new Date().toISOString() });
    this.deps.log(line);
  }

  /** Stops running renders (they become failed: "engine stopped…"); pending jobs stay queued for next start. */
  async close(): Promise<void> {
    this.closed = true;
    for (const r of this.running.values()) r.controller.abort();
    await Promise.allSettled([...this.running.values()].map((r) => r.done));
  }
}

function usefulMessage(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  return msg.trim().slice(0, 1000) || 'render failed';
}
