// The words and data an agent gets back: the timeline summary in the contract's form plus its tracks as
// plain data, render jobs in one line each. One place, so both front ends report the same way.
import { summarizeTimeline, type Timeline } from '../draft/timeline';
import type { Lang } from '../i18n';
import type { RenderJob } from '../render/job';
import { agentMessage } from './messages';

export interface TrackReport {
  index: number;
  kind: string;
  label: string;
  startMs: number | null;
  endMs: number | null;
  segments: number;
}

export interface TimelineReport {
  summary: string;
  exportReady: boolean;
  durationMs: number | null;
  tracks: TrackReport[];
}

export function timelineReport(timeline: Timeline, lang: Lang): TimelineReport {
  return {
    summary: summarizeTimeline(timeline, lang),
    exportReady: timeline.tracks.some((t) => t.segments.length > 0),
    durationMs: timeline.durationMs,
    tracks: timeline.tracks.map((t) => ({ index: t.index, kind: t.kind, label: t.label, startMs: t.startMs, endMs: t.endMs, segments: t.segments.length })),
  };
}

export function jobLine(job: RenderJob): string {
  const state = job.status === 'processing' ? `${job.status} ${Math.round(job.progress)}%` : job.status;
  return `${job.id}: ${state}${job.localPath ? ` → ${job.localPath}` : ''}${job.error ? ` (${job.error})` : ''}`;
}

export function jobsText(jobs: readonly RenderJob[], lang: Lang): string {
  return jobs.length ? agentMessage(lang, 'jobs', { list: jobs.slice(0, 5).map(jobLine).join('; ') }) : agentMessage(lang, 'noJobs');
}
