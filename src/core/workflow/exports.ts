// Exports of one backend connection: submit (one active export per session), poll, and the one
// export → poll → name → download flow every front end uses (the extension's Render Jobs runner, the CLI,
// agents). Every update is persisted in the one job store (render/jobStore.ts) so a reload can resume.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { NemoClient, RenderOutput } from '../api/client';
import { action, badInput, isNemoError, NemoError } from '../api/errors';
import type { Clock } from '../clock';
import { isExportReady } from '../draft/timeline';
import { t, type Lang } from '../i18n';
import { downloadRender } from '../render/download';
import { type JobWake, pollExport as pollRender, submitExport } from '../render/export';
import { isFinished, type RenderJob } from '../render/job';
import type { KitResult } from '../kit/build';
import { kitForJob, type KitJobOptions } from '../kit/forJob';
import { mediaRefs, saveExportSnapshot } from '../kit/records';
import type { WhisperConfig } from '../kit/transcribe';
import { resolveFfmpegPaths } from '../media/ffmpegPaths';
import { JobStore, type TrackedJob } from '../render/jobStore';
import { exportStem, uniqueFileName } from '../render/naming';
import type { StateStore } from '../session/stores';
import { kitDeps } from './captions';
import type { CurrentSession } from './session';

/** How the upload kit is made after a download (every front end passes its own settings). */
export interface ExportKitOptions {
  /** ffmpeg binary or folder; default: \`ffmpeg\`/\`ffprobe\` on PATH. */
  ffmpeg?: string;
  /** The user's whisper.cpp, if any (else the kit says there is no transcriber). */
  whisper?: WhisperConfig;
  /** Also burn the captions into \`<stem>.captioned.mp4\`; default: when the draft asks for it. */
  burn?: boolean;
  /** Kit progress (called once with 'captions' as it starts). */
  onProgress?: KitJobOptions['onProgress'];
}

/** What saveExport ended with: the job, and the upload kit when a new file was downloaded. */
export interface SavedExport {
  job: TrackedJob;
  /** The kit written next to the new MP4. */
  kit?: KitResult;
  /** Why the kit could not be made (the video is saved all the same). */
  kitError?: unknown;
}

export interface SaveExportOptions {
  /** The folder the MP4 goes to. */
  outDir: string;
  signal?: AbortSignal;
  /** "Download again": a new file under a new name even when the job's file still exists. */
  fresh?: boolean;
  /** Title for the readable file name when the job remembers none (default: the last fetched timeline's). */
  title?: string | null;
  /** Every poll update. */
  onUpdate?: (job: RenderJob) => void;
  /** Download progress; called once with 0 when the download starts. */
  onDownload?: (received: number, total: number | undefined) => void;
  /**
   * The upload kit next to every newly downloaded MP4 (thumbnails, chapters, metadata, captions): on unless
   * \`false\`. Made here, in the one export flow, so every front end (extension, CLI, MCP) gets the same kit.
   */
  kit?: ExportKitOptions | false;
}

/** What `cancel` achieved, with the sentence to show. */
export interface CancelResult {
  /** 'unknown-job': the server has no export with this id, so nothing is running there (nothing to cancel). */
  outcome: 'cancelled' | 'not-supported' | 'unknown-job' | 'already-finished';
  job: RenderJob;
  text: string;
}

export class Exports {
  readonly store: JobStore;
  /** Output paths of downloads about to start, so two at once never pick the same name. */
  private readonly reserved = new Set<string>();

  constructor(
    private readonly client: NemoClient,
    private readonly state: StateStore,
    private readonly session: CurrentSession,
    private readonly lang: Lang,
    private readonly clock: Clock,
    private readonly pollMs: number,
    /** With an in-process engine: resolves when a job changed, so its status is read at once. */
    private readonly wake?: JobWake,
    /** The local engine's own file for a finished job (WorkflowOptions.localRenderFile). */
    private readonly localRenderFile?: (jobId: string) => string | undefined,
  ) {
    this.store = new JobStore(state, client.backendKey);
  }

