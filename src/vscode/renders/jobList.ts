// The current backend's render jobs as the Render Jobs view and the runners see them: the connected
// Workflow's job store (the core's one store, core/render/jobStore.ts), a cache of its list, what each job is
// doing in this window (activity), and the two events the view and the other features follow.
import * as vscode from 'vscode';
import type { RenderJob, Workflow } from '../../core';
import { stateStore } from '../platform/stores';
import type { Services } from '../services';
import { DisposableStore } from '../ui/lifecycle';
import { JobStore, type TrackedJob } from '../../core';
import type { JobActivity } from './nodes';

export class JobList implements vscode.Disposable {
  private readonly owned = new DisposableStore();
  private readonly updatedEmitter = this.owned.add(new vscode.EventEmitter<RenderJob>());
  private readonly changedEmitter = this.owned.add(new vscode.EventEmitter<void>());
  /** Every update of any job (progress, completion, download progress, removal). */
  readonly onDidUpdateJob = this.updatedEmitter.event;
  /** The list or any job's activity changed: the view re-renders. */
  readonly onDidChange = this.changedEmitter.event;
  readonly activity = new Map<string, JobActivity>();
  private store: JobStore | undefined;
  /**
   * The store a job was last read from, kept across a disconnect: a backend or session change (which
   * disconnects the list) can land between an action's connect() and its latest(), and a job always belongs
   * to the store it was saved in. Without it latest() fell back to the caller's stale copy (seen: a cancelled
   * export returned as still "processing").
   */
  private lastStore: JobStore | undefined;
  private cache: TrackedJob[] = [];

  constructor(private readonly services: Services) {}

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
    if (this.store !== workflow.jobs) {
      this.store = this.lastStore = workflow.jobs;
      this.reload();
    }
    return { workflow, store: workflow.jobs };
  }

  /** The backend changed: forget the old job list; it is loaded again on next use. */
  disconnect(): void {
    this.store = undefined;
    this.cache = [];
    this.changedEmitter.fire();
  }

  reload(): void {
    this.cache = this.store?.all() ?? [];
    this.changedEmitter.fire();
  }

  /** The job as stored now (the workflow saves every poll update), or as given when not stored. */
  latest(job: TrackedJob): TrackedJob {
    return (this.store ?? this.lastStore)?.get(job.id) ?? job;
  }

  jobChanged(job: TrackedJob): void {
    if (this.owned.isDisposed) return;
    this.reload();
    this.updatedEmitter.fire(this.latest(job));
  }

  setActivity(job: TrackedJob, a: JobActivity): void {
    this.activity.set(job.id, a);
    this.jobChanged(job);
  }

  /** Forgets the job (stored list and activity); the file, if any, stays. */
  async remove(job: TrackedJob): Promise<void> {
    const { store } = await this.connect();
    await store.remove(job.id);
    this.activity.delete(job.id);
    this.reload();
    this.updatedEmitter.fire(job);
  }

  get disposed(): boolean {
    return this.owned.isDisposed;
  }

  dispose(): void {
    this.owned.dispose();
  }
}
