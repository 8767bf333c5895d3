// A span of a timeline as a timeline of its own: the items (or parts of items) that cover output frames
// [from, to), so the ONE video graph builder (videoGraph.ts) renders a span exactly as it renders the whole
// — every effect the builder knows comes along. Pixel identity with a whole render rests on three rules:
//   - a span boundary never falls inside a crossfade or a card (planSpans), so those are always whole;
//   - a run cut into keeps its own seek plus whole seconds only, so the span's frame grid (fps filter with
//     start_time=0) is the whole render's grid shifted by whole frames, and the same source frames are
//     picked (a shift by fractions of a frame can pick a neighbouring source frame for 25 or 60 fps input);
//   - titles and fades are drawn in whole-timeline time (tl.window, see videoGraph.ts).
import type { CardItem, ImageItem, Item, RenderTimeline, RunItem } from './timeline';

/** Output frame where each item starts in the whole timeline (crossfades overlap the previous item). */
export function itemStarts(tl: RenderTimeline): number[] {
  const starts: number[] = [];
  let at = 0;
  tl.items.forEach((it, i) => {
    at = i === 0 ? 0 : at + tl.items[i - 1].frames - it.xfFrames;
    starts.push(at);
  });
  return starts;
}

/**
 * Seconds of source decoded before a span's first frame when a span starts inside a run: a whole number so
 * the seek keeps the run's fractional part (see above), at least a few frames so the frame-rate filter's
 * start does not touch the span's frames.
 */
function seekShift(relStart: number, fps: number): number {
  return Math.max(0, Math.floor(relStart - 3 / fps));
}

function sliceRun(it: RunItem, a: number, b: number, fps: number): RunItem {
  const kept: Array<{ start: number; frames: number }> = [];
  let offset = 0;
  for (const p of it.pieces) {
    const lo = Math.max(a, offset);
    const hi = Math.min(b, offset + p.frames);
    if (hi > lo) kept.push({ start: p.start + (lo - offset) / fps, frames: hi - lo });
    offset += p.frames;
  }
  if (kept.length === 0) throw new Error('internal: empty run slice');
  const shift = a === 0 ? 0 : seekShift(kept[0].start, fps);
  const pieces = kept.map((p) => ({ start: p.start - shift, frames: p.frames }));
  const last = pieces[pieces.length - 1];
  return { ...it, seek: it.seek + shift, pieces, frames: b - a, span: last.start + last.frames / fps };
}

function sliceItem(it: Item, a: number, b: number, fps: number): Item {
  if (a === 0 && b === it.frames) return { ...it };
  if (it.type === 'run' && it.fx.speed === 1) return sliceRun(it, a, b, fps);
  if (it.type === 'image') return { ...(it as ImageItem), frames: b - a };
  throw new Error(`internal: a span boundary cuts into ${it.type === 'card' ? `the ${(it as CardItem).card.m.role} card` : 'a sped-up clip'}`);
}

/** The part of `tl` covering output frames [from, to), as a timeline with `window` set. */
export function sliceTimeline(tl: RenderTimeline, from: number, to: number): RenderTimeline {
  const starts = itemStarts(tl);
  const items: Item[] = [];
  tl.items.forEach((it, i) => {
    const a = Math.max(0, from - starts[i]);
    const b = Math.min(it.frames, to - starts[i]);
    if (b <= a) return;
    const piece = sliceItem(it, a, b, tl.fps);
    // The crossfade into this item stays only if the previous item is in the span too (planSpans keeps
    // crossfades whole, so then both sides are complete).
    piece.xfFrames = a === 0 && items.length > 0 ? it.xfFrames : 0;
    items.push(piece);
  });
  const totalFrames = items.reduce((s, it) => s + it.frames - it.xfFrames, 0);
  if (totalFrames !== to - from) throw new Error(`internal: span ${from}–${to} resolved to ${totalFrames} frames`);
  return { ...tl, items, totalFrames, totalSamples: 0, window: { origin: from, wholeFrames: tl.totalFrames } };
}

export interface SpanPlanOptions {
  /** Target span length in frames (a multiple of the GOP). */
  spanFrames: number;
  /** Spans shorter than this are merged into the one before. */
  minFrames: number;
}

/**
 * Span boundaries (output frames, ascending, first 0, last totalFrames). Spans are anchored on the
 * timeline's own cut points — item starts, silence-cut piece starts, crossfade ends — and split every
 * `spanFrames` from each anchor, so removing or inserting a segment moves later spans without changing
 * their content (their cache keys survive). Never inside a crossfade or a card.
 */
export function planSpans(tl: RenderTimeline, opts: SpanPlanOptions): number[] {
  const starts = itemStarts(tl);
  const forbidden: Array<[number, number]> = [];
  const anchors = new Set<number>([0]);
  tl.items.forEach((it, i) => {
    const s = starts[i];
    if (it.xfFrames > 0) {
      forbidden.push([s, s + it.xfFrames]);
      anchors.add(s + it.xfFrames);
    } else anchors.add(s);
    // Cards fade their text in from their own start; a sped-up run maps output frames to source time by
    // its speed, which the whole-second seek rule above does not cover: both stay whole.
    if (it.type === 'card' || (it.type === 'run' && it.fx.speed !== 1)) forbidden.push([s + 1, s + it.frames]);
    if (it.type === 'run') {
      let off = 0;
      for (const p of it.pieces) {
        if (off > 0) anchors.add(s + off);
        off += p.frames;
      }
    }
  });
  const T = tl.totalFrames;
  const allowed = (f: number) => f > 0 && f < T && !forbidden.some(([a, b]) => f >= a && f < b);
  const sorted = [...anchors].filter((f) => f === 0 || allowed(f)).sort((x, y) => x - y);
  const cuts = new Set<number>(sorted);
  sorted.forEach((a, k) => {
    const next = k + 1 < sorted.length ? sorted[k + 1] : T;
    for (let f = a + opts.spanFrames; f <= next - opts.minFrames; f += opts.spanFrames) if (allowed(f)) cuts.add(f);
  });
  const out = [...cuts].sort((x, y) => x - y);
  const merged: number[] = [];
  for (const f of out) {
    if (merged.length > 0 && f - merged[merged.length - 1] < opts.minFrames && f !== 0) continue;
    merged.push(f);
  }
  if (merged.length > 1 && T - merged[merged.length - 1] < opts.minFrames) merged.pop();
  merged.push(T);
  return merged;
}
