// Cuts on the footage: "trim the first 10 seconds", "remove the last 20 seconds", "cut from 0:30 to 1:45",
// "keep 0:10–0:40", "trim it to 30 seconds", 剪掉前10秒. A cut that would leave nothing is refused.
import { footageDuration, keepFootage, removeFootage } from '../edits/cuts';
import { type Draft, normalize } from '../format';
import type { Intent } from '../intents';
import { mask, ms, type Scan, T } from '../scan';
import { formatSeconds, formatTime } from '../timecode';
import type { Family } from '../turn';

export type CutMode = 'first' | 'last' | 'range' | 'keep' | 'keepFirst';
export type CutIntent = { kind: 'cut'; mode: CutMode; a: number; b: number };

const VERB = '(?:trim|cut|remove|delete|drop|skip|chop|lose|get rid of|take out|剪掉|删掉|删除|去掉|裁掉|剪去|不要)';

function parse(s: Scan, _original: string, out: Intent[]): void {
  const patterns: Array<[CutMode, RegExp]> = [
    ['first', new RegExp(`${VERB}\\s*(?:off\\s+)?(?:the\\s+)?(?:first|opening|beginning|开头|前)\\s*(?:的\\s*)?${T}`)],
    ['last', new RegExp(`${VERB}\\s*(?:off\\s+)?(?:the\\s+)?(?:last|final|ending|结尾|最后|后)\\s*(?:的\\s*)?${T}`)],
    ['keep', new RegExp(`(?:keep|only keep|just keep|trim (?:it |the video )?to|只保留|保留)\\s*(?:only\\s+)?(?:the part\\s+)?(?:from\\s+|between\\s+|从)?${T}\\s*(?:to|and|until|through|-|到)\\s*${T}`)],
    ['range', new RegExp(`${VERB}\\s*(?:out\\s+)?(?:the\\s+)?(?:part\\s+|section\\s+|bit\\s+)?(?:the part\\s+|the section\\s+|the bit\\s+|everything\\s+)?(?:from\\s+|between\\s+|从)?${T}\\s*(?:to|and|until|through|-|到)\\s*${T}`)],
    ['keepFirst', new RegExp(`(?:trim|cut|shorten|make)\\s*(?:it|the video|this)?\\s*(?:down\\s+)?to\\s*(?:the first\\s+)?${T}\\s*(?:long)?(?!\\s*(?:to|-|:))`)],
    ['keepFirst', new RegExp(`(?:make|keep)\\s*(?:it|the video|this)\\s*(?:only\\s+)?${T}\\s*long`)],
    ['keepFirst', new RegExp(`(?:剪到|剪成|缩短到|只要)\\s*${T}`)],
  ];
  const before = out.length;
  for (const [mode, re] of patterns) {
    for (let i = 0; i < 5; i++) {
      const m = re.exec(s.text);
      if (!m) break;
      const a = ms(m[1]);
      const b = m[2] !== undefined ? ms(m[2]) : a;
      // "make it 9:16" is an aspect ratio, not a length.
      if (mode === 'keepFirst' && /^\d+:\d+$/.test(m[1].trim()) && /\b(9:16|16:9|1:1|4:3)\b/.test(m[1])) break;
      out.push({ kind: 'cut', mode, a: Math.min(a, b), b: Math.max(a, b) });
      mask(s, m);
    }
  }
  // "cut the first 5 s and the last 3 s": once a cut was asked for, a verb-less "and the last 3 s" is one too.
  if (out.length > before) {
    const more = new RegExp(`(?:and|,|&|和|以及)\\s*(?:the\\s+)?(first|last|前|最后)\\s*${T}`);
    for (let i = 0; i < 3; i++) {
      const m = more.exec(s.text);
      if (!m) break;
      out.push({ kind: 'cut', mode: /first|前/.test(m[1]) ? 'first' : 'last', a: ms(m[2]), b: ms(m[2]) });
      mask(s, m);
    }
  }
}

export const cuts: Family<CutIntent> = {
  kinds: ['cut'],
  parse,
  apply(turn, it) {
    const { draft } = turn;
    const f = footageDuration(draft);
    if ((it.mode === 'range' || it.mode === 'keep') && it.a >= f) {
      return turn.note(`The footage is only ${formatTime(f)} long, so ${formatTime(it.a)} is past its end; nothing was cut.`, `素材只有 ${formatTime(f)}，${formatTime(it.a)} 已超出结尾，没有剪辑。`);
    }
    // A cut that would leave no footage at all is almost certainly a slip: refuse it and keep the draft.
    const snapshot = JSON.stringify(draft.video);
    const seq = draft.meta.seq;
    let removed = 0;
    let what = '';
    let whatZh = '';
    if (it.mode === 'first') [removed, what, whatZh] = [removeFootage(draft, 0, it.a), `the first ${formatSeconds(it.a)}`, `前 ${formatSeconds(it.a)}`];
    else if (it.mode === 'last') [removed, what, whatZh] = [removeFootage(draft, Math.max(0, f - it.a), f), `the last ${formatSeconds(it.a)}`, `最后 ${formatSeconds(it.a)}`];
    else if (it.mode === 'range') [removed, what, whatZh] = [removeFootage(draft, it.a, it.b), `${formatTime(it.a)}–${formatTime(it.b)}`, `${formatTime(it.a)}–${formatTime(it.b)}`];
    else if (it.mode === 'keep') [removed, what, whatZh] = [keepFootage(draft, it.a, it.b), `everything outside ${formatTime(it.a)}–${formatTime(it.b)}`, `${formatTime(it.a)}–${formatTime(it.b)} 以外的部分`];
    else [removed, what, whatZh] = [keepFootage(draft, 0, it.a), `everything after ${formatTime(it.a)}`, `${formatTime(it.a)} 之后的部分`];
    if (removed <= 0) return turn.note('That cut removed nothing.', '这次剪辑没有删除任何内容。');
    if (footageDuration(draft) === 0) {
      draft.video = JSON.parse(snapshot) as Draft['video'];
      draft.meta.seq = seq;
      normalize(draft);
      return turn.note(`That would cut all ${formatTime(f)} of the footage, so I left it as it was.`, `这样会剪掉全部 ${formatTime(f)} 素材，已保持原样。`);
    }
    turn.call('trim', { mode: it.mode, start_ms: it.a, end_ms: it.b, removed_ms: removed }, `Cut ${what} of the footage (${formatSeconds(removed)} removed)`, `剪掉了素材的${whatZh}（共 ${formatSeconds(removed)}）`);
  },
};
