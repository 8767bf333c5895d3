// Text fitting for drawtext, shared by the engine's cards/titles and the upload kit's thumbnails: drawtext
// cannot shrink or wrap text, so the size and line breaks are computed here from an approximate advance width.
import { WIDE_CHAR } from './fonts';

/** Escapes a value for a filter option inside a filtergraph (two levels: option parser, then graph parser). */
export function filterValue(v: string): string {
  const level1 = v.replace(/[\\':]/g, (c) => `\\${c}`);
  return level1.replace(/[\\'[\],;]/g, (c) => `\\${c}`);
}

/** Approximate advance width of a string in em (bold sans); a slight over-estimate keeps text inside. */
export function emWidth(text: string): number {
  let w = 0;
  for (const ch of text) {
    if (WIDE_CHAR.test(ch)) w += 1.0;
    else if (ch === ' ') w += 0.35;
    else if (/[A-Z0-9MW@%&]/.test(ch)) w += 0.74;
    else if (/[iljtf.,:;'!|]/.test(ch)) w += 0.36;
    else w += 0.64;
  }
  return w;
}

/** Breaks text into `n` lines of similar width (at spaces; anywhere for CJK). */
function wrap(text: string, n: number): string[] {
  if (n <= 1) return [text];
  const tokens = WIDE_CHAR.test(text) && !text.includes(' ') ? [...text] : text.split(/\s+/);
  const joiner = WIDE_CHAR.test(text) && !text.includes(' ') ? '' : ' ';
  const target = emWidth(text) / n;
  const lines: string[] = [];
  let cur: string[] = [];
  for (const tok of tokens) {
    const next = [...cur, tok].join(joiner);
    if (cur.length > 0 && emWidth(next) > target * 1.08 && lines.length < n - 1) {
      lines.push(cur.join(joiner));
      cur = [tok];
    } else cur.push(tok);
  }
  if (cur.length) lines.push(cur.join(joiner));
  return lines;
}

export interface TextLayout {
  lines: string[];
  fontSize: number;
}

/** The largest font size ≤ maxSize at which the text fits maxWidth, wrapping to up to `maxLines` lines. */
export function layoutText(text: string, maxWidth: number, maxSize: number, minSize = 18, maxLines = 3): TextLayout {
  const clean = text.replace(/\s+/g, ' ').trim();
  let best: TextLayout = { lines: [clean], fontSize: minSize };
  for (let n = 1; n <= maxLines; n++) {
    const lines = wrap(clean, n);
    const widest = Math.max(...lines.map(emWidth), 0.1);
    // Each extra line costs some size so one line is preferred when it is nearly as large.
    const size = Math.floor(Math.min(maxSize * (n === 1 ? 1 : 0.85), maxWidth / widest));
    if (size > best.fontSize + (n > 1 ? 4 : 0)) best = { lines, fontSize: size };
  }
  best.fontSize = Math.max(minSize, best.fontSize);
  return best;
}
