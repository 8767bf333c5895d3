// "Export" from any way in (command, chat, the generate flow): refuse a timeline with nothing to export,
// submit, then follow the job's runner in ONE cancellable progress notification (rendering fills the bar
// to 90 %, the download the rest). Its Cancel cancels the export on the backend; where the server cannot
// (an older one answers 404) it stops following instead, and the job stays in the Render Jobs view. Once the
// render has finished (the download runs) there is nothing left to cancel: Cancel then only stops waiting.
import * as vscode from 'vscode';
import { isExportReady, type RenderOutput, type Workflow } from '../../core';
import { COMMANDS, VIEWS } from '../ids';
import type { Services } from '../services';
import { presentError } from '../ui/errors';
import type { Tr } from '../ui/l10n';
import type { JobActions } from './jobActions';
import type { JobList } from './jobList';
import type { JobStore, TrackedJob } from '../../core';
import type { JobRunner } from './runner';

export interface ExportOptions {
  output?: RenderOutput;
  /** No UI at all (the chat and agents): failures throw, nothing is announced. */
  quiet?: boolean;
  /** Quiet exports only (agents name a folder): save there instead of the output folder setting. */
  outDir?: string;
  /**
   * Quiet exports only (an agent's cancellation): stop waiting once the job is submitted and resolve with the
   * job as it stands (the caller may cancel it on the backend). The submit itself is not cut short: a POST
   * abandoned mid-way could leave a job on the server that nobody knows the id of.
   */
  signal?: AbortSignal;
}

export class ExportFlow {
  constructor(
    private readonly services: Services,
    private readonly tr: Tr,
    private readonly list: JobList,
    private readonly runner: JobRunner,
    private readonly actions: JobActions,
  ) {}

  private async refuseNotReady(): Promise<undefined> {
    const generate = this.tr('Generate from a Clip…');
    const chat = this.tr('Open Chat');
    const picked = await vscode.window.showWarningMessage(
      this.tr('Nothing to export yet: the timeline has no clips. Generate a video from a clip, or upload footage and describe the video in the chat first.'),
      generate,
      chat,
    );
    if (picked === generate) await vscode.commands.executeCommand(COMMANDS.generate);
    else if (picked === chat) await vscode.commands.executeCommand(COMMANDS.openChat);
    return undefined;
  }

  /** Submits (or joins the session's running export) and remembers the options and title for the list. */
  private async submit(workflow: Workflow, store: JobStore, output: RenderOutput | undefined, signal?: AbortSignal): Promise<TrackedJob> {
    const before = Date.now();
    const job = await workflow.startExport({ output, signal });
    // startExport returns the session's running export instead of starting a second one: keep its options.
    const isNew = job.createdAt >= before - 1000 && !store.get(job.id)?.title;
    const tracked = isNew ? await store.merge({ ...job, title: this.services.backend.timeline?.title ?? undefined, output }) : this.list.latest(job);
    this.list.reload();
    return tracked;
  }

