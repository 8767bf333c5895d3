// Title overlays on the final timeline: "add title 'X' for the first 3 seconds", "from 0:05 to 0:08",
// "at 0:10 for 2 s", "for the last 4 seconds", 前3秒显示标题; and "remove the titles".
import { addTitle } from '../edits/cards';
import { totalDuration } from '../format';
import type { Intent } from '../intents';
import { freeText, mask, ms, quoted, type Scan, T } from '../scan';
import { formatTime } from '../timecode';
import type { Family } from '../turn';

export type TitleIntent =
  | { kind: 'titleRemove'; style: 'title' | 'lower' | 'subscribe' }
  | { kind: 'title'; text: string; s: number | null; e: number | null; lastMs: number | null; pos: 'center' | 'bottom' };

/** Times of a text overlay: "first 3 s", "last 4 s", "from A to B", "at A (for D)", "for D". */
export function whenIn(when: string): { s: number | null; e: number | null; lastMs: number | null } {
  let w: RegExpExecArray | null;
  if ((w = new RegExp(`(?:first|前)\\s*${T}`).exec(when))) return { s: 0, e: ms(w[1]), lastMs: null };
  if ((w = new RegExp(`(?:last|final|最后)\\s*${T}`).exec(when))) return { s: null, e: null, lastMs: ms(w[1]) };
  if ((w = new RegExp(`(?:from|between|从)\\s*${T}\\s*(?:to|and|until|-|到)\\s*${T}`).exec(when))) return { s: ms(w[1]), e: ms(w[2]), lastMs: null };
  if ((w = new RegExp(`(?:at|在)\\s*${T}\\s*(?:for\\s*${T})?`).exec(when))) return { s: ms(w[1]), e: w[2] ? ms(w[1]) + ms(w[2]) : ms(w[1]) + 3000, lastMs: null };
  if ((w = new RegExp(`for\\s*${T}`).exec(when))) return { s: 0, e: ms(w[1]), lastMs: null };
  return { s: null, e: null, lastMs: null };
}

function parse(s: Scan, original: string, out: Intent[]): void {
  const rm = /\b(?:remove|delete|drop|clear|get rid of)\s+(?:the\s+|all\s+(?:the\s+)?)?(?:titles?|text overlays?|texts?)\b(?!\s*(?:⟦|saying|that says|card))|(?:删除|去掉|删掉)(?:所有)?(?:标题|文字)/.exec(s.text);
  if (rm) {
    out.push({ kind: 'titleRemove', style: 'title' });
    mask(s, rm);
    return;
  }
  const re = /(?:\b(?:add|put|show|place|overlay|insert|display|write)\s*)?(?:an?\s+|the\s+)?(?:\btitle|\btext|\bheading|\bcaption|标题|文字)\s*(?:overlay\s*)?(?:saying|that says|reading|of|:|为|是)?\s*(⟦\d+⟧|[^⟦]+?)(?=\s+(?:for|from|at|between|during|in the|on|over|and|then)\b|\s+(?:在|前|从)|[,.;!?。，]|\s*$)((?:[^.;!?。,，]|\.(?=\d))*?)(?=\s+(?:and|then)\s+(?!\d)|[;!?。,，]|\.(?!\d)|$)/;
  // "display 'Thanks!' for the last 4 seconds": a quote after show/display is a title without the word.
  const m = re.exec(s.text) ?? /\b(?:show|display|write|put up|flash)\s+(?:the words?\s+)?(⟦\d+⟧)()((?:[^.;!?。,，]|\.(?=\d))*)/.exec(s.text);
  if (!m) return;
  const text = quoted(s, m[1]) ?? freeText(m[1], original);
  if (!text || /^(card|of the video)$/.test(text.toLowerCase())) return;
  // Times usually follow the text ("… for the first 3 seconds"); in Chinese they come first ("前3秒显示标题…").
  const after = m[3] ?? m[2] ?? '';
  // …but only from this clause: "cut the first 5 seconds, add a title 'Day 1'" has no time for the title.
  const before = s.text.slice(Math.max(0, m.index - 30), m.index).split(/[,，.;；。]|\band\b/).pop() ?? '';
  const when = /\d/.test(after) ? after : before;
  const pos = /bottom|lower|底部|下方/.test(when) ? 'bottom' : 'center';
  out.push({ kind: 'title', text, ...whenIn(when), pos });
  mask(s, m);
}

export const titles: Family<TitleIntent> = {
  kinds: ['title', 'titleRemove'],
  parse,
  apply(turn, it) {
    const { draft } = turn;
    if (it.kind === 'titleRemove') {
      const keep = draft.texts.filter((t) => (t.m.style ?? 'title') !== it.style);
      const n = draft.texts.length - keep.length;
      const what = { title: ['title(s)', '标题'], lower: ['lower third(s)', '名字条'], subscribe: ['subscribe reminder(s)', '订阅提醒'] }[it.style];
      if (n === 0) return turn.note(`There are no ${what[0].replace('(s)', 's')} to remove.`, `没有可删除的${what[1]}。`);
      draft.texts = keep;
      turn.call('remove_titles', { count: n, style: it.style }, `Removed ${n} ${what[0]}`, `删除了 ${n} 个${what[1]}`);
      return;
    }
    const d = totalDuration(draft);
    // No time given: 3 s from where the footage starts (after an intro card, not on top of it).
    const footageStart = draft.video.find((v) => v.k === 'clip')?.s ?? 0;
    let s = it.s ?? (it.e === null ? footageStart : 0);
    let e = it.e ?? s + 3000;
    if (it.lastMs !== null) [s, e] = [Math.max(0, d - it.lastMs), d];
    if (s >= d) return turn.note(`The title would start at ${formatTime(s)}, after the video ends (${formatTime(d)}), so I added nothing.`, `标题开始于 ${formatTime(s)}，晚于视频结尾（${formatTime(d)}），没有添加。`);
    // Over an intro/outro card the centre already holds the card's own title: put the overlay low instead.
    const overCard = draft.video.some((v) => v.k === 'card' && v.s < e && s < v.e);
    const pos = overCard ? 'bottom' : it.pos;
    const seg = addTitle(draft, it.text, s, e, pos);
    if (!seg) return turn.note('That title would be too short to read, so I added nothing.', '这个标题太短无法阅读，没有添加。');
    turn.call('add_title', { text: it.text, start_ms: seg.s, end_ms: seg.e, position: pos }, `Added title "${it.text}" (${formatTime(seg.s)}–${formatTime(seg.e)})`, `添加了标题“${it.text}”（${formatTime(seg.s)}–${formatTime(seg.e)}）`);
  },
};
