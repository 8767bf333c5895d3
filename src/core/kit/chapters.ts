// Chapters from the edit itself. A chapter may begin where a card, a new source clip or an on-screen title
// begins (pieces of one clip split by silence cuts are one chapter). Names: the title text over the span,
// else the card's title, else a readable form of the clip's file name, else the first words spoken in it.
// YouTube only shows chapters that start at 0:00, are at least 3, each at least 10 s long, ascending: short
// spans are merged into a neighbour until every chapter is long enough; if fewer than 3 remain, or the video
// is a vertical Short (Shorts have no chapters), there are none.
import type { Cue } from './captions';
import type { EditMap } from './editMap';
import { type KitLang, ks } from './strings';

export interface Chapter {
  seconds: number;
  title: string;
}

export const MIN_CHAPTER_SECONDS = 10;
export const MIN_CHAPTERS = 3;
/** Vertical videos up to this length are published as Shorts. */
export const SHORTS_MAX_SECONDS = 180;

const HASHY = /^(?:[0-9a-f]{12,}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|(?:img|vid|dsc|mvi|pxl|gopr?)[-_]?\d+.*)$/i;

/** "my_trip_day2.mp4" → "My trip day 2"; camera/hash names ("IMG_1234.MOV", a uuid) give null. */
export function readableName(fileName: string | null): string | null {
  if (!fileName) return null;
  const base = fileName.split(/[?#]/)[0].split(/[\\/]/).pop() ?? '';
  const stem = base.replace(/\.[a-z0-9]{2,4}$/i, '');
  if (!stem || HASHY.test(stem)) return null;
  const words = stem
    .replace(/[_.\-+]+/g, ' ')
    .replace(/([a-z\u00c0-\u024f])(\d)/gi, '$1 $2')
    .replace(/(\d)([a-z\u00c0-\u024f]{2,})/gi, '$1 $2')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/\s+/g, ' ')
    .trim();
  if (!words || !/[\p{L}]/u.test(words)) return null;
  const lower = words === words.toUpperCase() || words === words.toLowerCase() ? words.toLowerCase() : words;
  return lower.charAt(0).toUpperCase() + lower.slice(1);
}

/** The first few words of a caption line: a chapter name of last resort. */
function firstWords(text: string, max = 5): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (/[\u3000-\u9fff]/.test(clean) && !clean.includes(' ')) return Array.from(clean).slice(0, 12).join('');
  const words = clean.split(' ').slice(0, max).join(' ').replace(/[,.;:!?…]+$/, '');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

interface Candidate {
  start: number;
  title: string | null;
}

function candidates(map: EditMap, captions: Cue[], lang: KitLang): Candidate[] {
  const list: Candidate[] = [];
  let prevSource: string | null = null;
  for (const span of map.spans) {
    if (span.kind === 'clip' && span.source === prevSource) continue;
    prevSource = span.kind === 'clip' ? span.source : null;
    const overTitle = map.texts.find((t) => t.kind === 'title' && t.start < span.start + 2 && t.end > span.start + 0.3);
    const spoken = captions.find((c) => c.start >= span.start - 0.2 && c.start < span.end);
    const cardName = span.kind === 'card' ? span.cardTitle ?? ks(lang, span.name === 'outro' ? 'chapter.outro' : 'chapter.intro') : null;
    list.push({ start: span.start, title: overTitle?.text ?? cardName ?? readableName(span.name) ?? (spoken ? firstWords(spoken.text) : null) });
  }
  for (const t of map.texts.filter((x) => x.kind === 'title')) {
    if (!list.some((c) => Math.abs(c.start - t.start) < 2)) list.push({ start: t.start, title: t.text });
  }
  return list.sort((a, b) => a.start - b.start);
}

export interface ChapterResult {
  chapters: Chapter[];
  /** Why there are none (for the description and the user), when there are none. */
  reason: 'ok' | 'short' | 'vertical-short' | 'too-few';
}

export function makeChapters(map: EditMap, captions: Cue[], lang: KitLang): ChapterResult {
  const total = Math.floor(map.durationSec);
  if (map.height > map.width && map.durationSec <= SHORTS_MAX_SECONDS) return { chapters: [], reason: 'vertical-short' };
  if (total < MIN_CHAPTERS * MIN_CHAPTER_SECONDS) return { chapters: [], reason: 'short' };
  // Whole seconds, as the description shows them; the first always at 0.
  let list = candidates(map, captions, lang).map((c) => ({ seconds: Math.floor(c.start), title: c.title }));
  list = list.filter((c) => c.seconds < total);
  if (list.length === 0 || list[0].seconds !== 0) list.unshift({ seconds: 0, title: null });
  list[0].seconds = 0;
  // Merge duplicates at the same second (keep the named one).
  list = list.reduce<typeof list>((acc, c) => {
    const prev = acc[acc.length - 1];
    if (prev && prev.seconds === c.seconds) prev.title = prev.title ?? c.title;
    else acc.push({ ...c });
    return acc;
  }, []);
  const lengthOf = (i: number): number => (i + 1 < list.length ? list[i + 1].seconds : total) - list[i].seconds;
  // Repeatedly merge the shortest too-short chapter into its shorter neighbour; the merged chapter keeps
  // the start of the earlier one and the name of the longer part.
  for (;;) {
    let worst = -1;
    for (let i = 0; i < list.length; i++) if (lengthOf(i) < MIN_CHAPTER_SECONDS && (worst < 0 || lengthOf(i) < lengthOf(worst))) worst = i;
    if (worst < 0 || list.length === 1) break;
    const prevLen = worst > 0 ? lengthOf(worst - 1) : Infinity;
    const nextLen = worst + 1 < list.length ? lengthOf(worst + 1) : Infinity;
    const into = prevLen <= nextLen ? worst - 1 : worst + 1;
    const a = Math.min(worst, into);
    const b = a + 1;
    const title = lengthOf(a) >= lengthOf(b) ? list[a].title ?? list[b].title : list[b].title ?? list[a].title;
    list.splice(a, 2, { seconds: list[a].seconds, title });
  }
  // Adjacent chapters with the same name are one.
  list = list.filter((c, i) => i === 0 || c.title === null || c.title !== list[i - 1].title);
  if (list.length < MIN_CHAPTERS || list.some((_c, i) => lengthOf(i) < MIN_CHAPTER_SECONDS)) return { chapters: [], reason: 'too-few' };
  return {
    chapters: list.map((c, i) => ({ seconds: c.seconds, title: cleanTitle(c.title) ?? ks(lang, 'chapter.part', { n: i + 1 }) })),
    reason: 'ok',
  };
}

/** YouTube rejects "<" and ">" in descriptions; chapter names are one line of at most 80 characters. */
function cleanTitle(t: string | null): string | null {
  if (!t) return null;
  const one = t.replace(/[<>]/g, '').replace(/\s+/g, ' ').trim();
  if (!one) return null;
  const chars = Array.from(one);
  return chars.length > 80 ? `${chars.slice(0, 79).join('').trimEnd()}…` : one;
}

/** 0:00, 1:05, 1:02:03 — the form YouTube recognises in a description. */
export function chapterStamp(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const r = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${r}` : `${m}:${r}`;
}
