// Source captions → captions of the exported video. Each caption file belongs to one source clip and is
// timed in that clip's own time; the edit map says which source spans the export kept, where they landed
// and at which speed. A line in a removed part (trim, silence cut) has no kept span and is dropped; a line
// cut in two by a removed silence is shown over both kept pieces and joined again when they touch.
import type { Cue } from './captions';
import type { EditMap } from './editMap';

/** A piece shorter than this (seconds) is a sliver left at a cut's margin, not a readable line. */
const MIN_PIECE = 0.25;

export function retimeCaptions(map: EditMap, bySource: ReadonlyMap<string, Cue[]>): Cue[] {
  const out: Cue[] = [];
  const frame = 1 / (map.fps || 30);
  for (const span of map.spans) {
    if (span.kind !== 'clip' || !span.source) continue;
    const cues = bySource.get(span.source);
    if (!cues?.length) continue;
    const srcA = span.sourceIn;
    const srcB = span.sourceIn + (span.end - span.start) * span.speed;
    for (const cue of cues) {
      const s = Math.max(cue.start, srcA);
      const e = Math.min(cue.end, srcB);
      if (e <= s) continue;
      const whole = s === cue.start && e === cue.end;
      if (!whole && e - s < MIN_PIECE) continue;
      out.push({ start: span.start + (s - srcA) / span.speed, end: span.start + (e - srcA) / span.speed, text: cue.text });
    }
  }
  out.sort((a, b) => a.start - b.start || a.end - b.end);
  return joinTouching(out, frame * 1.5);
}

/** Joins consecutive pieces of the same line that touch (within `gap` seconds), as a silence cut leaves them. */
export function joinTouching(cues: Cue[], gap: number): Cue[] {
  const res: Cue[] = [];
  for (const c of cues) {
    const prev = res[res.length - 1];
    if (prev && prev.text === c.text && c.start - prev.end <= gap && c.start >= prev.start) prev.end = Math.max(prev.end, c.end);
    else res.push({ ...c });
  }
  return res;
}

/** Captions a cloud draft carries as timed text (already in output time), clipped to the video. */
export function draftCaptions(map: EditMap): Cue[] {
  return map.texts
    .filter((t) => t.kind === 'caption')
    .map((t) => ({ start: Math.max(0, t.start), end: Math.min(map.durationSec || t.end, t.end), text: t.text }))
    .filter((c) => c.end > c.start);
}