  /**
   * Submits an export of the current draft (as the state gave it). One active export per session: an
   * unfinished stored job for this session is returned instead of starting another.
   */
  async start(opts: { output?: RenderOutput; signal?: AbortSignal } = {}): Promise<RenderJob> {
    const timeline = await this.session.refresh(opts.signal);
    const session = await this.session.ensure(opts.signal);
    const active = this.store.all().find((j) => j.sessionId === session.sessionId && !isFinished(j));
    if (active) return active;
    if (!isExportReady(timeline)) throw badInput(this.lang, t(this.lang, 'err.notReady'), 'check-status');
    const job = await submitExport(this.client, session.sessionId, this.session.draft, { output: opts.output, signal: opts.signal, clock: this.clock });
    await this.store.merge(job);
    // The upload kit reads the edit this video was made from, even if the timeline changes meanwhile.
    await saveExportSnapshot(this.state, this.client.backendKey, { jobId: job.id, sessionId: session.sessionId, draft: this.session.draft, media: mediaRefs(this.session.media), at: this.clock.now() });
    return job;
  }

  /** Polls a job until it finishes; every update is persisted so a reload can resume. */
  async poll(job: RenderJob, opts: { signal?: AbortSignal; onUpdate?: (job: RenderJob) => void } = {}): Promise<RenderJob> {
    try {
      const done = await pollRender(this.client, job, {
        signal: opts.signal,
        intervalMs: this.pollMs,
        clock: this.clock,
        wake: this.wake,
        onUpdate: (j) => {
          void this.store.merge(j);
          opts.onUpdate?.(j);
        },
      });
      await this.store.merge(done);
      return done;
    } catch (e) {
      // A 4xx on the status (unknown id…) ends the job; transient failures and cancel keep it resumable.
      if (isNemoError(e) && e.kind !== 'cancelled' && e.kind !== 'network' && e.kind !== 'timeout' && !(e.httpStatus !== undefined && e.httpStatus >= 500)) {
        await this.store.merge({ ...job, status: 'failed', error: e.userMessage, updatedAt: this.clock.now() });
      }
      throw e;
    }
  }

  /**
   * Cancels an export: `id`, or (none given) this session's running one. The server stops it and the stored
   * job becomes `cancelled`; an older server without cancel (404) leaves the job as it is — the caller stops
   * following it and says the backend may still finish it. A server that has no job with this id says so
   * (nothing is running): a stored job ends `failed` with that reason, as when its status poll is refused.
   * A job already finished is not sent anything.
   */
  async cancel(id?: string, signal?: AbortSignal): Promise<CancelResult> {
    const jobs = this.store.all();
    const sessionId = this.session.current?.sessionId;
    const known = id ? jobs.find((j) => j.id === id) : jobs.find((j) => j.sessionId === sessionId && !isFinished(j));
    if (!id && !known) throw badInput(this.lang, t(this.lang, 'export.noneRunning'), 'check-status');
    const now = this.clock.now();
    const job: RenderJob = known ?? { id: id as string, sessionId: sessionId ?? '', status: 'processing', progress: 0, createdAt: now, updatedAt: now };
    if (isFinished(job)) return { outcome: 'already-finished', job, text: t(this.lang, 'export.cancelFinished', { id: job.id, status: job.status }) };
    const answer = await this.client.cancelRender(job.id, signal);
    if (answer.outcome === 'not-supported') {
      this.client.log.warn(`export ${job.id}: the server cannot cancel (404); no longer followed here`);
      return { outcome: 'not-supported', job, text: t(this.lang, 'export.cancelNotSupported', { id: job.id }) };
    }
    if (answer.outcome === 'unknown-job') {
      const text = t(this.lang, 'export.cancelUnknown', { id: job.id });
      const ended: RenderJob = { ...job, status: 'failed', error: text, updatedAt: this.clock.now() };
      return { outcome: 'unknown-job', job: known ? await this.store.merge(ended) : ended, text };
    }
    // The server may report the job finished meanwhile (completed before the cancel arrived): keep its word.
    const reported = answer.status?.status;
    const status = reported === 'completed' || reported === 'failed' ? reported : 'cancelled';
    const updated: RenderJob = { ...job, status, updatedAt: this.clock.now(), ...(status === 'completed' && answer.status?.outputUrl ? { outputUrl: answer.status.outputUrl } : {}) };
    // Saved through the one job store (a merge: the front ends' own fields on the job are kept).
    const saved = known ? await this.store.merge(updated) : updated;
    if (status !== 'cancelled') return { outcome: 'already-finished', job: saved, text: t(this.lang, 'export.cancelFinished', { id: job.id, status }) };
    return { outcome: 'cancelled', job: saved, text: t(this.lang, 'export.cancelled', { id: job.id }) };
  }

