// drawtext, done safely: the text goes into a file (`textfile=` + `expansion=none`, so quotes, colons and
// % render verbatim), the font size is computed to fit the frame (drawtext cannot shrink text), long text
// wraps into at most three centred lines (one drawtext per line: ffmpeg 5.1 has no text alignment). The
// fitting rules live in core/media/textLayout, shared with the upload kit's thumbnails.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { fontFor } from '../../core/media/fonts';
import { filterValue, layoutText } from '../../core/media/textLayout';

export { emWidth, filterValue, layoutText, type TextLayout } from '../../core/media/textLayout';

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
