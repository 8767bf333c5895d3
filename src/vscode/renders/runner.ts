// Each job gets at most one "runner" in this window: poll until finished → download into the output folder
// under a readable unique name. The runner is independent of any progress notification, so "cancel" there
// only stops waiting: the job continues in the Render Jobs view. A runner never rejects: the error that
// stopped it is kept for whoever waits on it (lastError) and shown on the job's row.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { isFinished, isNemoError, type Workflow } from '../../core';
import { exportStem, resolveOutputFolder, uniqueFileName } from '../../core/render/naming';
import type { Services } from '../services';
import { errorText } from '../ui/errors';
import type { JobList } from './jobList';
import type { JobStore, TrackedJob } from './jobStore';
import { kitAfterDownload } from './kitStep';
import { translator, type Tr } from '../ui/l10n';

interface Runner {
  promise: Promise<TrackedJob>;
  controller: AbortController;
}

export function fileExists(p: string | undefined): p is string {
  return !!p && fs.existsSync(p);
}

export class JobRunner {
  private readonly runners = new Map<string, Runner>();
  /** The error that stopped a runner, for the notification of the export that waits on it. */
  private readonly lastErrors = new Map<string, unknown>();
  /** Output paths of downloads about to start, so two at once never pick the same name. */
  private readonly reserved = new Set<string>();

  private readonly tr: Tr;

  constructor(
    private readonly services: Services,
    private readonly list: JobList,
  ) {
    this.tr = translator(services);
  }

  isRunning(jobId: string): boolean {
    return this.runners.has(jobId);
  }

  lastError(jobId: string): unknown {
    return this.lastErrors.get(jobId);
  }

  /** Stops following the job in this window (the backend keeps rendering) and forgets its error. */
  stop(jobId: string): void {
    this.runners.get(jobId)?.controller.abort();
    this.lastErrors.delete(jobId);
  }

  stopAll(): void {
    for (const r of this.runners.values()) r.controller.abort();
  }

  /** The folder exports go to (setting → workspace/youtube-exports → ~/Videos → home). */
  outputFolder(): string {
    const ws = vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file');
    return resolveOutputFolder({
      setting: this.services.config.settings.outputFolder,
      workspaceFolder: ws?.uri.fsPath,
      home: os.homedir(),
      isDirectory: (p) => {
        try {
          return fs.statSync(p).isDirectory();
        } catch {
          return false;
        }
      },
    });
  }

  /** Starts (or joins) this window's runner for the job. Resolves with the job as it ended; never rejects. */
  run(job: TrackedJob, opts: { freshDownload?: boolean } = {}): Promise<TrackedJob> {
    const existing = this.runners.get(job.id);
    if (existing) return existing.promise;
    const controller = new AbortController();
    this.lastErrors.delete(job.id);
    const promise = this.runInner(job, controller.signal, opts).finally(() => this.runners.delete(job.id));
    this.runners.set(job.id, { promise, controller });
    return promise;
  }

  private async runInner(start: TrackedJob, signal: AbortSignal, opts: { freshDownload?: boolean }): Promise<TrackedJob> {
    let job = start;
    this.list.setActivity(job, { active: true });
    try {
      const { workflow, store } = await this.list.connect();
      if (!isFinished(job)) {
        job = await workflow.pollExport(job, { signal, onUpdate: (j) => this.list.jobChanged(j) });
      }
      if (job.status === 'completed' && (opts.freshDownload || !fileExists(job.localPath))) {
        // "Download again" of a file that still exists: a new name, never an overwrite.
        const base: TrackedJob = opts.freshDownload && fileExists(job.localPath) ? { ...job, localPath: undefined, fileName: undefined } : job;
        job = await this.download(workflow, store, base, signal);
        // The upload kit next to the new file (thumbnails, chapters, metadata, captions).
        this.list.setActivity(job, { active: true });
        await kitAfterDownload(this.services, this.tr, workflow, job, signal);
      }
      this.list.setActivity(job, { active: false });
      return this.list.latest(job);
    } catch (e) {
      if (isNemoError(e) && e.kind === 'cancelled') {
        this.list.setActivity(job, { active: false });
      } else {
        this.services.logger.warn(`render ${job.id}: ${errorText(e)}`);
        this.lastErrors.set(job.id, e);
        this.list.setActivity(job, { active: false, problem: errorText(e) });
      }
      return this.list.latest(job);
    }
  }

  /**
   * Chooses the file name: the one remembered for this job if it is still free (its `.part` is ours and
   * resumes), else a new unique readable name. Never an existing file.
   */
  private chooseFileName(job: TrackedJob, outDir: string): string {
    const free = (name: string): boolean => !this.reserved.has(path.join(outDir, name)) && !fs.existsSync(path.join(outDir, name));
    if (job.fileName && path.basename(job.fileName) === job.fileName && free(job.fileName)) return job.fileName;
    const stem = exportStem({ title: job.title ?? this.services.backend.timeline?.title, sessionId: job.sessionId, createdAt: job.createdAt });
    return uniqueFileName(stem, 'mp4', (name) => !free(name));
  }

  private async download(workflow: Workflow, store: JobStore, job: TrackedJob, signal: AbortSignal): Promise<TrackedJob> {
    const outDir = this.outputFolder();
    await fs.promises.mkdir(outDir, { recursive: true });
    const fileName = this.chooseFileName(job, outDir);
    const target = path.join(outDir, fileName);
    this.reserved.add(target);
    try {
      const remembered = await store.merge({ ...job, fileName });
      this.list.setActivity(job, { active: true, download: { received: 0 } });
      let lastFired = 0;
      return await workflow.download(remembered, outDir, {
        signal,
        fileName,
        onProgress: (received, total) => {
          // At most ~4 view updates a second: a fast local download calls this for every chunk.
          const now = Date.now();
          if (now - lastFired < 250 && received !== total) return;
          lastFired = now;
          this.list.setActivity(job, { active: true, download: { received, total } });
        },
      });
    } finally {
      this.reserved.delete(target);
    }
  }
}
