// Picture-in-picture: a second clip in a corner over the main footage ("put the webcam in the bottom right
// corner", "picture in picture with facecam.mp4 top left", "overlay clip 2 on clip 1", 画中画). The overlay
// clip leaves the main track; its picture plays from the start for its own length and its sound is mixed
// with the main sound. "remove the picture in picture" puts it back at the end of the timeline.
import { clipFor, placeableMedia } from '../edits/base';
import { resolveClip } from '../edits/order';
import { type Corner, normalize } from '../format';
import type { Intent } from '../intents';
import { clauseWith, maskClause, quoted, type Scan } from '../scan';
import type { Family } from '../turn';
import { CORNER_NAME, cornerIn } from './corner';

export type PipIntent = { kind: 'pip'; remove: boolean; ref: string | null; corner: Corner | null; scale: number | null };

function parse(s: Scan, _original: string, out: Intent[]): void {
  // A camera word alone ("make the webcam clip brighter") is not a layout request: it needs a corner or
  // an overlay word with it.
  const m = clauseWith(s, /picture[- ]in[- ]picture|\bpip\b|画中画|小窗|overlay (?:clip|video|the (?:webcam|cam))|(?:webcam|facecam|face ?cam|\bcam(?:era)?\b|摄像头).*(?:corner|on top|over the|角|\b(?:top|bottom|upper|lower) (?:left|right)\b)/);
  if (!m) return;
  const c = m.text;
  const remove = /\b(?:remove|delete|drop|no|without|get rid of|turn off)\b|删除|去掉|不要|取消/.test(c);
  const named = quoted(s, c) ?? /([\w-]+\.(?:mp4|mov|webm|mkv|avi))|\b(clip\s*#?\d+|(?:first|second|third) (?:clip|video))\b|(第[一二三四五六七八九十\d]个?(?:视频|片段|素材))/.exec(c)?.slice(1).find(Boolean) ?? null;
  const scale = /smaller|small|tiny|小一点|小/.test(c) ? 0.22 : /bigger|larger|big|large|大一点|大/.test(c) ? 0.4 : null;
  out.push({ kind: 'pip', remove, ref: named, corner: cornerIn(c), scale });
  maskClause(s, m);
}

export const pip: Family<PipIntent> = {
  kinds: ['pip'],
  parse,
  apply(turn, it) {
    const { draft, media } = turn;
    const current = draft.meta.pip;
    if (it.remove) {
      if (!current) return turn.note('There is no picture-in-picture to remove.', '没有可删除的画中画。');
      const m = media.find((x) => x.id === current.src);
      delete draft.meta.pip;
      if (m) draft.video.splice(draft.video.findIndex((v) => v.k === 'card' && v.m.role === 'outro') >>> 0, 0, clipFor(draft, m));
      normalize(draft);
      return turn.call('remove_pip', { source: current.src }, `Removed the picture-in-picture; ${m?.filename ?? current.src} is back at the end of the timeline`, `删除了画中画；${m?.filename ?? current.src} 回到了时间线末尾`);
    }
    const videos = placeableMedia(media).filter((m) => m.kind === 'video');
    // Which clip goes in the corner: the one named, else one whose name says cam/face, else the second video.
    const pick = it.ref ? resolveClip(it.ref, media) : current ? media.find((m) => m.id === current.src) ?? null : videos.find((m) => /cam|face|selfie|me\b/i.test(m.filename)) ?? videos[1] ?? null;
    if (!pick || pick.kind !== 'video') {
      return turn.note(it.ref ? `I could not find a video named "${it.ref}", so no picture-in-picture was added.` : 'Picture-in-picture needs two uploaded videos (e.g. a screen recording and a webcam clip); nothing was changed.', it.ref ? `没有找到名为“${it.ref}”的视频，没有添加画中画。` : '画中画需要上传两个视频（例如录屏和摄像头画面）；没有做任何修改。');
    }
    const others = draft.video.some((v) => v.k === 'clip' && v.src !== pick.id);
    if (!others) return turn.note(`${pick.filename} would leave nothing underneath it; upload the main video first. Nothing was changed.`, `${pick.filename} 下面没有主画面；请先上传主视频。没有做任何修改。`);
    const wasPlaced = draft.video.some((v) => v.k === 'clip' && v.src === pick.id);
    draft.video = draft.video.filter((v) => !(v.k === 'clip' && v.src === pick.id));
    if (draft.video.length) delete draft.video[0].xf;
    normalize(draft);
    const corner = it.corner ?? current?.corner ?? 'bottom-right';
    const scale = it.scale ?? current?.scale ?? 0.3;
    draft.meta.pip = { src: pick.id, corner, scale };
    if (!draft.meta.used.includes(pick.id)) draft.meta.used.push(pick.id);
    const [en, zh] = CORNER_NAME[corner];
    turn.call('set_pip', { source: pick.id, corner, scale }, `Put ${pick.filename} as picture-in-picture in the ${en} corner (${Math.round(scale * 100)}% of the width)${wasPlaced ? ', taken off the main timeline' : ''}`, `把 ${pick.filename} 作为画中画放在${zh}（宽度 ${Math.round(scale * 100)}%）${wasPlaced ? '，并从主时间线移除' : ''}`);
  },
};
