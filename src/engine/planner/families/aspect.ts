// Canvas: "9:16 for Shorts", "make it vertical", "16:9", "square", fit (letterbox) or fill (crop), 竖屏.
import { setAspect } from '../edits/look';
import type { Aspect, Fit } from '../format';
import type { Intent } from '../intents';
import { type Scan } from '../scan';
import type { Family } from '../turn';

export type AspectIntent = { kind: 'aspect'; aspect: Aspect | null; fit: Fit | null };

function parse(s: Scan, _original: string, out: Intent[]): void {
  let aspect: Aspect | null = null;
  if (/\b9\s*[:x×/]\s*16\b|vertical|portrait|\bshorts?\b|reels?\b|tiktok|竖屏|竖版|抖音/.test(s.text)) aspect = '9:16';
  else if (/\b16\s*[:x×/]\s*9\b|landscape|horizontal|widescreen|横屏|横版/.test(s.text)) aspect = '16:9';
  else if (/\b1\s*[:x×/]\s*1\b|square|方形|正方形|instagram post/.test(s.text)) aspect = '1:1';
  let fit: Fit | null = null;
  if (/\bfill\b|\bcrop(?:ped)?\b|full ?screen|no (?:black )?bars|填充|裁剪|铺满/.test(s.text)) fit = 'fill';
  else if (/\bfit\b|letterbox|pillarbox|\bpad(?:ded)?\b|black bars|留黑边|适应/.test(s.text)) fit = 'fit';
  if (aspect || fit) out.push({ kind: 'aspect', aspect, fit });
}

export const aspect: Family<AspectIntent> = {
  kinds: ['aspect'],
  parse,
  apply(turn, it) {
    const { draft } = turn;
    const a = it.aspect ?? draft.meta.aspect;
    if (a === draft.meta.aspect && (it.fit ?? draft.meta.fit) === draft.meta.fit) {
      return turn.note(`The video is already ${a} (${draft.meta.fit}).`, `视频已经是 ${a}（${draft.meta.fit === 'fill' ? '填充' : '适应'}）。`);
    }
    setAspect(draft, a, it.fit);
    const fit = draft.meta.fit === 'fill' ? 'fill (cropped)' : 'fit (letterboxed)';
    turn.call('set_aspect', { aspect: a, width: draft.meta.width, height: draft.meta.height, fit: draft.meta.fit }, `Canvas ${draft.meta.width}×${draft.meta.height} (${a}, ${fit})`, `画布 ${draft.meta.width}×${draft.meta.height}（${a}，${draft.meta.fit === 'fill' ? '填充裁剪' : '适应留边'}）`);
  },
};
