// Shared by the per-range effect families (speed, zoom, looks): resolve the range the message named, split
// the clips at its edges and set one field on the pieces inside. Refuses (changing nothing) when the range
// is not on the timeline.
import { splitFootage } from '../edits/split';
import type { ClipSegment } from '../format';
import { type RangeRef, resolveRange } from '../ranges';
import type { Turn } from '../turn';

export interface Applied {
  en: string;
  zh: string;
  count: number;
}

export function applyToRange(turn: Turn, ref: RangeRef, set: (clip: ClipSegment) => void): Applied | null {
  const r = resolveRange(turn.draft, turn.media, ref);
  if ('error' in r) {
    turn.note(`${r.error.en} Nothing was changed.`, `${r.error.zh}没有做任何修改。`);
    return null;
  }
  if (r.b - r.a < 100) {
    turn.note('That part of the video is too short to change.', '这部分视频太短，无法修改。');
    return null;
  }
  const clips = splitFootage(turn.draft, r.a, r.b);
  for (const c of clips) set(c);
  return { en: r.en, zh: r.zh, count: clips.length };
}
