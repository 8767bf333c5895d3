// The Timeline view as data: a pure function from the decoded Timeline to plain nodes. No `vscode` import:
// tested in plain Node (all track kinds, odd and unknown fields, 10 000 segments). The tree provider only
// maps these nodes to TreeItems.
import { describeTrack, summarizeTimeline, type Lang, type Timeline, type TimelineSegment, type TimelineTrack, type TrackKind } from '../../core';
import { CONTEXT_VALUES } from '../ids';
import { aspectRatio, baseName, clip, escapeMarkdown, formatDuration, formatPercent, formatSpan } from '../ui/format';
import { english, type Tr } from '../ui/l10n';
import type { ViewNode } from '../ui/viewNode';

export type { ViewNode } from '../ui/viewNode';

export interface TimelineNodeOptions {
  t?: Tr;
  /** The language the core used for track labels and the summary. */
  lang?: Lang;
  /**
   * Segments listed per track before a "… N more" row. A tree with 10 000 rows under one track helps nobody
   * and makes the view sluggish; the count and the summary stay exact.
   */
  maxSegments?: number;
}

export const DEFAULT_MAX_SEGMENTS = 500;

export const TRACK_ICONS: Readonly<Record<TrackKind, string>> = {
  video: 'device-camera-video',
  audio: 'music',
  text: 'symbol-text',
  other: 'layers',
};

function kindName(track: TimelineTrack, t: Tr): string {
  switch (track.kind) {
    case 'video':
      return t('Video');
    case 'audio':
      return t('Audio');
    case 'text':
      return t('Text');
    default:
      return t('Other (type {0})', track.type);
  }
}

/** Metadata as markdown list lines: every key kept (unknown fields are the point), values clipped. */
function metadataLines(obj: Record<string, unknown> | null | undefined, skip: readonly string[] = []): string[] {
  if (!obj) return [];
  const lines: string[] = [];
  const keys = Object.keys(obj).filter((k) => !skip.includes(k));
  for (const k of keys.slice(0, 24)) {
    const v = obj[k];
    let shown: string;
    try {
      shown = typeof v === 'string' ? v : v === undefined ? 'undefined' : JSON.stringify(v) ?? String(v);
    } catch {
      shown = String(v); // cyclic or BigInt: still show something
    }
    lines.push(`- \`${escapeMarkdown(clip(k, 40))}\`: ${escapeMarkdown(clip(shown, 80))}`);
  }
  if (keys.length > 24) lines.push(`- … (+${keys.length - 24})`);
  return lines;
}

/** Computes once, on first call. */
function lazy(make: () => string): () => string {
  let value: string | undefined;
  return () => (value ??= make());
}

function metaOf(raw: Record<string, unknown>): Record<string, unknown> | null {
  for (const key of ['m', 'meta', 'metadata']) {
    const v = raw[key];
    if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
  }
  return null;
}

function segmentNode(track: TimelineTrack, seg: TimelineSegment, t: Tr): ViewNode {
  const span = formatSpan(seg.startMs, seg.endMs);
  const details: string[] = [];
  // A segment's name is usually the file a person uploaded ("clip.mp4"), while `src` may be a media id.
  const named = seg.name && track.kind !== 'text' ? clip(seg.name, 40) : null;
  if (named) details.push(named);
  else if (seg.source) details.push(baseName(seg.source));
  if (seg.volume !== null) details.push(formatPercent(seg.volume));
  if (seg.text && track.kind === 'text') details.push(`"${clip(seg.text, 40)}"`);
  const label = span ?? t('Segment {0}', seg.index + 1);
  // Tooltips are built on first hover (the provider's resolveTreeItem), not for every row up front: with
  // thousands of segments, escaping their metadata was the largest cost of filling the view.
  const tooltip = lazy(() => {
    const tip = [`**${escapeMarkdown(t('Segment {0}', seg.index + 1))}**${span ? ` · ${escapeMarkdown(span)}` : ''}`, ''];
    if (seg.source) tip.push(`- ${escapeMarkdown(t('Source'))}: ${escapeMarkdown(clip(seg.source, 120))}`);
    if (seg.text) tip.push(`- ${escapeMarkdown(t('Text'))}: ${escapeMarkdown(clip(seg.text, 200))}`);
    if (seg.volume !== null) tip.push(`- ${escapeMarkdown(t('Volume'))}: ${formatPercent(seg.volume)}`);
    const fields = metadataLines(seg.raw, ['m', 'meta', 'metadata']);
    const metaLines = metadataLines(metaOf(seg.raw));
    if (fields.length) tip.push('', escapeMarkdown(t('Fields')), ...fields);
    if (metaLines.length) tip.push('', escapeMarkdown(t('Metadata')), ...metaLines);
    return tip.join('\n');
  });
  return {
    id: `track/${track.index}/seg/${seg.index}`,
    label,
    description: details.length ? details.join(' · ') : undefined,
    get tooltip() {
      return tooltip();
    },
    icon: seg.text && track.kind === 'text' ? 'quote' : 'dash',
    contextValue: CONTEXT_VALUES.timelineSegment,
    collapsible: 'none',
    children: [],
  };
}

