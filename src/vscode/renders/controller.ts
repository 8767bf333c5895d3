// Every export, whatever the way in (command, chat, views), goes through here. Each job gets at most one
// "runner" in this window: poll until finished → download into the output folder. The runner is independent
// of the progress notification, so "cancel" only stops waiting: the job continues in the Render Jobs view.
// Jobs live in globalState under the core Workflow's own key (one source of truth, see jobStore.ts), which
// is what lets polling resume after a reload or restart (resumeUnfinished).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { isExportReady, isFinished, isNemoError, STORE_KEYS, type RenderJob, type RenderOutput, type Workflow } from '../../core';
import type { RenderController } from '../contracts';
import { COMMANDS, VIEWS } from '../ids';
import { stateStore } from '../platform/stores';
import type { Services } from '../services';
import { translator, type Tr } from '../commands/l10n';
import { errorText, showError } from './errors';
import { JobStore, keysNeedingWork, needsWork, validJobs, type BackendScope, type TrackedJob } from './jobStore';
import { exportStem, resolveOutputFolder, uniqueFileName } from '../../core/render/naming';
import type { JobActivity } from './nodes';
import type { RendersRegistration } from './register';

interface Runner {
  promise: Promise<TrackedJob>;
  controller: AbortController;
}

export class Renders implements RenderController, vscode.Disposable {
  private readonly updatedEmitter = new vscode.EventEmitter<RenderJob>();
  private readonly changedEmitter = new vscode.EventEmitter<void>();
  /** Every update of any job (progress, completion, download progress, removal). */
  readonly onDidUpdateJob = this.updatedEmitter.event;
  /** The list or any job's activity changed: the view re-renders. */
  readonly onDidChange = this.changedEmitter.event;
  readonly activity = new Map<string, JobActivity>();
  private readonly runners = new Map<string, Runner>();
  /** The error that stopped a runner, for the notification of the export that waits on it. */
  private readonly lastErrors = new Map<string, unknown>();
  /** Output paths of downloads about to start, so two at once never pick the same name. */
  private readonly reserved = new Set<string>();
  private store: JobStore | undefined;
  private cache: TrackedJob[] = [];
  private disposed = false;
  /** The view and the startup resume, set by registerRenders (tests read them). */
  ui?: RendersRegistration;

  /** Follows the generatorYoutube.language setting (like the chat and the commands), not only VS Code's. */
  private readonly tr: Tr;
  /** The same translator, for the view and the pickers. */
  get t(): Tr {
    return this.tr;
  }

  constructor(private readonly services: Services) {
    this.tr = translator(services);
  }

  jobs(): readonly RenderJob[] {
    return this.trackedJobs();
  }

  /**
   * The current backend's jobs as stored (with the extension's extra fields), newest first. Before the first
   * connection the cloud's list is read straight from globalState (its key is the API URL, known from the
   * settings); the local engine's key is its port, known once it runs.
   */
  trackedJobs(): readonly TrackedJob[] {
    if (this.store) return this.cache;
    const settings = this.services.config.settings;
    if (settings.backend !== 'cloud') return [];
    return new JobStore(stateStore(this.services.context.globalState), settings.apiUrl).all();
  }

  /** Connects (lazily: this may start the local engine) and loads the job list of the current backend. */
  async connect(): Promise<{ workflow: Workflow; store: JobStore }> {
    const workflow = await this.services.backend.workflow();
    if (!this.store || this.store.backendKey !== workflow.client.backendKey) {
      this.store = new JobStore(stateStore(this.services.context.globalState), workflow.client.backendKey);
      this.reload();
    }
    return { workflow, store: this.store };
  }

  /** The backend changed: forget the old job list; it is loaded again on next use. */
  disconnect(): void {
    this.store = undefined;
    this.cache = [];
    this.changedEmitter.fire();
  }

  private reload(): void {
    this.cache = this.store?.all() ?? [];
    this.changedEmitter.fire();
  }

  private latest(job: TrackedJob): TrackedJob {
    return this.store?.get(job.id) ?? job;
  }

  private jobChanged(job: TrackedJob): void {
    if (this.disposed) return;
    this.reload();
    this.updatedEmitter.fire(this.latest(job));
  }

  private setActivity(job: TrackedJob, a: JobActivity): void {
    this.activity.set(job.id, a);
    this.jobChanged(job);
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

  private fileExists(p: string | undefined): boolean {
    return !!p && fs.existsSync(p);
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
      this.setActivity(job, { active: true, download: { received: 0 } });
      let lastFired = 0;
      const done = await workflow.download(remembered, outDir, {
        signal,
        fileName,
        onProgress: (received, total) => {
          // At most ~4 view updates a second: a fast local download calls this for every chunk.
          const now = Date.now();
          if (now - lastFired < 250 && received !== total) return;
          lastFired = now;
          this.setActivity(job, { active: true, download: { received, total } });
        },
      });
      return done;
    } finally {
      this.reserved.delete(target);
    }
  }

