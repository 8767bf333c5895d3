// Splitting the footage at range edges so an effect (speed, zoom, look) can apply to part of a clip: the
// clips crossing [a, b) (footage ms: clips in order, source time, cards excluded) are cut into pieces of the
// same source, and the pieces inside the range are returned. Nothing is removed.
import { type ClipSegment, type Draft, type VideoSegment, newId, normalize } from '../format';

export function splitFootage(draft: Draft, a: number, b: number): ClipSegment[] {
  let t = 0;
  const out: VideoSegment[] = [];
  const inside: ClipSegment[] = [];
  for (const seg of draft.video) {
    if (seg.k !== 'clip') {
      out.push(seg);
      continue;
    }
    const len = seg.out - seg.in;
    // Edges closer than 100 ms to a clip edge snap to it: no slivers that would only flash on screen.
    const cuts = [a - t, b - t].filter((x) => x >= 100 && x <= len - 100).map((x) => seg.in + x);
    const edges = [seg.in, ...cuts, seg.out];
    for (let i = 0; i + 1 < edges.length; i++) {
      const piece: ClipSegment = { ...seg, m: { ...seg.m }, in: edges[i], out: edges[i + 1], id: i === 0 ? seg.id : newId(draft, 'v') };
      if (i > 0) delete piece.xf;
      out.push(piece);
      const mid = t + (piece.in - seg.in + piece.out - seg.in) / 2;
      if (mid >= a && mid < b) inside.push(piece);
    }
    t += len;
  }
  draft.video = out;
  normalize(draft);
  return inside;
}
