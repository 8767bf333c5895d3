// The words and data an agent gets back: the timeline summary in the contract's form plus its tracks as
// plain data, render jobs in one line each, an export's upload kit by its files. One place, so both front
// ends (the MCP server and VS Code's language-model tools) report the same way.
import * as path from 'node:path';
import { summarizeTimeline, type Timeline } from '../draft/timeline';
import type { Lang } from '../i18n';
import type { KitResult } from '../kit/build';
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

/** The upload kit of one export as data: every file written (absolute paths), its title, chapters and notes. */
export interface KitReport {
  files: KitResult['files'];
  title: string;
  chapters: KitResult['kit']['chapters'];
  notices: string[];
}

/**
 * What an export's upload kit tells an agent (Workflow.saveExport's `kit` / `kitError`): a line naming the
 * files next to the MP4 (plus the kit's own notes), or why it could not be made; no kit asked for → nothing.
 */
export function kitReport(saved: { kit?: KitResult; kitError?: unknown }, lang: Lang): { lines: string[]; data: KitReport | null } {
  if (saved.kitError !== undefined) {
    const detail = saved.kitError instanceof Error ? saved.kitError.message : String(saved.kitError);
    return { lines: [agentMessage(lang, 'kitFailed', { detail })], data: null };
  }
  if (!saved.kit) return { lines: [], data: null };
  const f = saved.kit.files;
  const files = [f.json, f.md, ...f.thumbnails, f.srt, f.vtt, f.burned].filter((p): p is string => !!p);
  return {
    lines: [agentMessage(lang, 'kitWritten', { files: files.map((p) => path.basename(p)).join(', ') }), ...saved.kit.notices],
    data: { files: f, title: saved.kit.kit.title, chapters: saved.kit.kit.chapters, notices: saved.kit.notices },
  };
}
