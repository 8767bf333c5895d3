// The Render Jobs view as data: a pure function from stored jobs (plus what this window is doing with them:
// polling, downloading, a problem) to plain nodes. No `vscode` import: tested in plain Node.
import { formatBytes, isFinished } from '../../core';
import { CONTEXT_VALUES } from '../ids';
import { baseName, clip, escapeMarkdown, formatDuration, formatWhen } from '../ui/format';
import { english, type Tr } from '../ui/l10n';
import type { ViewNode } from '../ui/viewNode';
import type { TrackedJob } from '../../core';
import { buildKitNodes, type LoadedKit } from './kitNodes';

/** What this window knows about a job beyond the stored JSON. */
export interface JobActivity {
  /** Polling or downloading right now. */
  active: boolean;
  download?: { received: number; total?: number };
  /** The last thing that went wrong without ending the job (poll gave up, download failed). */
  problem?: string;
}

export type JobState = 'running' | 'paused' | 'completed' | 'failed' | 'cancelled';

export function jobState(job: TrackedJob, activity: JobActivity | undefined): JobState {
  if (job.status === 'failed') return 'failed';
  if (job.status === 'cancelled') return 'cancelled';
  if (job.status === 'completed') return activity?.active ? 'running' : 'completed';
  return activity?.active ? 'running' : 'paused';
}

const ICONS: Record<JobState, string> = { running: 'loading~spin', paused: 'debug-pause', completed: 'pass', failed: 'error', cancelled: 'circle-slash' };

export interface JobNodeOptions {
  t?: Tr;
  /** Does the downloaded file still exist? (Injected: the view checks the disk, tests pass a fake.) */
  fileExists?: (p: string) => boolean;
  /** The upload kit next to a finished job's file (Injected: the view reads the disk). */
  kitOf?: (job: TrackedJob) => LoadedKit | null;
}

/**
 * `renderJob.<state>[.file][.link]`: the package.json menus match on it, e.g.
 * `viewItem =~ /^renderJob\.completed.*\.file/` for Open and Reveal.
 */
export function jobContextValue(state: JobState, hasFile: boolean, hasLink: boolean, hasKit = false, cancellable = false): string {
  return `${CONTEXT_VALUES.renderJob}.${state}${hasFile ? '.file' : ''}${hasLink ? '.link' : ''}${hasKit ? '.kit' : ''}${cancellable ? '.cancellable' : ''}`;
}

function statusText(job: TrackedJob, state: JobState, activity: JobActivity | undefined, hasFile: boolean, t: Tr): string {
  if (state === 'failed') return t('Failed: {0}', clip(job.error ?? t('no reason given'), 80));
  if (state === 'cancelled') return t('Cancelled');
  if (activity?.download) {
    const { received, total } = activity.download;
    return total ? t('Downloading {0}%', Math.floor((received / total) * 100)) : t('Downloading {0}', formatBytes(received));
  }
  if (state === 'paused') return activity?.problem ? t('Paused: {0}', clip(activity.problem, 80)) : t('Waiting to check again');
  if (job.status === 'pending') return t('Queued');
  if (job.status === 'processing') return t('Rendering {0}%', Math.round(job.progress));
  const parts: string[] = [];
  if (job.size !== undefined) parts.push(formatBytes(job.size));
  if (job.durationSec !== undefined) parts.push(formatDuration(job.durationSec * 1000));
  if (hasFile && job.localPath) parts.push(baseName(job.localPath));
  else if (activity?.problem) parts.push(t('Download failed: {0}', clip(activity.problem, 60)));
  else if (job.localPath) parts.push(t('File moved or deleted'));
  else parts.push(t('Not downloaded'));
  return parts.join(' · ');
}

export function buildJobNode(job: TrackedJob, activity: JobActivity | undefined, opts: JobNodeOptions = {}): ViewNode {
  const t = opts.t ?? english;
  const state = jobState(job, activity);
  const hasFile = !!job.localPath && (opts.fileExists ? opts.fileExists(job.localPath) : true);
  const hasLink = !!job.outputUrl;
  const session = `…${job.sessionId.slice(-6)}`;
  const label = job.title ? `${formatWhen(job.createdAt)} · ${clip(job.title, 40)}` : `${formatWhen(job.createdAt)} · ${t('session {0}', session)}`;
  const description = statusText(job, state, activity, hasFile, t);
  const tip = [`**${escapeMarkdown(label)}**`, ''];
  tip.push(`- ${escapeMarkdown(t('Status'))}: ${escapeMarkdown(description)}`);
  tip.push(`- ${escapeMarkdown(t('Session'))}: \`${escapeMarkdown(job.sessionId)}\``);
  tip.push(`- ${escapeMarkdown(t('Export id'))}: \`${escapeMarkdown(job.id)}\``);
  if (job.size !== undefined) tip.push(`- ${escapeMarkdown(t('Size'))}: ${formatBytes(job.size)}`);
  if (job.durationSec !== undefined) tip.push(`- ${escapeMarkdown(t('Duration'))}: ${escapeMarkdown(formatDuration(job.durationSec * 1000))}`);
  if (job.localPath) tip.push(`- ${escapeMarkdown(t('File'))}: ${escapeMarkdown(job.localPath)}${hasFile ? '' : ` (${escapeMarkdown(t('missing'))})`}`);
  if (job.error) tip.push(`- ${escapeMarkdown(t('Reason'))}: ${escapeMarkdown(clip(job.error, 300))}`);
  if (activity?.problem && !isFinished(job)) tip.push(`- ${escapeMarkdown(t('Last problem'))}: ${escapeMarkdown(clip(activity.problem, 300))}`);
  const kit = state === 'completed' && hasFile && opts.kitOf ? opts.kitOf(job) : null;
  return {
    id: `render/${job.id}`,
    label,
    description,
    tooltip: tip.join('\n'),
    icon: ICONS[state] === 'pass' && !hasFile ? 'cloud-download' : ICONS[state],
    // Cancel is offered while the backend still renders it (not for a finished job being downloaded).
    contextValue: jobContextValue(state, hasFile, hasLink, !!kit, job.status === 'pending' || job.status === 'processing'),
    collapsible: kit ? 'collapsed' : 'none',
    children: kit ? buildKitNodes(job.id, kit, { t }) : [],
  };
}

/** One node per job, newest first. */
export function buildJobNodes(jobs: readonly TrackedJob[], activity: ReadonlyMap<string, JobActivity>, opts: JobNodeOptions = {}): ViewNode[] {
  return [...jobs].sort((a, b) => b.createdAt - a.createdAt).map((j) => buildJobNode(j, activity.get(j.id), opts));
}
