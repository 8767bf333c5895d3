// SubRip (.srt) and WebVTT (.vtt) read leniently and written strictly. Real caption files carry a BOM,
// CRLF line ends, VTT styling (<b>, <c.x>, <v Speaker>), cue settings, NOTE/STYLE blocks, numbers out of
// order and overlapping cues: all of that is read. What cannot be read (a cue time that is not a time,
// an end before its start) is refused with the line number, so the user can fix the file.

export interface Cue {
  /** Seconds. */
  start: number;
  end: number;
  /** Plain text; lines joined with "\n". */
  text: string;
}

export class CaptionParseError extends Error {
  constructor(readonly line: number, readonly reason: string, readonly file?: string) {
    super(`${file ? `${file}, ` : ''}line ${line}: ${reason}`);
    this.name = 'CaptionParseError';
  }
}

// 00:01:02,345 · 01:02.345 · 00:01:02.3 · 1:02:03,4 (hours optional, comma or dot, 1–3 fraction digits)
const TIME = /(?:(\d{1,3}):)?(\d{1,2}):(\d{1,2})(?:[.,](\d{1,3}))?/;
const ARROW = /-->|->/;

function parseTime(s: string): number | null {
  const m = new RegExp(`^\\s*${TIME.source}\\s*$`).exec(s);
  if (!m) return null;
  const [, h, mi, se, frac] = m;
  const min = Number(mi);
  const sec = Number(se);
  if (sec >= 60 || (h !== undefined && min >= 60)) return null;
  const f = frac ? Number(frac.padEnd(3, '0')) / 1000 : 0;
  return Number(h ?? 0) * 3600 + min * 60 + sec + f;
}

/** Drops VTT/SRT markup (<b>, <i>, <c.cls>, <v Name>, <00:01.000>, {\an8}) and decodes the common entities. */
function plain(text: string): string {
  return text
    .replace(/<[^>]*>/g, '')
    .replace(/\{\\[^}]*\}/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .join('\n');
}

/**
 * Reads SRT or VTT (detected by content, not by name). Overlapping cues are kept (players show both);
 * cues are returned sorted by start. Empty cues are dropped.
 */
export function parseCaptions(content: string, file?: string): Cue[] {
  const lines = content.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const cues: Cue[] = [];
  let i = 0;
  const isVtt = /^WEBVTT\b/.test(lines[0]?.trim() ?? '');
  if (isVtt) {
    // Skip the header block.
    while (i < lines.length && lines[i].trim() !== '') i++;
  }
  while (i < lines.length) {
    const line = lines[i].trim();
    if (line === '') {
      i++;
      continue;
    }
    // VTT blocks that are not cues.
    if (/^(NOTE|STYLE|REGION)\b/.test(line)) {
      while (i < lines.length && lines[i].trim() !== '') i++;
      continue;
    }
    // The timing line is this one or, after a cue number/identifier, the next.
    let timingAt = i;
    if (!ARROW.test(line)) {
      if (i + 1 < lines.length && ARROW.test(lines[i + 1])) timingAt = i + 1;
      else throw new CaptionParseError(i + 1, `expected a cue time such as "00:00:01,000 --> 00:00:03,500", found "${line.slice(0, 60)}"`, file);
    }
    const [left, rightWithSettings] = lines[timingAt].split(ARROW);
    const right = (rightWithSettings ?? '').trim().split(/\s+/)[0] ?? '';
    const start = parseTime(left);
    const end = parseTime(right);
    if (start === null || end === null) throw new CaptionParseError(timingAt + 1, `"${lines[timingAt].trim().slice(0, 60)}" is not a valid cue time (use hh:mm:ss,mmm --> hh:mm:ss,mmm)`, file);
    if (end < start) throw new CaptionParseError(timingAt + 1, `the cue ends (${right}) before it starts (${left.trim()})`, file);
    i = timingAt + 1;
    const text: string[] = [];
    while (i < lines.length && lines[i].trim() !== '') {
      // A timing line without a blank line before it starts the next cue (a common hand-editing slip).
      if (ARROW.test(lines[i]) && parseTime(lines[i].split(ARROW)[0]) !== null) break;
      text.push(lines[i]);
      i++;
    }
    const t = plain(text.join('\n'));
    if (t && end > start) cues.push({ start, end, text: t });
  }
  return cues.sort((a, b) => a.start - b.start || a.end - b.end);
}

function stamp(sec: number, sep: ',' | '.'): string {
  const ms = Math.max(0, Math.round(sec * 1000));
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = Math.floor((ms % 60_000) / 1000);
  const f = ms % 1000;
  const p = (n: number, w = 2): string => String(n).padStart(w, '0');
  return `${p(h)}:${p(m)}:${p(s)}${sep}${p(f, 3)}`;
}

export function writeSrt(cues: Cue[]): string {
  return cues.map((c, i) => `${i + 1}\n${stamp(c.start, ',')} --> ${stamp(c.end, ',')}\n${c.text}\n`).join('\n');
}

/** VTT text may not contain "-->" and treats "<" / "&" as markup: escape them. */
export function writeVtt(cues: Cue[]): string {
  const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/-->/g, '--&gt;');
  return `WEBVTT\n\n${cues.map((c) => `${stamp(c.start, '.')} --> ${stamp(c.end, '.')}\n${esc(c.text)}\n`).join('\n')}`;
}
