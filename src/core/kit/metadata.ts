// Title, description and tags within YouTube's limits: title ≤ 100 characters (cut at a word boundary),
// description ≤ 5000 bytes of UTF-8, tags joined with commas ≤ 500 characters (a tag with a space counts
// its quotes, as YouTube counts it). "<" and ">" are refused by YouTube in all three and are removed.
import { type Chapter, chapterStamp, readableName } from './chapters';
import type { EditMap } from './editMap';
import { type KitLang, ks } from './strings';

export const TITLE_MAX = 100;
export const DESCRIPTION_MAX_BYTES = 5000;
export const TAGS_MAX = 500;

const WIDE = /[\u2e80-\u9fff\uac00-\ud7af\uff00-\uffef]/;

/** Cuts text to at most `max` characters at a word boundary (CJK text: at any character), adding "…". */
export function cutAtWord(text: string, max: number): string {
  const clean = text.replace(/[<>]/g, '').replace(/\s+/g, ' ').trim();
  const chars = Array.from(clean);
  if (chars.length <= max) return clean;
  const head = chars.slice(0, max - 1).join('');
  const lastSpace = head.lastIndexOf(' ');
  const cut = WIDE.test(chars[max - 1] ?? '') || lastSpace < max * 0.5 ? head : head.slice(0, lastSpace);
  return `${cut.replace(/[\s,.;:!?\-–—]+$/, '')}…`;
}

export function makeTitle(map: EditMap, chapters: Chapter[]): string {
  const firstClip = map.spans.find((s) => s.kind === 'clip');
  const intro = map.spans.find((s) => s.kind === 'card' && s.cardTitle);
  const raw = map.title ?? intro?.cardTitle ?? map.texts.find((t) => t.kind === 'title')?.text ?? chapters[1]?.title ?? readableName(firstClip?.name ?? null) ?? 'Video';
  return cutAtWord(raw, TITLE_MAX);
}

function durationWords(sec: number, lang: KitLang): string {
  const s = Math.round(sec);
  const m = Math.floor(s / 60);
  const r = s % 60;
  if (lang === 'zh') return m > 0 ? `${m} 分 ${r} 秒` : `${r} 秒`;
  return m > 0 ? `${m} min ${r} s` : `${r} s`;
}

/** Keeps whole lines while the UTF-8 byte count stays within `max`. */
function fitBytes(text: string, max: number): string {
  if (Buffer.byteLength(text, 'utf8') <= max) return text;
  const out: string[] = [];
  let used = 0;
  for (const line of text.split('\n')) {
    const b = Buffer.byteLength(line, 'utf8') + 1;
    if (used + b > max) break;
    out.push(line);
    used += b;
  }
  return out.join('\n').trimEnd();
}

export function makeDescription(map: EditMap, chapters: Chapter[], title: string, lang: KitLang, captionFile: string | null): string {
  const clips = [...new Set(map.spans.filter((s) => s.kind === 'clip').map((s) => readableName(s.name)).filter((n): n is string => !!n))];
  const duration = durationWords(map.durationSec, lang);
  const summary = clips.length
    ? ks(lang, 'desc.summaryClips', { duration, clips: clips.slice(0, 6).join(lang === 'zh' ? '、' : ', ') })
    : ks(lang, 'desc.summary', { duration });
  const parts = [title, '', summary];
  if (chapters.length) {
    parts.push('', `${ks(lang, 'desc.chapters')}:`, ...chapters.map((c) => `${chapterStamp(c.seconds)} ${c.title}`));
  }
  if (captionFile) parts.push('', ks(lang, 'desc.captions', { file: captionFile }));
  return fitBytes(parts.join('\n').replace(/[<>]/g, ''), DESCRIPTION_MAX_BYTES);
}

const STOP = new Set('a an the and or of to in on at for with from by is are was be my our your this that it its as into vs video clip final edit export'.split(' '));

function tagLength(tag: string): number {
  return tag.length + (tag.includes(' ') ? 2 : 0);
}

/** Tags from the title, the chapter names and the clip names; deduplicated, within the 500-character budget. */
export function makeTags(map: EditMap, title: string, chapters: Chapter[]): string[] {
  const phrases = [title, ...chapters.map((c) => c.title), ...map.spans.filter((s) => s.kind !== 'card').map((s) => readableName(s.name) ?? '')];
  const candidates: string[] = [];
  for (const p of phrases) {
    const clean = p.replace(/[<>,#"]/g, ' ').replace(/\s+/g, ' ').trim().toLowerCase();
    if (!clean) continue;
    if (clean.length <= 30) candidates.push(clean);
    for (const w of clean.split(/[\s:;!?.()[\]{}|/\\]+/)) if (w.length >= 3 && !STOP.has(w) && !/^\d+$/.test(w)) candidates.push(w);
  }
  if (map.height > map.width) candidates.push('shorts');
  const tags: string[] = [];
  let used = 0;
  for (const c of candidates) {
    const tag = Array.from(c).slice(0, 30).join('').trim();
    if (!tag || tags.includes(tag)) continue;
    const cost = tagLength(tag) + (tags.length ? 1 : 0);
    if (used + cost > TAGS_MAX) continue;
    tags.push(tag);
    used += cost;
  }
  return tags;
}
