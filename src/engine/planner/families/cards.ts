// Intro and outro cards: "add an intro titled X", "a 5 second intro", "make the intro say Hello World and
// last 2 seconds", "thanks for watching", 片头/片尾, and removing them.
import { INTRO_MS, OUTRO_MS, removeCard, setIntro, setOutro } from '../edits/cards';
import type { Intent } from '../intents';
import { durationIn, freeText, mask, quoted, type Scan, T } from '../scan';
import { say, titleFromFilename } from '../say';
import { formatSeconds } from '../timecode';
import type { Family } from '../turn';

export type CardIntent =
  | { kind: 'intro'; title: string | null; dur: number | null; remove: boolean; delta?: number }
  | { kind: 'outro'; title: string | null; dur: number | null; remove: boolean; delta?: number };

const TEXT_LEAD = '(?:titled|called|named|saying|say|says|that says|read|reads|reading|show|shows|display|with (?:the )?(?:title|text)|:|，?标题为|，?标题是|，?显示|，?写着|为|是)';
const DUR_LEAD = '(?:for|lasting|last|lasts|be|持续|时长|长)';

function parse(s: Scan, original: string, out: Intent[]): void {
  for (const role of ['intro', 'outro'] as const) {
    const word = role === 'intro' ? '(?:\\bintro(?:duction)?\\b|\\bopening(?: card)?\\b|title card|片头|开场)' : '(?:\\boutro\\b|end(?:ing)? card|end screen|片尾|结尾卡)';
    const re = new RegExp(`(?:(remove|delete|drop|no|without|get rid of|删除|去掉|不要)\\s*(?:the\\s+|an?\\s+)?)?${word}((?:[^.;!?。；！？]|\\.(?=\\d))*)`);
    const m = re.exec(s.text);
    const thanks = role === 'outro' ? /thanks? (?:you )?for watching|感谢观看|谢谢观看/.exec(s.text) : null;
    if (!m && !thanks) continue;
    if (m?.[1]) {
      out.push({ kind: role, title: null, dur: null, remove: true });
      mask(s, m);
      continue;
    }
    const rest = m?.[2] ?? '';
    const t = new RegExp(`^\\s*(?:should\\s+|to\\s+|will\\s+)?${TEXT_LEAD}\\s*(.+?)(?=\\s+(?:for|lasting|and|with|that)\\b|[,，.;!?]|$)`).exec(rest);
    const q = !t ? /^[^⟦]{0,12}?(⟦\d+⟧)/.exec(rest) : null;
    const title = t ? quoted(s, t[1]) ?? freeText(t[1].replace(/\s*⟦\d+⟧\s*/g, ''), original) : q ? quoted(s, q[1]) : null;
    const d = new RegExp(`^.*?${DUR_LEAD}\\s*${T}`).exec(rest) ?? new RegExp(`^\\s*(?:is\\s+|to be\\s+)?${T}\\s*(?:long)?`).exec(rest);
    // "a 5 second intro" / "5秒片头": the length may also come right before the word.
    const pre = m ? new RegExp(`${T}\\s*(?:-\\s*)?(?:long\\s+)?(?:an?\\s+)?(?:的)?$`).exec(s.text.slice(Math.max(0, m.index - 24), m.index).trimEnd()) : null;
    const dur = d ? durationIn(d[1]) : pre ? durationIn(pre[1]) : null;
    // "make the intro shorter/longer": one second less/more (the reply says the new length).
    const delta = /^\s*(?:a bit |a little |slightly )?shorter/.test(rest) ? -1000 : /^\s*(?:a bit |a little |slightly )?longer/.test(rest) ? 1000 : 0;
    out.push({ kind: role, title: title ?? (thanks && role === 'outro' ? freeText(thanks[0], original) : null), dur, remove: false, ...(delta ? { delta } : {}) });
    // Mask only what this card used, so "add an intro titled X and an outro" still finds the outro.
    if (m) {
      const used = m[0].length - rest.length + Math.max(t ? t[0].length : 0, q ? q[0].length : 0, d ? d[0].length : 0);
      s.text = s.text.slice(0, m.index) + ' '.repeat(used) + s.text.slice(m.index + used);
    }
    mask(s, thanks);
  }
}

export const cards: Family<CardIntent> = {
  kinds: ['intro', 'outro'],
  parse,
  apply(turn, it) {
    const { draft, lang } = turn;
    const role = it.kind;
    const existing = draft.video.find((v) => v.k === 'card' && v.m.role === role);
    if (it.remove) {
      if (removeCard(draft, role)) turn.call(`remove_${role}_card`, {}, `Removed the ${role} card`, role === 'intro' ? '删除了片头' : '删除了片尾');
      else turn.note(`There was no ${role} to remove.`, role === 'intro' ? '没有可删除的片头。' : '没有可删除的片尾。');
      return;
    }
    const base = existing && existing.k === 'card' ? existing.dur : role === 'intro' ? INTRO_MS : OUTRO_MS;
    if (it.delta && it.dur === null) it = { ...it, dur: Math.max(1000, Math.min(10000, base + it.delta)) };
    if (role === 'intro') {
      const firstClip = draft.video.find((s) => s.k === 'clip');
      // A new length alone keeps the intro's title ("make the intro 5 seconds").
      const kept = existing && existing.k === 'card' && it.title === null ? existing.m.title : null;
      const title = it.title ?? kept ?? (firstClip ? titleFromFilename(firstClip.m.name) : draft.meta.title);
      const dur = it.dur ?? (existing && existing.k === 'card' ? existing.dur : INTRO_MS);
      if (existing && existing.k === 'card' && existing.m.title === title && existing.dur === dur) {
        return turn.note(`The intro already says "${title}" for ${formatSeconds(dur)}.`, `片头已经是“${title}”（${formatSeconds(dur)}）。`);
      }
      const card = setIntro(draft, title, dur);
      draft.meta.title = draft.meta.name = title;
      turn.call('add_intro_card', { title, duration_ms: card.dur }, `Added intro card "${title}" (${formatSeconds(card.dur)})`, `添加了片头“${title}”（${formatSeconds(card.dur)}）`);
      return;
    }
    const keptTitle = existing && existing.k === 'card' && it.title === null ? existing.m.title : null;
    const title = it.title && !/^thanks? (you )?for watching$/i.test(it.title) ? it.title : keptTitle ?? say(lang, 'Thanks for watching', '感谢观看');
    const text = say(lang, 'Subscribe for more', '订阅获取更多内容');
    const dur = it.dur ?? (existing && existing.k === 'card' ? existing.dur : OUTRO_MS);
    if (existing && existing.k === 'card' && existing.m.title === title && existing.dur === dur) {
      return turn.note(`The outro already says "${title}" for ${formatSeconds(dur)}.`, `片尾已经是“${title}”（${formatSeconds(dur)}）。`);
    }
    const card = setOutro(draft, title, text, dur);
    turn.call('add_outro_card', { title, text, duration_ms: card.dur }, `Added outro card "${title}" (${formatSeconds(card.dur)})`, `添加了片尾“${title}”（${formatSeconds(card.dur)}）`);
  },
};
