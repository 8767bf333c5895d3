// What the user can do with one export: the Render Jobs row's actions (Open, Reveal, Copy Link, Download
// Again, Check Again, Cancel Export, Remove) and the notifications that offer them ("Video saved", "The export failed").
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Services } from '../services';
import { presentError } from '../ui/errors';
import { openInSystemPlayer, revealFile } from '../ui/files';
import type { Tr } from '../ui/l10n';
import type { JobList } from './jobList';
import type { TrackedJob } from '../../core';
import { fileExists, type JobRunner } from './runner';

export class JobActions {
  constructor(
    private readonly services: Services,
    private readonly tr: Tr,
    private readonly list: JobList,
    private readonly runner: JobRunner,
  ) {}

  /** "Video saved" with Open / Reveal / Copy link. */
  async offerResult(job: TrackedJob): Promise<void> {
    if (!job.localPath) return;
    const open = this.tr('Open');
    const reveal = this.tr('Reveal');
    const copy = this.tr('Copy Link');
    const buttons = job.outputUrl ? [open, reveal, copy] : [open, reveal];
    const picked = await vscode.window.showInformationMessage(this.tr('Video saved: {0}', path.basename(job.localPath)), ...buttons);
    if (picked === open) await this.open(job);
    else if (picked === reveal) await this.reveal(job);
    else if (picked === copy) await this.copyLink(job);
  }

  /** The completion toast for jobs nobody is watching in a progress notification. */
  async announce(job: TrackedJob): Promise<void> {
    if (this.list.disposed) return;
    if (job.status === 'completed' && fileExists(job.localPath)) await this.offerResult(job);
    else if (job.status === 'failed') void vscode.window.showErrorMessage(this.tr('The export failed: {0}', job.error ?? ''));
  }

  async open(job: TrackedJob): Promise<void> {
    if (!fileExists(job.localPath)) return this.missingFile(job);
    await openInSystemPlayer(job.localPath);
  }

  async reveal(job: TrackedJob): Promise<void> {
    if (!fileExists(job.localPath)) return this.missingFile(job);
    await revealFile(job.localPath);
  }

  async copyLink(job: TrackedJob): Promise<void> {
    if (!job.outputUrl) {
      void vscode.window.showInformationMessage(this.tr('This export has no link yet.'));
      return;
    }
    await vscode.env.clipboard.writeText(job.outputUrl);
    void vscode.window.showInformationMessage(this.tr('Link copied.'));
  }

  private async missingFile(job: TrackedJob): Promise<void> {
    const again = this.tr('Download Again');
    const p = await vscode.window.showWarningMessage(this.tr('The file of this export was moved or deleted.'), again);
    if (p === again) await this.downloadAgain(job);
  }

  async downloadAgain(job: TrackedJob): Promise<TrackedJob> {
    if (job.status !== 'completed') {
      void vscode.window.showInformationMessage(this.tr('This export has not finished, so there is nothing to download yet.'));
      return job;
    }
    const done = await this.runner.run(this.list.latest(job), { freshDownload: true });
    const err = this.runner.lastError(job.id);
    if (err) void presentError(this.services, this.tr, err, { what: 'download', retry: () => this.downloadAgain(done) });
    else void this.offerResult(done);
    return done;
  }

  /** Polls a paused job again (after a network failure, or one this window never resumed). */
  async checkAgain(job: TrackedJob): Promise<TrackedJob> {
    const done = await this.runner.run(this.list.latest(job));
    void this.announce(done);
    return done;
  }

  /**
   * Cancels the export on the backend. This window stops following it first (a poll answered meanwhile must
   * not write the old status over the cancelled one). A server that cannot cancel (404) leaves the job
   * running there: it stays listed, no longer followed, and the user is told the backend may still finish
   * it. A server with no such job: nothing runs, the row ends failed with that reason (the core's words).
   * Any other failure: the error is shown and following resumes.
   */
  async cancel(job: TrackedJob): Promise<TrackedJob> {
    const wasFollowed = this.runner.isRunning(job.id);
    await this.runner.stop(job.id);
    try {
      const { workflow } = await this.list.connect();
      const r = await workflow.cancelExport(job.id);
      this.list.reload();
      // The core's answer carries the job as it saved it (cancelled, failed…): the base if the list cannot read it.
      const latest = this.list.latest({ ...job, ...r.job });
      this.list.setActivity(latest, { active: false });
      if (r.outcome === 'not-supported') {
        const show = this.tr('Check Status Again');
        void vscode.window.showWarningMessage(this.tr('Stopped following the export: this server cannot cancel it, so the backend may still finish it. It stays in Render Jobs.'), show).then((p) => {
          if (p === show) void this.checkAgain(this.list.latest(job));
        });
      } else if (r.outcome === 'unknown-job') {
        // The server has no such job: nothing is running; the core ended the row with that reason.
        void vscode.window.showInformationMessage(r.text);
      } else if (r.outcome === 'cancelled') {
        void vscode.window.showInformationMessage(this.tr('Export cancelled.'));
      } else {
        // It had finished meanwhile: follow it to the end (download) as usual.
        void this.checkAgain(latest);
      }
      return latest;
    } catch (e) {
      void presentError(this.services, this.tr, e, { what: 'cancel export', retry: () => this.cancel(this.list.latest(job)) });
      if (wasFollowed) void this.runner.run(this.list.latest(job));
      return this.list.latest(job);
    }
  }

  async remove(job: TrackedJob): Promise<void> {
    if (this.runner.isRunning(job.id)) {
      const stop = this.tr('Remove');
      const p = await vscode.window.showWarningMessage(this.tr('This export is still running. Stop following it and remove it from the list? (The file is not deleted.)'), { modal: true }, stop);
      if (p !== stop) return;
    }
    await this.runner.stop(job.id);
    await this.list.remove(job);
  }
}
