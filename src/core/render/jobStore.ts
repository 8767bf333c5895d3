// The one place render jobs are persisted, per backend, under STORE_KEYS.renderJobs(backend): the
// Workflow's own saves (every poll update), the extension's Render Jobs view and the CLI all read and write
// through this store. Pure over the StateStore interface (globalState, the CLI's state file, memory).
import type { RenderOutput } from '../api/client';
import { type StateStore, STORE_KEYS } from '../session/stores';
import { isFinished, type RenderJob } from './job';

/** A RenderJob plus what front ends remember about it. Extra fields survive every `{ ...job }` copy. */
export interface TrackedJob extends RenderJob {
  /** The timeline's title when the export started (for the file name and the list). */
  title?: string;
  /** The options it was exported with (Retry uses them again). */
  output?: RenderOutput;
  /** The file name chosen for the download (an interrupted download resumes into the same `.part`). */
  fileName?: string;
}

const STATUSES = new Set(['pending', 'processing', 'completed', 'failed', 'cancelled']);

/** Stored data is hand-editable and may come from older versions: keep only entries that are jobs. */
export function validJobs(value: unknown): TrackedJob[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (j): j is TrackedJob =>
      typeof j === 'object' &&
      j !== null &&
      typeof (j as RenderJob).id === 'string' &&
      (j as RenderJob).id.length > 0 &&
      typeof (j as RenderJob).sessionId === 'string' &&
      STATUSES.has((j as RenderJob).status) &&
      Number.isFinite((j as RenderJob).createdAt),
  );
}

/** Needs work from this window: not finished, or completed but its file never arrived. */
export function needsWork(job: RenderJob): boolean {
  return !isFinished(job) || (job.status === 'completed' && !job.localPath);
}

/** Which stored job lists belong to the configured backend. */
export type BackendScope = { kind: 'cloud'; apiUrl: string } | { kind: 'local' };

/**
 * The local engine's jobs are stored under its URL, and the in-process engine gets a new port on every
 * start (unless the connection passes a fixed backend key, as the CLI does with 'local-engine'). All of
 * those lists are the same engine, whose jobs live in its data folder: they can be resumed through
 * whatever port it has now.
 */
export function isLocalBackendKey(backendKey: string): boolean {
  return backendKey === 'local-engine' || /^http:\/\/127\.0\.0\.1:\d+$/.test(backendKey);
}

function inScope(storeKey: string, scope: BackendScope | undefined): boolean {
  const prefix = STORE_KEYS.renderJobs('');
  if (!storeKey.startsWith(prefix)) return false;
  if (!scope) return true;
  const backendKey = storeKey.slice(prefix.length);
  return scope.kind === 'local' ? isLocalBackendKey(backendKey) : backendKey === scope.apiUrl;
}

/**
 * Stored keys holding a job that needs work, for the configured backend only (jobs of a backend that is
 * not configured cannot be polled now; they resume when it is configured again): the cheap startup check.
 */
export function keysNeedingWork(keys: readonly string[], get: (key: string) => unknown, scope?: BackendScope): string[] {
  return keys.filter((k) => inScope(k, scope) && validJobs(get(k)).some(needsWork));
}

/** Jobs kept per backend (oldest dropped): the store must not grow forever. */
export const MAX_STORED_JOBS = 50;

export class JobStore {
  constructor(
    private readonly state: StateStore,
    /** The backend the jobs belong to (the client's backendKey). */
    readonly backendKey: string,
  ) {}

  private get key(): string {
    return STORE_KEYS.renderJobs(this.backendKey);
  }

  /** Newest first. */
  all(): TrackedJob[] {
    return validJobs(this.state.get<unknown>(this.key)).sort((a, b) => b.createdAt - a.createdAt);
  }

  get(id: string): TrackedJob | undefined {
    return this.all().find((j) => j.id === id);
  }

  /**
   * Merges `job` into the stored job (or stores it when new), newest first. Read-modify-write happens
   * synchronously before the first await, so concurrent saves never lose each other's updates.
   */
  async merge(job: TrackedJob): Promise<TrackedJob> {
    const raw = this.state.get<unknown>(this.key);
    const list = Array.isArray(raw) ? (raw as TrackedJob[]) : [];
    const old = list.find((j) => j && j.id === job.id);
    const merged: TrackedJob = { ...old, ...job };
    await this.state.update(this.key, [merged, ...list.filter((j) => !j || j.id !== job.id)].slice(0, MAX_STORED_JOBS));
    return merged;
  }

  async remove(id: string): Promise<void> {
    const raw = this.state.get<unknown>(this.key);
    const list = Array.isArray(raw) ? (raw as TrackedJob[]) : [];
    await this.state.update(this.key, list.filter((j) => !j || j.id !== id));
  }
}
