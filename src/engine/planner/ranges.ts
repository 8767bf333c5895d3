// Which part of the footage an effect applies to, as people say it: "the first 10 seconds", "the last 5 s",
// "from 0:05 to 0:12", "the second half", "the middle part", "the beginning", "clip 2", "beach.mp4", 前半段,
// 中间部分, 第二个视频; nothing named = the whole video. Footage time = clips in order, source time.
import type { MediaInfo } from '../model';
import { footageDuration } from './edits/cuts';
import { resolveClip } from './edits/order';
import type { Draft } from './format';
import { ms, T } from './scan';
import { formatTime } from './timecode';

export type RangeRef =
  | { kind: 'all' }
  | { kind: 'first' | 'last'; ms: number }
  | { kind: 'between'; a: number; b: number }
  | { kind: 'part'; from: number; to: number; en: string; zh: string }
  | { kind: 'clip'; ref: string };

const PARTS: Array<[RegExp, number, number, string, string]> = [
  [/first half|前半(?:段|部分)?|前一半/, 0, 0.5, 'the first half', '前半段'],
  [/second half|last half|latter half|back half|后半(?:段|部分)?|后一半/, 0.5, 1, 'the second half', '后半段'],
  [/(?:the )?middle(?: part| section| bit| portion)?|中间(?:部分|那段|一段)?/, 1 / 3, 2 / 3, 'the middle third', '中间三分之一'],
  [/(?:the )?(?:beginning|start|opening)(?! with)|开头(?:部分)?/, 0, 0.25, 'the first quarter', '开头四分之一'],
  [/(?:the )?(?:ending|end part|final part)|结尾(?:部分)?/, 0.75, 1, 'the last quarter', '结尾四分之一'],
];

/** The range named in a clause (and the words that named it), or 'all'. */
export function rangeIn(clause: string): { ref: RangeRef; used: string } {
  let m: RegExpExecArray | null;
  if ((m = new RegExp(`(?:from|between|从)\\s*${T}\\s*(?:to|and|until|-|到)\\s*${T}`).exec(clause) ?? new RegExp(`${T}\\s*(?:to|until|-|到)\\s*${T}`).exec(clause))) return { ref: { kind: 'between', a: ms(m[1]), b: ms(m[2]) }, used: m[0] };
  if ((m = new RegExp(`(?:first|opening|前面?|开头)\\s*${T}`).exec(clause))) return { ref: { kind: 'first', ms: ms(m[1]) }, used: m[0] };
  if ((m = new RegExp(`(?:last|final|最后|后面?|结尾)\\s*${T}`).exec(clause))) return { ref: { kind: 'last', ms: ms(m[1]) }, used: m[0] };
  for (const [re, from, to, en, zh] of PARTS) if ((m = re.exec(clause))) return { ref: { kind: 'part', from, to, en, zh }, used: m[0] };
  if ((m = /\b(clip\s*#?\d+|(?:first|second|third|fourth|fifth) (?:clip|video|shot)|[\w-]+\.(?:mp4|mov|webm|mkv|avi))\b|(第[一二三四五六七八九十\d]个?(?:视频|片段|素材))/.exec(clause))) return { ref: { kind: 'clip', ref: m[1] ?? m[2] }, used: m[0] };
  return { ref: { kind: 'all' }, used: '' };
}

export type Resolved = { a: number; b: number; en: string; zh: string } | { error: { en: string; zh: string } };

/** Footage interval [a, b) ms for a range, with how the reply names it. */
export function resolveRange(draft: Draft, media: MediaInfo[], ref: RangeRef): Resolved {
  const f = footageDuration(draft);
  const span = (a: number, b: number) => `${formatTime(a)}–${formatTime(b)}`;
  switch (ref.kind) {
    case 'all':
      return { a: 0, b: f, en: 'the whole video', zh: '整个视频' };
    case 'first': {
      const b = Math.min(f, ref.ms);
      return { a: 0, b, en: `the first ${formatTime(b)}`, zh: `前 ${formatTime(b)}` };
    }
    case 'last': {
      const a = Math.max(0, f - ref.ms);
      return { a, b: f, en: `the last ${formatTime(f - a)} (${span(a, f)})`, zh: `最后 ${formatTime(f - a)}（${span(a, f)}）` };
    }
    case 'between': {
      if (ref.a >= f) return { error: { en: `The footage is only ${formatTime(f)} long, so ${formatTime(ref.a)} is past its end.`, zh: `素材只有 ${formatTime(f)}，${formatTime(ref.a)} 已超出结尾。` } };
      const b = Math.min(f, ref.b);
      return { a: ref.a, b, en: span(ref.a, b), zh: span(ref.a, b) };
    }
    case 'part': {
      const a = Math.round(f * ref.from);
      const b = Math.round(f * ref.to);
      return { a, b, en: `${ref.en} (${span(a, b)})`, zh: `${ref.zh}（${span(a, b)}）` };
    }
    case 'clip': {
      const clip = resolveClip(ref.ref, media);
      let t = 0;
      let a = -1;
      let b = -1;
      for (const seg of draft.video) {
        if (seg.k !== 'clip') continue;
        const len = seg.out - seg.in;
        if (clip && seg.src === clip.id) {
          if (a < 0) a = t;
          b = t + len;
        }
        t += len;
      }
      if (!clip || a < 0) return { error: { en: `I could not find "${ref.ref}" on the timeline.`, zh: `时间线上没有找到“${ref.ref}”。` } };
      return { a, b, en: clip.filename, zh: clip.filename };
    }
  }
}
