// Each job gets at most one "runner" in this window: the core's export → poll → name → download flow
// (Workflow.saveExport) into the output folder, with its progress shown on the job's row. The runner is
// independent of any progress notification; stopping it only stops following (cancelling the render on the
// backend is jobActions.ts's Cancel Export, which stops the runner first). A runner never rejects: the error that
// stopped it is kept for whoever waits on it (lastError) and shown on the job's row.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as vscode from 'vscode';
import { isNemoError, resolveOutputFolder, type SavedExport, type TrackedJob } from '../../core';
import type { Services } from '../services';
import { errorText } from '../ui/errors';
import type { JobList } from './jobList';
import { kitFailed, kitOptions } from './kitStep';
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
  /** The upload kit the last download of each job made in this window, or why it could not (agents report it). */
  private readonly kits = new Map<string, Pick<SavedExport, 'kit' | 'kitError'>>();

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

  lastKit(jobId: string): Pick<SavedExport, 'kit' | 'kitError'> | undefined {
    return this.kits.get(jobId);
  }

  /**
   * Stops following the job in this window (the backend keeps rendering) and forgets its error. Resolves once
   * the runner has ended, so a new runner for the same job (after a cancel that came too late) is a new one,
   * not the stopped one still winding down.
   */
  async stop(jobId: string): Promise<void> {
    const r = this.runners.get(jobId);
    r?.controller.abort();
    this.lastErrors.delete(jobId);
    await r?.promise;
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

  /**
   * Starts (or joins) this window's runner for the job. Resolves with the job as it ended; never rejects.
   * `outDir` (an agent's export folder) replaces the output folder setting for a runner this call starts.
   */
  run(job: TrackedJob, opts: { freshDownload?: boolean; outDir?: string } = {}): Promise<TrackedJob> {
    const existing = this.runners.get(job.id);
    if (existing) return existing.promise;
    const controller = new AbortController();
    this.lastErrors.delete(job.id);
    const promise = this.runInner(job, controller.signal, opts).finally(() => this.runners.delete(job.id));
    this.runners.set(job.id, { promise, controller });
    return promise;
  }

  private async runInner(start: TrackedJob, signal: AbortSignal, opts: { freshDownload?: boolean; outDir?: string }): Promise<TrackedJob> {
    let job = start;
    this.list.setActivity(job, { active: true });
    try {
      const { workflow } = await this.list.connect();
      let lastFired = 0;
      // The core's one export → poll → name → download → upload kit flow (the CLI and MCP use it too).
      const saved = await workflow.saveExport(job, {
        outDir: opts.outDir ?? this.outputFolder(),
        signal,
        fresh: opts.freshDownload,
        title: this.services.backend.timeline?.title,
        onUpdate: (j) => this.list.jobChanged(j),
        onDownload: (received, total) => {
          // At most ~4 view updates a second: a fast local download calls this for every chunk.
          const now = Date.now();
          if (received !== 0 && now - lastFired < 250 && received !== total) return;
          lastFired = now;
          this.list.setActivity(job, { active: true, download: { received, total } });
        },
        kit: kitOptions(this.services, () => this.list.setActivity(job, { active: true })),
      });
      job = saved.job;
      if (saved.kit || saved.kitError !== undefined) this.kits.set(job.id, { kit: saved.kit, kitError: saved.kitError });
      if (saved.kitError !== undefined) kitFailed(this.services, this.tr, job, saved.kitError);
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
}