function trackNode(track: TimelineTrack, position: number, t: Tr, maxSegments: number): ViewNode {
  const details: string[] = [];
  const span = formatSpan(track.startMs, track.endMs);
  if (span) details.push(span);
  if (track.volume !== null && (track.kind === 'audio' || track.kind === 'video')) details.push(formatPercent(track.volume));
  const count = track.segments.length;
  details.push(count === 1 ? t('1 segment') : t('{0} segments', count));
  const shown = track.segments.slice(0, maxSegments).map((s) => segmentNode(track, s, t));
  if (count > maxSegments) {
    shown.push({
      id: `track/${track.index}/more`,
      label: t('… {0} more segments', count - maxSegments),
      icon: 'ellipsis',
      contextValue: CONTEXT_VALUES.timelineMore,
      collapsible: 'none',
      children: [],
    });
  }
  const tip = [`**${escapeMarkdown(`${position}. ${track.label}`)}**`, ''];
  tip.push(`- ${escapeMarkdown(t('Type'))}: ${escapeMarkdown(kindName(track, t))}`);
  if (span) tip.push(`- ${escapeMarkdown(t('Time'))}: ${escapeMarkdown(span)}`);
  if (track.volume !== null) tip.push(`- ${escapeMarkdown(t('Volume'))}: ${formatPercent(track.volume)}`);
  tip.push(`- ${escapeMarkdown(t('Segments'))}: ${count}`);
  const metaLines = metadataLines(metaOf(track.raw));
  if (metaLines.length) tip.push('', escapeMarkdown(t('Metadata')), ...metaLines);
  const other = metadataLines(track.raw, ['sg', 'segments', 'm', 'meta', 'metadata', 'tt']);
  if (other.length) tip.push('', escapeMarkdown(t('Fields')), ...other);
  return {
    id: `track/${track.index}`,
    // The contract's summary words: "1. Video: city timelapse", "2. BGM: Lo-fi", "3. Title: "Urban Dreams"".
    label: `${position}. ${track.label}`,
    description: details.join(' · '),
    tooltip: tip.join('\n'),
    icon: TRACK_ICONS[track.kind],
    contextValue: CONTEXT_VALUES.timelineTrack,
    collapsible: count > 0 ? 'collapsed' : 'none',
    children: shown,
  };
}

/**
 * The whole tree: one root "Timeline (N tracks) · duration" with the canvas size as its description, the
 * tracks as its children and their segments below. An empty or missing timeline gives no nodes at all, so
 * the view's welcome content (viewsWelcome) shows the next step instead.
 */
export function buildTimelineNodes(timeline: Timeline | null, opts: TimelineNodeOptions = {}): ViewNode[] {
  if (!timeline || timeline.tracks.length === 0) return [];
  const t = opts.t ?? english;
  const maxSegments = Math.max(1, opts.maxSegments ?? DEFAULT_MAX_SEGMENTS);
  const n = timeline.tracks.length;
  const head = n === 1 ? t('Timeline (1 track)') : t('Timeline ({0} tracks)', n);
  const label = timeline.durationMs !== null ? `${head} · ${formatDuration(timeline.durationMs)}` : head;
  const canvas: string[] = [];
  if (timeline.width !== null && timeline.height !== null) {
    canvas.push(`${timeline.width}×${timeline.height}`);
    const ar = aspectRatio(timeline.width, timeline.height);
    if (ar) canvas.push(ar);
  }
  const summary = summarizeTimeline(timeline, opts.lang ?? 'en');
  const tip: string[] = [`**${escapeMarkdown(timeline.title ?? head)}**`, ''];
  if (timeline.durationMs !== null) tip.push(`- ${escapeMarkdown(t('Duration'))}: ${escapeMarkdown(formatDuration(timeline.durationMs))}`);
  if (canvas.length) tip.push(`- ${escapeMarkdown(t('Canvas'))}: ${escapeMarkdown(canvas.join(' · '))}`);
  tip.push('', ...timeline.tracks.map((tr, i) => `${i + 1}. ${escapeMarkdown(describeTrack(tr))}`));
  return [
    {
      id: 'timeline',
      label,
      description: canvas.length ? canvas.join(' · ') : undefined,
      tooltip: tip.join('\n'),
      icon: 'list-tree',
      contextValue: CONTEXT_VALUES.timelineRoot,
      collapsible: 'expanded',
      children: timeline.tracks.map((tr, i) => trackNode(tr, i + 1, t, maxSegments)),
      copyText: summary,
    },
  ];
}