  /** Downloads a completed job into outDir; returns the job with `localPath`. */
  async download(job: RenderJob, outDir: string, opts: { signal?: AbortSignal; onProgress?: (received: number, total: number | undefined) => void; fileName?: string } = {}): Promise<RenderJob> {
    if (job.status !== 'completed') {
      throw new NemoError({ kind: 'bad-input', userMessage: t(this.lang, 'err.exportFailed', { detail: job.error ?? job.status }), action: action(this.lang, 'check-status') });
    }
    const localPath = await downloadRender(this.client, job, outDir, { ...opts, localFile: this.localRenderFile?.(job.id) });
    return this.store.merge({ ...job, localPath, updatedAt: this.clock.now() });
  }

  /**
   * Export → poll → name → download: waits for the job (if unfinished), then, when it completed and its
   * file is not there (or `fresh`), saves it under a readable unique name (`<title>-<yyyy-mm-dd-hhmm>.mp4`):
   * the name remembered for this job if still free (its `.part` resumes), never an existing file. Resolves
   * with the job as it ended (a failed job is returned, not thrown); throws what stopped the poll/download.
   */
  async save(start: TrackedJob, opts: SaveExportOptions): Promise<SavedExport> {
    let job: TrackedJob = start;
    if (!isFinished(job)) job = await this.poll(job, { signal: opts.signal, onUpdate: opts.onUpdate });
    if (job.status !== 'completed') return { job: this.latest(job) };
    const exists = (p: string | undefined): boolean => !!p && fs.existsSync(p);
    if (!opts.fresh && exists(job.localPath)) return { job: this.latest(job) };
    // "Download again" of a file that still exists: a new name, never an overwrite.
    const base: TrackedJob = opts.fresh && exists(job.localPath) ? { ...job, localPath: undefined, fileName: undefined } : job;
    const fileName = this.chooseFileName(base, opts.outDir, opts.title);
    const target = path.join(opts.outDir, fileName);
    this.reserved.add(target);
    let saved: TrackedJob;
    try {
      const remembered = await this.store.merge({ ...base, fileName });
      opts.onDownload?.(0, undefined);
      await this.download(remembered, opts.outDir, { signal: opts.signal, fileName, onProgress: opts.onDownload });
      saved = this.latest(remembered);
    } finally {
      this.reserved.delete(target);
    }
    return { job: saved, ...(await this.makeKit(saved, opts)) };
  }

  /**
   * The upload kit next to a newly downloaded MP4. A kit that cannot be made never fails the export (the
   * video is saved): the reason is returned for the front end to show. Stopping during the kit leaves none.
   */
  private async makeKit(job: TrackedJob, opts: SaveExportOptions): Promise<Omit<SavedExport, 'job'>> {
    if (opts.kit === false || !job.localPath) return {};
    const k = opts.kit ?? {};
    try {
      const kit = await kitForJob(kitDeps(this.client, this.state, this.session), job, {
        lang: this.lang, ffmpeg: resolveFfmpegPaths(k.ffmpeg), whisper: k.whisper, burn: k.burn, signal: opts.signal, onProgress: k.onProgress,
      });
      for (const n of kit.notices) this.client.log.info(`kit ${job.id}: ${n}`);
      return { kit };
    } catch (e) {
      if (opts.signal?.aborted) return {};
      this.client.log.warn(`kit ${job.id}: ${e instanceof Error ? e.message : String(e)}`);
      return { kitError: e };
    }
  }

  private latest(job: TrackedJob): TrackedJob {
    return this.store.get(job.id) ?? job;
  }

  private chooseFileName(job: TrackedJob, outDir: string, title: string | null | undefined): string {
    const free = (name: string): boolean => !this.reserved.has(path.join(outDir, name)) && !fs.existsSync(path.join(outDir, name));
    if (job.fileName && path.basename(job.fileName) === job.fileName && free(job.fileName)) return job.fileName;
    const stem = exportStem({ title: job.title ?? title ?? this.session.timeline?.title, sessionId: job.sessionId, createdAt: job.createdAt });
    return uniqueFileName(stem, 'mp4', (name) => !free(name));
  }
}
