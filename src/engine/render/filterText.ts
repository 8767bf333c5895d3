// drawtext, done safely: the text goes into a file (`textfile=` + `expansion=none`, so quotes, colons and
// % render verbatim), the font size is computed to fit the frame (drawtext cannot shrink text), long text
// wraps into at most three centred lines (one drawtext per line: ffmpeg 5.1 has no text alignment).
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { fontFor, WIDE_CHAR } from '../fonts';

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

/** The largest font size ≤ maxSize at which the text fits maxWidth, wrapping to up to three lines. */
export function layoutText(text: string, maxWidth: number, maxSize: number, minSize = 18): TextLayout {
  const clean = text.replace(/\s+/g, ' ').trim();
  let best: TextLayout = { lines: [clean], fontSize: minSize };
  for (let n = 1; n <= 3; n++) {
    const lines = wrap(clean, n);
    const widest = Math.max(...lines.map(emWidth), 0.1);
    // Each extra line costs some size so one line is preferred when it is nearly as large.
    const size = Math.floor(Math.min(maxSize * (n === 1 ? 1 : 0.85), maxWidth / widest));
    if (size > best.fontSize + (n > 1 ? 4 : 0)) best = { lines, fontSize: size };
  }
  best.fontSize = Math.max(minSize, best.fontSize);
  return best;
}

export interface DrawTextSpec {
  text: string;
  /** Centre of the text block, as a fraction of the frame height. */
  centerY: number;
  maxSize: number;
  color: string;
  /** drawtext `enable` and `alpha` expressions (already quoted for the graph), or null. */
  enable: string | null;
  alpha: string | null;
  box: boolean;
}

/** Writes the text files and returns the drawtext filters (comma-joined) for one text block. */
export async function drawTextFilters(spec: DrawTextSpec, width: number, height: number, workDir: string, tag: string): Promise<string> {
  const layout = layoutText(spec.text, width * 0.86, spec.maxSize);
  const font = fontFor(spec.text);
  const lineH = Math.round(layout.fontSize * 1.25);
  const blockTop = Math.round(spec.centerY * height - (lineH * layout.lines.length) / 2);
  const filters: string[] = [];
  for (const [i, line] of layout.lines.entries()) {
    const file = path.join(workDir, `text-${tag}-${i}.txt`);
    await fs.writeFile(file, line, 'utf8');
    const opts = [
      `fontfile=${filterValue(font.path)}`,
      `textfile=${filterValue(file)}`,
      'expansion=none',
      `fontsize=${layout.fontSize}`,
      `fontcolor=${spec.color}`,
      'x=(w-text_w)/2',
      `y=${blockTop + i * lineH}+(${lineH}-${layout.fontSize})/2`,
      'shadowcolor=black@0.6',
      `shadowx=${Math.max(1, Math.round(layout.fontSize / 24))}`,
      `shadowy=${Math.max(1, Math.round(layout.fontSize / 24))}`,
    ];
    if (spec.box) opts.push('box=1', 'boxcolor=black@0.45', `boxborderw=${Math.round(layout.fontSize * 0.3)}`);
    if (spec.enable) opts.push(`enable=${spec.enable}`);
    if (spec.alpha) opts.push(`alpha=${spec.alpha}`);
    filters.push(`drawtext=${opts.join(':')}`);
  }
  return filters.join(',');
}
