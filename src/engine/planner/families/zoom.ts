// Zoom / punch-in on a range: "zoom in a bit on the second half", "punch in on 0:05–0:08", "zoom 2x on clip
// 2", "no zoom", 放大, 拉近. A centre crop of the canvas, scaled back up. "A bit" = 1.2×, default 1.3×,
// "a lot" = 1.6×, or the factor given.
import type { Intent } from '../intents';
import { type RangeRef, rangeIn } from '../ranges';
import { clauseWith, factorIn, maskClause, type Scan } from '../scan';
import type { Family } from '../turn';
import { applyToRange } from './rangeFx';

export type ZoomIntent = { kind: 'zoom'; factor: number; range: RangeRef };

function parse(s: Scan, _original: string, out: Intent[]): void {
  const m = clauseWith(s, /zoom|punch(?:es|ed)?[- ]in|push(?:es|ed)?[- ]in|closer|crop in|放大|拉近|推近|特写|缩放/);
  if (!m) return;
  const c = m.text;
  const off = /zoom out|no zoom|remove (?:the )?zoom|un-?zoom|reset (?:the )?zoom|取消放大|不要放大|恢复原大小/.test(c);
  const f = factorIn(c);
  const factor = off ? 1 : f && f > 1 ? Math.min(3, f) : /a (?:little )?bit|slightly|a little|subtle|一点|稍微|轻微/.test(c) ? 1.2 : /a lot|way in|really close|much|大幅|很多/.test(c) ? 1.6 : 1.3;
  out.push({ kind: 'zoom', factor, range: rangeIn(c).ref });
  maskClause(s, m);
}

export const zoom: Family<ZoomIntent> = {
  kinds: ['zoom'],
  parse,
  apply(turn, it) {
    let changed = false;
    const done = applyToRange(turn, it.range, (clip) => {
      if ((clip.m.zoom ?? 1) !== it.factor) changed = true;
      if (it.factor === 1) delete clip.m.zoom;
      else clip.m.zoom = it.factor;
    });
    if (!done) return;
    if (!changed) return turn.note(it.factor === 1 ? `${done.en} is not zoomed.` : `${done.en} is already zoomed ${it.factor}×.`, it.factor === 1 ? `${done.zh}没有放大。` : `${done.zh}已经放大 ${it.factor}×。`);
    if (it.factor === 1) return turn.call('set_zoom', { factor: 1, range: done.en }, `Removed the zoom from ${done.en}`, `取消了${done.zh}的放大`);
    turn.call('set_zoom', { factor: it.factor, range: done.en }, `Zoomed in ${it.factor}× on ${done.en}`, `把${done.zh}放大到 ${it.factor}×`);
  },
};
