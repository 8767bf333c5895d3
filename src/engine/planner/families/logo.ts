// A logo / watermark from an uploaded image in a corner: "add my logo in the top right", "watermark with
// logo.png bottom left", "make the logo smaller", "remove the watermark", 加水印, 右上角加logo. The image is
// taken off the video track if the first turn had placed it there as a still.
import { normalize } from '../format';
import type { Intent } from '../intents';
import { clauseWith, maskClause, quoted, type Scan } from '../scan';
import type { Family } from '../turn';
import { CORNER_NAME, cornerIn } from './corner';
import type { Corner } from '../format';

export type LogoIntent = { kind: 'logo'; remove: boolean; ref: string | null; corner: Corner | null; scale: number | null };

function parse(s: Scan, _original: string, out: Intent[]): void {
  const m = clauseWith(s, /\blogo\b|watermark|brand(?:ing)? mark|水印|台标|标志|logo/);
  if (!m) return;
  const c = m.text;
  const remove = /\b(?:remove|delete|drop|no|without|get rid of)\b|删除|去掉|不要/.test(c);
  const scale = /smaller|tiny|small|小一点|小一些|小/.test(c) ? 0.09 : /bigger|larger|big|large|大一点|大一些|大/.test(c) ? 0.2 : null;
  const ref = quoted(s, c) ?? /([\w.-]+\.(?:png|jpe?g|webp|gif))/.exec(c)?.[1] ?? null;
  out.push({ kind: 'logo', remove, ref, corner: cornerIn(c), scale });
  maskClause(s, m);
}

export const logo: Family<LogoIntent> = {
  kinds: ['logo'],
  parse,
  apply(turn, it) {
    const { draft, media } = turn;
    if (it.remove) {
      if (!draft.meta.logo) return turn.note('There is no logo to remove.', '没有可删除的水印。');
      delete draft.meta.logo;
      return turn.call('remove_logo', {}, 'Removed the logo', '删除了水印');
    }
    const images = media.filter((m) => m.kind === 'image');
    const current = draft.meta.logo;
    const img = it.ref ? images.find((m) => m.filename.toLowerCase().startsWith(it.ref?.toLowerCase() ?? '\0')) : current ? images.find((m) => m.id === current.src) : images[images.length - 1];
    if (!img) {
      return turn.note(it.ref ? `I found no uploaded image named "${it.ref}", so no logo was added.` : 'Upload the logo as an image (PNG with transparency works best), then ask again: no logo was added.', it.ref ? `没有找到名为“${it.ref}”的图片，没有添加水印。` : '请先上传水印图片（最好是透明 PNG），再说一次：没有添加水印。');
    }
    const corner = it.corner ?? current?.corner ?? 'bottom-right';
    const scale = it.scale ?? current?.scale ?? 0.14;
    const placed = draft.video.some((v) => v.k === 'clip' && v.src === img.id);
    const others = draft.video.some((v) => v.k === 'clip' && v.src !== img.id);
    if (placed && !others) return turn.note(`${img.filename} is the only picture on the timeline; upload a video to put the logo on.`, `${img.filename} 是时间线上唯一的画面；请先上传视频再加水印。`);
    if (placed) {
      draft.video = draft.video.filter((v) => !(v.k === 'clip' && v.src === img.id));
      if (draft.video.length) delete draft.video[0].xf;
      normalize(draft);
    }
    draft.meta.logo = { src: img.id, corner, scale };
    const [en, zh] = CORNER_NAME[corner];
    turn.call('set_logo', { source: img.id, corner, scale, removed_from_timeline: placed }, `Put ${img.filename} as a logo in the ${en} corner (${Math.round(scale * 100)}% of the width)${placed ? ', and took it off the timeline' : ''}`, `把 ${img.filename} 作为水印放在${zh}（宽度 ${Math.round(scale * 100)}%）${placed ? '，并从时间线上移除' : ''}`);
  },
};
