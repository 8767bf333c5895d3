// The preview's visual timeline as data: the decoded Timeline → one lane per track, blocks to scale. A pure
// function (no `vscode`), tested in plain Node. Block ids are the Timeline view's node ids, so selecting a
// row there and clicking a block here talk about the same segment.
import type { Timeline, TimelineSegment, TimelineTrack } from '../../core';
import type { PreviewLane } from '../../shared/protocol';

/** Labels and texts are clipped: a block is a few hundred pixels wide at most. */
const LABEL_CHARS = 80;

function clipText(s: string): string {
  return s.length > LABEL_CHARS ? `${s.slice(0, LABEL_CHARS - 1)}…` : s;
}

function baseName(s: string): string {
  const parts = s.split(/[\\/]/);
  return parts[parts.length - 1] || s;
}

/** A card's title lives in its metadata (`m.title`); clips have none. */
function cardTitle(seg: TimelineSegment): string | null {
  const m = seg.raw.m;
  if (m && typeof m === 'object' && !Array.isArray(m)) {
    const title = (m as Record<string, unknown>).title;
    if (typeof title === 'string' && title.trim()) return title.trim();
  }
  return null;
}

function blockLabel(track: TimelineTrack, seg: TimelineSegment): string {
  if (track.kind === 'text' && seg.text) return seg.text;
  return seg.name ?? (seg.source ? baseName(seg.source) : `#${seg.index + 1}`);
}

export function buildPreviewLanes(timeline: Timeline | null): { lanes: PreviewLane[]; durationMs: number } {
  if (!timeline) return { lanes: [], durationMs: 0 };
  let end = timeline.durationMs ?? 0;
  const lanes: PreviewLane[] = timeline.tracks.map((track) => ({
    id: `track/${track.index}`,
    kind: track.kind,
    label: track.label,
    blocks: track.segments
      .filter((seg) => seg.startMs !== null && seg.endMs !== null && (seg.endMs ?? 0) > (seg.startMs ?? 0))
      .map((seg) => {
        end = Math.max(end, seg.endMs ?? 0);
        const text = track.kind === 'text' ? seg.text : cardTitle(seg);
        return {
          id: `track/${track.index}/seg/${seg.index}`,
          startMs: seg.startMs ?? 0,
          endMs: seg.endMs ?? 0,
          label: clipText(blockLabel(track, seg)),
          ...(text ? { text: clipText(text) } : {}),
        };
      }),
  }));
  return { lanes, durationMs: end };
}

/** Where the preview should seek for a Timeline view node id (`track/<t>/seg/<s>`), or undefined. */
export function seekTargetMs(timeline: Timeline | null, nodeId: string): number | undefined {
  const m = /^track\/(\d+)\/seg\/(\d+)$/.exec(nodeId);
  if (!m || !timeline) return undefined;
  const track = timeline.tracks.find((t) => t.index === Number(m[1]));
  const seg = track?.segments.find((s) => s.index === Number(m[2]));
  return seg?.startMs ?? undefined;
}
