// Reading a message: quoted text is lifted out first so a title such as "Trim: the first 10 seconds" never
// reads as a command; each family then masks the words it used so a later family does not match them again
// ("add title X for the first 3 seconds" is not a trim). Shared helpers for the families' patterns.
import { parseTime, TIME } from './timecode';

export interface Scan {
  /** Lower-cased message with quotes replaced by ⟦n⟧ and used words masked by spaces. */
  text: string;
  quotes: string[];
}

const QUOTE_RE = /"([^"]+)"|“([^”]+)”|「([^」]+)」|『([^』]+)』|《([^》]+)》|(?<![\p{L}\p{N}])'([^']+)'(?![\p{L}\p{N}])|‘([^’]+)’/gu;

export function scan(message: string): Scan {
  const quotes: string[] = [];
  const text = message
    .replace(QUOTE_RE, (...g: unknown[]) => {
      const q = g.slice(1, 8).find((x) => typeof x === 'string') as string;
      quotes.push(q);
      return ` ⟦${quotes.length - 1}⟧ `;
    })
    .toLowerCase()
    .replace(/[–—~～至]/g, ' to ');
  return { text, quotes };
}

export function mask(s: Scan, m: RegExpExecArray | null): void {
  if (!m) return;
  s.text = s.text.slice(0, m.index) + ' '.repeat(m[0].length) + s.text.slice(m.index + m[0].length);
}

/** The text of a ⟦n⟧ placeholder inside `fragment`, else null. */
export function quoted(s: Scan, fragment: string | undefined): string | null {
  const m = fragment ? /⟦(\d+)⟧/.exec(fragment) : null;
  return m ? s.quotes[Number(m[1])] ?? null : null;
}

/** Unquoted free text after "titled"/"called": up to a time phrase or the end of the clause. */
export function freeText(fragment: string | undefined, original: string): string | null {
  if (!fragment) return null;
  const t = fragment.trim().replace(/[.!?。！？]+$/, '').trim();
  if (!t) return null;
  // Recover the user's own casing from the original message.
  const at = original.toLowerCase().indexOf(t);
  return at >= 0 ? original.slice(at, at + t.length) : t;
}

export const T = `(${TIME})`;
export const ms = (x: string | undefined): number => parseTime(x ?? '') ?? 0;
export const has = (s: Scan, re: RegExp): boolean => re.test(s.text);

export function percent(text: string): number | null {
  const p = /(\d{1,3}(?:\.\d+)?)\s*(?:%|percent|％)/.exec(text);
  if (p) return Number(p[1]) / 100;
  const v = /(?:volume|音量)\s*(?:of|at|to|=|:)?\s*(0?\.\d+|1\.0|1)\b/.exec(text);
  return v ? Number(v[1]) : null;
}

export function durationIn(fragment: string): number | null {
  const m = new RegExp(`(?:for\\s+|lasting\\s+|持续\\s*)?${T}\\s*(?:long)?`).exec(fragment);
  const v = m ? parseTime(m[1]) : null;
  return v && v > 0 && /\d\s*(?:s|sec|second|秒|m|min|分)/.test(m?.[0] ?? '') ? v : null;
}

/** A multiplier written as "2x", "2×", "x2", "2 times", "double", "half", "两倍", "1.5倍". */
export function factorIn(text: string): number | null {
  const m = /(\d+(?:\.\d+)?)\s*(?:x|×|times|倍)(?![a-z])|(?:x|×)\s*(\d+(?:\.\d+)?)\b/.exec(text);
  if (m) return Number(m[1] ?? m[2]);
  if (/\bdouble\b|\btwice\b|两倍|二倍|2倍/.test(text)) return 2;
  if (/\btriple\b|三倍/.test(text)) return 3;
  if (/\bhalf(?:-| )speed\b|半速/.test(text)) return 0.5;
  return null;
}

export interface Clause {
  index: number;
  text: string;
}

// Clause boundaries: punctuation (a '.' only when it ends a sentence, so "song.mp3" and "1.5x" stay whole),
// "then", and "and" unless it joins a fixed phrase ("black and white", "in and out") or two times
// ("between 0:03 and 0:04").
const BOUNDARY = /[;!?。；，,、]|\.(?=\s|$)|\band then\b|\bthen\b|\balso\b|\band\b(?!\s*(?:white|out|\d|⟦))|并且|然后|还有|同时/g;

/** The message's clauses (in the masked text), so one family takes only its own part of "X and Y". */
export function clauses(s: Scan): Clause[] {
  const out: Clause[] = [];
  let last = 0;
  for (const m of s.text.matchAll(BOUNDARY)) {
    out.push({ index: last, text: s.text.slice(last, m.index) });
    last = (m.index ?? 0) + m[0].length;
  }
  out.push({ index: last, text: s.text.slice(last) });
  return out.filter((c) => c.text.trim() !== '');
}

/** The first clause whose text matches `re`. */
export function clauseWith(s: Scan, re: RegExp): Clause | null {
  return clauses(s).find((c) => re.test(c.text)) ?? null;
}

export function maskClause(s: Scan, c: Clause): void {
  s.text = s.text.slice(0, c.index) + ' '.repeat(c.text.length) + s.text.slice(c.index + c.text.length);
}
