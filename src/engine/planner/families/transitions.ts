// Crossfades between clips ("add 1 second crossfades", "no transitions", 转场) and whole-video fades from
// and to black ("fade in and out", 淡入淡出).
import { setCrossfades, setFades } from '../edits/look';
import type { Intent } from '../intents';
import { mask, ms, type Scan, T } from '../scan';
import { formatSeconds } from '../timecode';
import type { Family } from '../turn';

export type TransitionIntent =
  | { kind: 'crossfade'; ms: number }
  | { kind: 'fade'; fadeIn: number | null; fadeOut: number | null };

function parse(s: Scan, _original: string, out: Intent[]): void {
  const xf = /(?:(remove|no|without|delete|drop|hard|get rid of(?: the)?|不要|去掉)\s*(?:the\s+|all\s+)?)?(?:cross-?fades?|cross-?dissolves?|dissolves?|transitions?|fades? between(?: the)? (?:clips|shots|scenes)|smooth(?:er)? cuts|转场|过渡|交叉淡化)([^.;!?。]*)/.exec(s.text);
  if (xf) {
    // "1 second crossfades" or "crossfades of 1 s": the length may come before or after the word.
    const before = /([^.;!?。]*)$/.exec(s.text.slice(0, xf.index))?.[1] ?? '';
    const d = new RegExp(`${T}\\s*(?:s|sec|secs|seconds?|秒)?\\s*(?:-\\s*)?(?:long\\s+)?(?:的\\s*)?$`).exec(before.trimEnd()) ?? new RegExp(`${T}`).exec(xf[2] ?? '');
    const dur = d && /\d\s*(?:s|sec|秒)|\d\.\d/.test(d[0]) ? ms(d[1]) : 500;
    out.push({ kind: 'crossfade', ms: xf[1] ? 0 : Math.min(dur, 2000) });
    mask(s, xf);
  }
  const hard = /\bhard cuts?\b|硬切/.exec(s.text);
  if (hard && !xf) {
    out.push({ kind: 'crossfade', ms: 0 });
    mask(s, hard);
  }
  const f = /fade(?:s|d)?\s*(?:it\s+|the video\s+)?(in and out|in\/out|in|out|from black|to black)?|淡入淡出|淡入|淡出/.exec(s.text);
  if (f) {
    const what = f[1] ?? f[0];
    const fin = /in|from black|淡入/.test(what) || (!f[1] && f[0].startsWith('fade')) ? 500 : null;
    const fout = /out|to black|淡出/.test(what) || (!f[1] && f[0].startsWith('fade')) ? 1000 : null;
    out.push({ kind: 'fade', fadeIn: fin, fadeOut: fout });
    mask(s, f);
  }
}

export const transitions: Family<TransitionIntent> = {
  kinds: ['crossfade', 'fade'],
  parse,
  apply(turn, it) {
    const { draft } = turn;
    if (it.kind === 'fade') {
      setFades(draft, it.fadeIn, it.fadeOut);
      const parts = [it.fadeIn !== null ? 'in' : '', it.fadeOut !== null ? 'out' : ''].filter(Boolean).join(' and ');
      return turn.call('set_fades', { fade_in_ms: it.fadeIn, fade_out_ms: it.fadeOut }, `Video and sound now fade ${parts}`, `视频和声音设置了淡${it.fadeIn !== null ? '入' : ''}${it.fadeOut !== null ? '出' : ''}`);
    }
    const had = draft.video.filter((s) => (s.xf ?? 0) > 0).length;
    const n = setCrossfades(draft, it.ms);
    if (it.ms === 0) {
      if (had === 0) return turn.note('There were no crossfades to remove.', '没有可删除的转场。');
      return turn.call('set_transitions', { crossfade_ms: 0 }, 'Removed crossfades (hard cuts)', '去掉了转场（硬切）');
    }
    if (n === 0) return turn.note('There is only one piece of footage, so there is nothing to crossfade between; try "fade in and out".', '只有一段素材，无法添加转场；可以试试“淡入淡出”。');
    turn.call('set_transitions', { crossfade_ms: it.ms, count: n }, `Added ${n} crossfade(s) of ${formatSeconds(it.ms)}`, `添加了 ${n} 个 ${formatSeconds(it.ms)} 的转场`);
  },
};