  async exportCurrent(opts: ExportOptions = {}): Promise<TrackedJob | undefined> {
    const quiet = opts.quiet === true;
    let workflow: Workflow;
    let store: JobStore;
    try {
      ({ workflow, store } = await this.list.connect());
      // Readiness first (no session = nothing to export), from fresh state: the draft may have changed.
      const timeline = workflow.session ? await this.services.backend.refreshTimeline() : null;
      if (!timeline || !isExportReady(timeline)) return quiet ? undefined : this.refuseNotReady();
    } catch (e) {
      if (quiet) throw e;
      void presentError(this.services, this.tr, e, { what: 'export', retry: () => this.exportCurrent(opts) });
      return undefined;
    }
    if (quiet) {
      const job = await this.submit(workflow, store, opts.output);
      const { signal } = opts;
      let onAbort: (() => void) | undefined;
      const stopped = new Promise<'stopped'>((resolve) => {
        onAbort = () => resolve('stopped');
        if (signal?.aborted) onAbort();
        else signal?.addEventListener('abort', onAbort, { once: true });
      });
      try {
        const done = await Promise.race([this.runner.run(job, { outDir: opts.outDir }), stopped]);
        if (done === 'stopped') return this.list.latest(job);
        const err = this.runner.lastError(job.id);
        if (err) throw err;
        return done;
      } finally {
        if (onAbort) signal?.removeEventListener('abort', onAbort);
      }
    }
    const outcome = await this.withProgress(workflow, store, opts.output);
    const job = outcome.job;
    if (outcome.stopped && job) {
      const latest = this.list.latest(job);
      // Cancel pressed while the job renders: cancel it on the backend (JobActions says what happened).
      if (latest.status === 'pending' || latest.status === 'processing') return this.actions.cancel(latest);
      const show = this.tr('Show Render Jobs');
      void vscode.window.showInformationMessage(this.tr('Stopped waiting. The export continues in the Render Jobs view.'), show).then((p) => {
        if (p === show) void vscode.commands.executeCommand(`${VIEWS.renders}.focus`);
      });
      return latest;
    }
    if (outcome.error) {
      const retry = (): unknown => (job && job.status === 'completed' ? this.actions.downloadAgain(job) : job ? this.actions.checkAgain(job) : this.exportCurrent(opts));
      void presentError(this.services, this.tr, outcome.error, { what: 'export', retry });
      return job;
    }
    if (!job) return undefined;
    if (job.status === 'failed') {
      const retry = this.tr('Try Again');
      void vscode.window.showErrorMessage(this.tr('The export failed: {0}', job.error ?? ''), retry).then((p) => {
        if (p === retry) void this.exportCurrent({ output: job.output });
      });
    } else if (job.status === 'completed') {
      void this.actions.offerResult(job);
    }
    return job;
  }

  private withProgress(workflow: Workflow, store: JobStore, output: RenderOutput | undefined): Thenable<{ job?: TrackedJob; stopped?: boolean; error?: unknown }> {
    return vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: this.tr('Exporting video'), cancellable: true },
      async (progress, token): Promise<{ job?: TrackedJob; stopped?: boolean; error?: unknown }> => {
        const controller = new AbortController();
        const onCancel = token.onCancellationRequested(() => controller.abort());
        let job: TrackedJob;
        try {
          progress.report({ message: this.tr('Starting…') });
          job = await this.submit(workflow, store, output, controller.signal);
          // One export per session: startExport hands back the running one instead of starting another.
          if (job.createdAt < Date.now() - 5000) progress.report({ message: this.tr('This timeline is already being exported: following that export.') });
        } catch (e) {
          return { error: e };
        } finally {
          onCancel.dispose();
        }
        let shown = 0;
        const sub = this.list.onDidUpdateJob((j) => {
          if (j.id !== job.id) return;
          const dl = this.list.activity.get(j.id)?.download;
          const pct = dl ? (dl.total ? Math.floor((dl.received / dl.total) * 100) : 100) : Math.round(j.progress);
          const message = dl ? this.tr('Downloading {0}%', pct) : j.status === 'pending' ? this.tr('Queued') : this.tr('Rendering {0}%', pct);
          // Rendering fills the bar to 90%, the download the last 10%.
          const overall = dl ? 90 + pct / 10 : Math.min(90, pct * 0.9);
          progress.report({ message, increment: Math.max(0, overall - shown) });
          shown = Math.max(shown, overall);
        });
        const stopped = new Promise<'stopped'>((resolve) => token.onCancellationRequested(() => resolve('stopped')));
        try {
          const result = await Promise.race([this.runner.run(job), stopped]);
          if (result === 'stopped') return { job: this.list.latest(job), stopped: true };
          return { job: result, error: this.runner.lastError(job.id) };
        } finally {
          sub.dispose();
        }
      },
    );
  }
}