  /** Starts (or joins) this window's runner for the job. Resolves with the job as it ended; never rejects. */
  private run(job: TrackedJob, opts: { freshDownload?: boolean } = {}): Promise<TrackedJob> {
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
    this.setActivity(job, { active: true });
    try {
      const { workflow, store } = await this.connect();
      if (!isFinished(job)) {
        job = await workflow.pollExport(job, { signal, onUpdate: (j) => this.jobChanged(j) });
      }
      if (job.status === 'completed' && (opts.freshDownload || !this.fileExists(job.localPath))) {
        // "Download again" of a file that still exists: a new name, never an overwrite.
        const base: TrackedJob = opts.freshDownload && this.fileExists(job.localPath) ? { ...job, localPath: undefined, fileName: undefined } : job;
        job = await this.download(workflow, store, base, signal);
      }
      this.setActivity(job, { active: false });
      return this.latest(job);
    } catch (e) {
      if (isNemoError(e) && e.kind === 'cancelled') {
        this.setActivity(job, { active: false });
      } else {
        this.services.logger.warn(`render ${job.id}: ${errorText(e)}`);
        this.lastErrors.set(job.id, e);
        this.setActivity(job, { active: false, problem: errorText(e) });
      }
      return this.latest(job);
    }
  }

  /** Tracks a job submitted elsewhere (the chat's export intent): persisted, polled, downloaded, announced. */
  async track(job: RenderJob): Promise<RenderJob> {
    const { store } = await this.connect();
    const known = store.get(job.id);
    const tracked = await store.merge({ ...job, ...known, title: known?.title ?? this.services.backend.timeline?.title ?? undefined });
    this.reload();
    const done = await this.run(tracked);
    void this.announce(done);
    return done;
  }

  /**
   * Resumes every stored job that still needs work (unfinished, or completed but not downloaded). Called once
   * after activation; connects only when some key holds such a job, so a normal start costs one globalState read.
   */
  async resumeUnfinished(): Promise<TrackedJob[]> {
    const memento = this.services.context.globalState;
    const settings = this.services.config.settings;
    const scope: BackendScope = settings.backend === 'local' ? { kind: 'local' } : { kind: 'cloud', apiUrl: settings.apiUrl };
    const keys = keysNeedingWork(memento.keys(), (k) => memento.get(k), scope);
    if (keys.length === 0) return [];
    const { store } = await this.connect();
    // Local engine: lists left under an earlier port move into the current one (same engine, same jobs).
    if (scope.kind === 'local') {
      for (const key of keys.filter((k) => k !== STORE_KEYS.renderJobs(store.backendKey))) {
        const jobs = validJobs(memento.get(key));
        for (const j of jobs.filter(needsWork)) await store.merge(j);
        await memento.update(key, jobs.filter((j) => !needsWork(j)));
      }
      this.reload();
    }
    const todo = store.all().filter(needsWork);
    if (todo.length) this.services.logger.info(`resuming ${todo.length} render job(s): ${todo.map((j) => j.id).join(', ')}`);
    return Promise.all(
      todo.map(async (j) => {
        const done = await this.run(j);
        void this.announce(done);
        return done;
      }),
    );
  }

  /** The completion toast for jobs nobody is watching in a progress notification. */
  private async announce(job: TrackedJob): Promise<void> {
    if (this.disposed) return;
    if (job.status === 'completed' && this.fileExists(job.localPath)) await this.offerResult(job);
    else if (job.status === 'failed') void vscode.window.showErrorMessage(this.tr('The export failed: {0}', job.error ?? ''));
  }

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

