// Cuts on the FOOTAGE (the clips in order, cards excluded, before crossfade overlaps): remove a range,
// keep a range, and silence removal. A clip that a cut crosses is split into pieces of the same source.
import type { MediaInfo } from '../../model';
import { type ClipSegment, type Draft, type VideoSegment, newId, normalize } from '../format';

export function footageDuration(draft: Draft): number {
  return draft.video.reduce((sum, s) => sum + (s.k === 'clip' ? s.out - s.in : 0), 0);
}

/** Removes source ranges [a, b) (ms, in the clip's own source time) from one clip; returns the pieces left. */
function carve(draft: Draft, clip: ClipSegment, ranges: Array<[number, number]>): ClipSegment[] {
  let pieces: Array<[number, number]> = [[clip.in, clip.out]];
  for (const [a, b] of ranges) {
    const next: Array<[number, number]> = [];
    for (const [x, y] of pieces) {
      if (b <= x || a >= y) next.push([x, y]);
      else {
        if (a > x) next.push([x, a]);
        if (b < y) next.push([b, y]);
      }
    }
    pieces = next;
  }
  // Slivers shorter than 100 ms are dropped: they would only flash on screen.
  pieces = pieces.filter(([x, y]) => y - x >= 100);
  return pieces.map(([x, y], i) => {
    const piece: ClipSegment = { ...clip, m: { ...clip.m }, in: x, out: y, id: i === 0 ? clip.id : newId(draft, 'v') };
    // Only the first piece keeps the crossfade into the clip; the cuts inside it are hard cuts.
    if (i > 0 || x !== clip.in) delete piece.xf;
    return piece;
  });
}

/** Removes footage time [a, b) ms. Returns the milliseconds actually removed. */
export function removeFootage(draft: Draft, a: number, b: number): number {
  const before = footageDuration(draft);
  let t = 0;
  const out: VideoSegment[] = [];
  for (const seg of draft.video) {
    if (seg.k !== 'clip') {
      out.push(seg);
      continue;
    }
    const len = seg.out - seg.in;
    const lo = Math.max(a, t) - t + seg.in;
    const hi = Math.min(b, t + len) - t + seg.in;
    out.push(...(hi > lo ? carve(draft, seg, [[lo, hi]]) : [seg]));
    t += len;
  }
  draft.video = out;
  normalize(draft);
  return before - footageDuration(draft);
}

export function keepFootage(draft: Draft, a: number, b: number): number {
  const total = footageDuration(draft);
  let removed = removeFootage(draft, Math.min(b, total), total);
  if (a > 0) removed += removeFootage(draft, 0, a);
  return removed;
}

export const SILENCE_MARGIN_MS = 200;

/**
 * Cuts every detected silence out of the clips, keeping `margin` ms of quiet at each side so speech does not
 * sound clipped. Returns how many silences were cut and how much time they took.
 */
export async function removeSilences(
  draft: Draft,
  media: MediaInfo[],
  detect: (m: MediaInfo) => Promise<Array<[number, number]>>,
  margin = SILENCE_MARGIN_MS,
): Promise<{ count: number; removedMs: number; noAudio: string[]; silentThroughout: string[] }> {
  const cache = new Map<string, Array<[number, number]>>();
  const noAudio: string[] = [];
  const silentThroughout: string[] = [];
  const before = footageDuration(draft);
  let count = 0;
  const out: VideoSegment[] = [];
  for (const seg of draft.video) {
    const m = seg.k === 'clip' ? media.find((x) => x.id === seg.src) : undefined;
    if (seg.k !== 'clip' || !m || m.kind !== 'video' || !m.hasAudio) {
      if (m && seg.k === 'clip' && !noAudio.includes(m.filename)) noAudio.push(m.filename);
      out.push(seg);
      continue;
    }
    let silences = cache.get(m.id);
    if (!silences) {
      silences = await detect(m);
      cache.set(m.id, silences);
    }
    const ranges: Array<[number, number]> = [];
    const mediaEnd = Math.round(m.duration * 1000);
    for (const [s, e] of silences) {
      // Margins protect speech; a silence at the very start or end of the file has no speech on that side.
      const a = Math.max(seg.in, s <= 0.05 ? 0 : Math.round(s * 1000) + margin);
      const b = Math.min(seg.out, e * 1000 >= mediaEnd - 50 ? mediaEnd : Math.round(e * 1000) - margin);
      if (b - a >= 100) ranges.push([a, b]);
    }
    const pieces = ranges.length ? carve(draft, seg, ranges) : [seg];
    const left = pieces.reduce((sum, p) => sum + p.out - p.in, 0);
    // A clip that is silent throughout (a screen recording, b-roll with a dead track) is footage, not a pause.
    if (ranges.length && left < 1000) {
      if (!silentThroughout.includes(m.filename)) silentThroughout.push(m.filename);
      out.push(seg);
      continue;
    }
    count += ranges.length;
    out.push(...pieces);
  }
  draft.video = out;
  normalize(draft);
  return { count, removedMs: before - footageDuration(draft), noAudio, silentThroughout };
}
