// Ordering of uploaded clips. A clip is named by file name ("beach.mp4", "beach"), by upload position
// ("clip 2", "clip2", "the second clip", "第二个"), and all pieces of that source move together.
import type { MediaInfo } from '../../model';
import { type Draft, type VideoSegment, normalize } from '../format';
import { placeableMedia } from './base';

const ORDINALS: Record<string, number> = {
  first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10,
  一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10,
};

/** Resolves a user's reference to a placed media id, or null. File names win over positions. */
export function resolveClip(ref: string, media: MediaInfo[]): MediaInfo | null {
  const r = ref.trim().toLowerCase().replace(/^the\s+/, '').replace(/^["'“”‘’]|["'“”‘’]$/g, '');
  // "the beach clip" / "the beach video" name the file "beach…"; "clip 2" is handled below.
  const named = r.replace(/\s+(?:clip|video|footage|shot)$/, '');
  const placeable = placeableMedia(media);
  const byName =
    placeable.find((m) => m.filename.toLowerCase() === r) ??
    placeable.find((m) => m.filename.toLowerCase().replace(/\.[^.]+$/, '') === r) ??
    (r.length >= 3 ? placeable.find((m) => m.filename.toLowerCase().includes(r)) : undefined) ??
    (named !== r && named.length >= 3 ? placeable.find((m) => m.filename.toLowerCase().includes(named)) : undefined);
  if (byName) return byName;
  let m = /^(?:clip|video|视频|片段|素材)\s*#?\s*(\d+)$/.exec(r) ?? /^(?:第)?(\d+)\s*(?:个)?(?:clip|video|视频|片段|素材)?$/.exec(r);
  if (m) return placeable[Number(m[1]) - 1] ?? null;
  m = /^(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)\s+(?:clip|video)$/.exec(r) ??
    /^第([一二三四五六七八九十])个?(?:视频|片段|素材)?$/.exec(r);
  if (m) return placeable[(ORDINALS[m[1]] ?? 0) - 1] ?? null;
  return null;
}

function groups(draft: Draft): { lead: VideoSegment[]; tail: VideoSegment[]; bySrc: Map<string, VideoSegment[]>; order: string[] } {
  const lead = draft.video.filter((s) => s.k === 'card' && s.m.role === 'intro');
  const tail = draft.video.filter((s) => s.k === 'card' && s.m.role === 'outro');
  const bySrc = new Map<string, VideoSegment[]>();
  const order: string[] = [];
  for (const s of draft.video) {
    if (s.k !== 'clip') continue;
    if (!bySrc.has(s.src)) {
      bySrc.set(s.src, []);
      order.push(s.src);
    }
    bySrc.get(s.src)?.push(s);
  }
  return { lead, tail, bySrc, order };
}

/** Rebuilds the clip order (sources), keeping the intro first and the outro last. */
export function reorder(draft: Draft, fn: (order: string[]) => string[]): string[] {
  const g = groups(draft);
  const order = fn([...g.order]);
  draft.video = [...g.lead, ...order.flatMap((src) => g.bySrc.get(src) ?? []), ...g.tail];
  // Crossfades belong to boundaries, not to clips: keep the first boundary's value for every new one.
  const anyXf = Math.max(0, ...draft.video.map((s) => s.xf ?? 0));
  draft.video.forEach((s, i) => {
    const prev = draft.video[i - 1];
    if (i === 0) delete s.xf;
    else if (prev.k === 'clip' && s.k === 'clip' && prev.src === s.src) return;
    else if (anyXf > 0) s.xf = anyXf;
    else delete s.xf;
  });
  normalize(draft);
  return order;
}

export function placedSources(draft: Draft): string[] {
  return groups(draft).order;
}
