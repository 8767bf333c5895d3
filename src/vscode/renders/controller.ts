// The Render Jobs feature's one object (the RenderController other features use): every export, whatever
// the way in (command, chat, views), goes through here. It composes the pieces, one concept each:
//   jobList.ts    the current backend's stored jobs, their activity in this window, the change events
//   runner.ts     one poll → download runner per job (stopping it = stop following, never stop the render)
//   exportFlow.ts "Export" with its refusal and progress notification
//   jobActions.ts the row actions (incl. Cancel Export on the backend) and the "Video saved" / "failed" notifications
// Jobs live in globalState under the core Workflow's own key (jobStore.ts), which is what lets polling
// resume after a reload or restart (resumeUnfinished).
import type * as vscode from 'vscode';
import { STORE_KEYS, type RenderJob, type RenderOutput } from '../../core';
import type { RenderController } from '../contracts';
import type { Services } from '../services';
import { translator, type Tr } from '../ui/l10n';
import { ExportFlow } from './exportFlow';
import { JobActions } from './jobActions';
import { JobList } from './jobList';
import { keysNeedingWork, needsWork, validJobs, type BackendScope, type TrackedJob } from '../../core';
import type { JobActivity } from './nodes';
import type { RendersRegistration } from './register';
import { JobRunner } from './runner';
import { echoSafe } from '../platform/stores';

export class Renders implements RenderController, vscode.Disposable {
  private readonly list: JobList;
  private readonly runner: JobRunner;
  private readonly actions: JobActions;
  private readonly flow: ExportFlow;
  /** Every update of any job (progress, completion, download progress, removal). */
  readonly onDidUpdateJob: vscode.Event<RenderJob>;
  /** The list or any job's activity changed: the view re-renders. */
  readonly onDidChange: vscode.Event<void>;
  /** The view and the startup resume, set by registerRenders (tests read them). */
  ui?: RendersRegistration;
  /** Follows the generatorYoutube.language setting (like the chat and the commands), not only VS Code's. */
  readonly t: Tr;

  constructor(private readonly services: Services) {
    this.t = translator(services);
    this.list = new JobList(services);
    this.runner = new JobRunner(services, this.list);
    this.actions = new JobActions(services, this.t, this.list, this.runner);
    this.flow = new ExportFlow(services, this.t, this.list, this.runner, this.actions);
    this.onDidUpdateJob = this.list.onDidUpdateJob;
    this.onDidChange = this.list.onDidChange;
  }

  get activity(): ReadonlyMap<string, JobActivity> {
    return this.list.activity;
  }

  jobs(): readonly RenderJob[] {
    return this.list.trackedJobs();
  }

  trackedJobs(): readonly TrackedJob[] {
    return this.list.trackedJobs();
  }

  connect(): ReturnType<JobList['connect']> {
    return this.list.connect();
  }

  disconnect(): void {
    this.list.disconnect();
  }

  outputFolder(): string {
    return this.runner.outputFolder();
  }

  exportCurrent(opts: { output?: RenderOutput; quiet?: boolean; outDir?: string; signal?: AbortSignal } = {}): Promise<RenderJob | undefined> {
    return this.flow.exportCurrent(opts);
  }

  lastKit(jobId: string): ReturnType<RenderController['lastKit']> {
    return this.runner.lastKit(jobId);
  }

  /** Tracks a job submitted elsewhere (the chat's export intent): persisted, polled, downloaded, announced. */
  async track(job: RenderJob): Promise<RenderJob> {
    const { store } = await this.list.connect();
    const known = store.get(job.id);
    const tracked = await store.merge({ ...job, ...known, title: known?.title ?? this.services.backend.timeline?.title ?? undefined });
    this.list.reload();
    const done = await this.runner.run(tracked);
    void this.actions.announce(done);
    return done;
  }

  /**
   * Resumes every stored job that still needs work (unfinished, or completed but not downloaded). Called once
   * after activation; connects only when some key holds such a job, so a normal start costs one globalState read.
   */
  async resumeUnfinished(): Promise<TrackedJob[]> {
    const memento = echoSafe(this.services.context.globalState);
    const settings = this.services.config.settings;
    const scope: BackendScope = settings.backend === 'local' ? { kind: 'local' } : { kind: 'cloud', apiUrl: settings.apiUrl };
    const keys = keysNeedingWork(memento.keys(), (k) => memento.get(k), scope);
    if (keys.length === 0) return [];
    const { store } = await this.list.connect();
    // Local engine: lists left under an earlier port move into the current one (same engine, same jobs).
    if (scope.kind === 'local') {
      for (const key of keys.filter((k) => k !== STORE_KEYS.renderJobs(store.backendKey))) {
        const jobs = validJobs(memento.get(key));
        for (const j of jobs.filter(needsWork)) await store.merge(j);
        await memento.update(key, jobs.filter((j) => !needsWork(j)));
      }
      this.list.reload();
    }
    const todo = store.all().filter(needsWork);
    if (todo.length) this.services.logger.info(`resuming ${todo.length} render job(s): ${todo.map((j) => j.id).join(', ')}`);
    return Promise.all(
      todo.map(async (j) => {
        const done = await this.runner.run(j);
        void this.actions.announce(done);
        return done;
      }),
    );
  }

  // ------------------------------------------------------------------ item actions (jobActions.ts)

  offerResult(job: TrackedJob): Promise<void> {
    return this.actions.offerResult(job);
  }

  open(job: TrackedJob): Promise<void> {
    return this.actions.open(job);
  }

  reveal(job: TrackedJob): Promise<void> {
    return this.actions.reveal(job);
  }

  copyLink(job: TrackedJob): Promise<void> {
    return this.actions.copyLink(job);
  }

  downloadAgain(job: TrackedJob): Promise<TrackedJob> {
    return this.actions.downloadAgain(job);
  }

  checkAgain(job: TrackedJob): Promise<TrackedJob> {
    return this.actions.checkAgain(job);
  }

  /** A new export (new id) of the current draft with the same options. */
  retry(job: TrackedJob): Promise<RenderJob | undefined> {
    return this.exportCurrent({ output: job.output });
  }

  remove(job: TrackedJob): Promise<void> {
    return this.actions.remove(job);
  }

  /** Cancels the export on the backend (or stops following it where the server cannot cancel). */
  cancel(job: TrackedJob): Promise<TrackedJob> {
    return this.actions.cancel(job);
  }

  dispose(): void {
    // Stop listening; the backend keeps rendering and the next start resumes from globalState.
    this.runner.stopAll();
    this.list.dispose();
  }
}