  async exportCurrent(opts: { output?: RenderOutput; quiet?: boolean } = {}): Promise<RenderJob | undefined> {
    const quiet = opts.quiet === true;
    let workflow: Workflow;
    let store: JobStore;
    try {
      ({ workflow, store } = await this.connect());
      // Readiness first (no session = nothing to export), from fresh state: the draft may have changed.
      const timeline = workflow.session ? await this.services.backend.refreshTimeline() : null;
      if (!timeline || !isExportReady(timeline)) return quiet ? undefined : this.refuseNotReady();
    } catch (e) {
      if (quiet) throw e;
      void showError(e, this.tr, { retry: () => this.exportCurrent(opts) });
      return undefined;
    }
    const submit = async (signal?: AbortSignal): Promise<TrackedJob> => {
      const before = Date.now();
      const job = await workflow.startExport({ output: opts.output, signal });
      // startExport returns the session's running export instead of starting a second one: keep its options.
      const isNew = job.createdAt >= before - 1000 && !store.get(job.id)?.title;
      const tracked = isNew ? await store.merge({ ...job, title: this.services.backend.timeline?.title ?? undefined, output: opts.output }) : this.latest(job);
      this.reload();
      return tracked;
    };
    if (quiet) {
      const job = await submit();
      const done = await this.run(job);
      const err = this.lastErrors.get(job.id);
      if (err) throw err;
      return done;
    }
    const outcome = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: this.tr('Exporting video'), cancellable: true },
      async (progress, token): Promise<{ job?: TrackedJob; stopped?: boolean; error?: unknown }> => {
        const controller = new AbortController();
        const onCancel = token.onCancellationRequested(() => controller.abort());
        let job: TrackedJob;
        try {
          progress.report({ message: this.tr('Starting…') });
          job = await submit(controller.signal);
          // One export per session: startExport hands back the running one instead of starting another.
          if (job.createdAt < Date.now() - 5000) progress.report({ message: this.tr('This timeline is already being exported: following that export.') });
        } catch (e) {
          return { error: e };
        } finally {
          onCancel.dispose();
        }
        let shown = 0;
        const sub = this.onDidUpdateJob((j) => {
          if (j.id !== job.id) return;
          const dl = this.activity.get(j.id)?.download;
          const pct = dl ? (dl.total ? Math.floor((dl.received / dl.total) * 100) : 100) : Math.round(j.progress);
          const message = dl ? this.tr('Downloading {0}%', pct) : j.status === 'pending' ? this.tr('Queued') : this.tr('Rendering {0}%', pct);
          // Rendering fills the bar to 90%, the download the last 10%.
          const overall = dl ? 90 + pct / 10 : Math.min(90, pct * 0.9);
          progress.report({ message, increment: Math.max(0, overall - shown) });
          shown = Math.max(shown, overall);
        });
        const stopped = new Promise<'stopped'>((resolve) => token.onCancellationRequested(() => resolve('stopped')));
        try {
          const result = await Promise.race([this.run(job), stopped]);
          if (result === 'stopped') return { job: this.latest(job), stopped: true };
          return { job: result, error: this.lastErrors.get(job.id) };
        } finally {
          sub.dispose();
        }
      },
    );
    const job = outcome.job;
    if (outcome.stopped && job) {
      const show = this.tr('Show Render Jobs');
      void vscode.window.showInformationMessage(this.tr('Stopped waiting. The export continues in the Render Jobs view.'), show).then((p) => {
        if (p === show) void vscode.commands.executeCommand(`${VIEWS.renders}.focus`);
      });
      return job;
    }
    if (outcome.error) {
      void showError(outcome.error, this.tr, { retry: () => (job && job.status === 'completed' ? this.downloadAgain(job) : job ? this.checkAgain(job) : this.exportCurrent(opts)) });
      return job;
    }
    if (!job) return undefined;
    if (job.status === 'failed') {
      const retry = this.tr('Try Again');
      void vscode.window.showErrorMessage(this.tr('The export failed: {0}', job.error ?? ''), retry).then((p) => {
        if (p === retry) void this.retry(job);
      });
    } else if (job.status === 'completed') {
      void this.offerResult(job);
    }
    return job;
  }

  // ------------------------------------------------------------------ item actions

  async open(job: TrackedJob): Promise<void> {
    if (!this.fileExists(job.localPath) || !job.localPath) return this.missingFile(job);
    // The system player: VS Code's own webview media stack has no AAC, so the MP4 would play silent there.
    await vscode.env.openExternal(vscode.Uri.file(job.localPath));
  }

  async reveal(job: TrackedJob): Promise<void> {
    if (!this.fileExists(job.localPath) || !job.localPath) return this.missingFile(job);
    const uri = vscode.Uri.file(job.localPath);
    try {
      await vscode.commands.executeCommand('revealFileInOS', uri);
    } catch {
      // The browser build (code-server) has no OS file manager: show it in the Explorer instead.
      await vscode.commands.executeCommand('revealInExplorer', uri);
    }
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
    const done = await this.run(this.latest(job), { freshDownload: true });
    const err = this.lastErrors.get(job.id);
    if (err) void showError(err, this.tr, { retry: () => this.downloadAgain(done) });
    else void this.offerResult(done);
    return done;
  }

  /** Polls a paused job again (after a network failure, or one this window never resumed). */
  async checkAgain(job: TrackedJob): Promise<TrackedJob> {
    const done = await this.run(this.latest(job));
    void this.announce(done);
    return done;
  }

  /** A new export (new id) of the current draft with the same options. */
  async retry(job: TrackedJob): Promise<RenderJob | undefined> {
    return this.exportCurrent({ output: job.output });
  }

  async remove(job: TrackedJob): Promise<void> {
    const runner = this.runners.get(job.id);
    if (runner) {
      const stop = this.tr('Remove');
      const p = await vscode.window.showWarningMessage(this.tr('This export is still running. Stop following it and remove it from the list? (The file is not deleted.)'), { modal: true }, stop);
      if (p !== stop) return;
      runner.controller.abort();
    }
    const { store } = await this.connect();
    await store.remove(job.id);
    this.activity.delete(job.id);
    this.lastErrors.delete(job.id);
    this.reload();
    this.updatedEmitter.fire(job);
  }

  dispose(): void {
    this.disposed = true;
    // Stop listening; the backend keeps rendering and the next start resumes from globalState.
    for (const r of this.runners.values()) r.controller.abort();
    this.updatedEmitter.dispose();
    this.changedEmitter.dispose();
  }
}
