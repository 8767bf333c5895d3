// Taking a whole clip off the timeline: "delete the last clip", "remove clip 2", "get rid of the webcam
// clip", 删除第二个视频. Every piece of that source goes; the last clip left is never removed.
import { placedSources, resolveClip } from '../edits/order';
import { normalize } from '../format';
import type { Intent } from '../intents';
import { mask, quoted, type Scan } from '../scan';
import type { Family } from '../turn';

export type RemoveClipIntent = { kind: 'removeClip'; ref: string };

const REF = '(⟦\\d+⟧|clip\\s*#?\\d+|(?:the\\s+)?(?:first|second|third|fourth|fifth|last) (?:clip|video|shot)|[\\w-]+\\.(?:mp4|mov|webm|mkv|avi|png|jpe?g)|the [\\w-]+ (?:clip|video|footage|recording)|第[一二三四五六七八九十\\d]个?(?:视频|片段|素材)|最后一个(?:视频|片段|素材))';

function parse(s: Scan, _original: string, out: Intent[]): void {
  const m = new RegExp(`(?:remove|delete|drop|get rid of|take out|删除|删掉|去掉)\\s*(?:the\\s+)?${REF}(?!\\s*(?:from|to|between|\\d))`).exec(s.text);
  if (!m) return;
  out.push({ kind: 'removeClip', ref: quoted(s, m[1]) ?? m[1].trim() });
  mask(s, m);
}

export const removeClip: Family<RemoveClipIntent> = {
  kinds: ['removeClip'],
  parse,
  apply(turn, it) {
    const { draft, media } = turn;
    const placed = placedSources(draft);
    const last = /\blast\b|最后一个/.test(it.ref) ? media.find((m) => m.id === placed[placed.length - 1]) ?? null : null;
    const clip = last ?? resolveClip(it.ref.replace(/^the\s+/, ''), media);
    if (!clip || !placed.includes(clip.id)) {
      const names = placed.map((id, i) => `${i + 1}. ${media.find((m) => m.id === id)?.filename ?? id}`).join(', ');
      return turn.note(`I could not find "${it.ref}" on the timeline, so nothing was removed; the clips are: ${names}.`, `时间线上没有找到“${it.ref}”，没有删除；现有片段：${names}。`);
    }
    if (placed.length === 1) return turn.note(`${clip.filename} is the only clip, so I kept it.`, `${clip.filename} 是唯一的片段，已保留。`);
    draft.video = draft.video.filter((v) => !(v.k === 'clip' && v.src === clip.id));
    if (draft.video.length) delete draft.video[0].xf;
    normalize(draft);
    turn.call('remove_clip', { source: clip.id }, `Removed ${clip.filename} from the timeline`, `从时间线删除了 ${clip.filename}`);
  },
};
