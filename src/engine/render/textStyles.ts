// The styled text-track items: a lower third (a dark band at the bottom left with the name large and the
// role small, left-aligned) and a subscribe reminder (a red badge with white text at the bottom right).
// Plain titles stay in filterText.ts. Text goes through files (expansion=none) like every drawtext here.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { fontFor } from '../../core/media/fonts';
import type { TextSegment } from '../planner/format';
import { emWidth, filterValue } from './filterText';

async function textOpts(text: string, size: number, color: string, workDir: string, tag: string): Promise<string[]> {
  const file = path.join(workDir, `text-${tag}.txt`);
  await fs.writeFile(file, text, 'utf8');
  return [`fontfile=${filterValue(fontFor(text).path)}`, `textfile=${filterValue(file)}`, 'expansion=none', `fontsize=${size}`, `fontcolor=${color}`];
}

/** Drawbox + drawtext filters (comma-joined) for a 'lower' or 'subscribe' text segment. */
export async function styledTextFilters(t: TextSegment, width: number, height: number, workDir: string, tag: string): Promise<string> {
  const s = (t.s / 1000).toFixed(3);
  const e = (t.e / 1000).toFixed(3);
  const enable = `enable='between(t,${s},${e})'`;
  const base = Math.min(width, height);
  const pad = Math.round(base * 0.025);
  if (t.m.style === 'subscribe') {
    const size = Math.round(base * 0.05);
    const textW = Math.ceil(emWidth(t.m.text) * size);
    const boxW = textW + 2 * pad;
    const boxH = Math.round(size * 1.6);
    const x = width - boxW - Math.round(base * 0.04);
    const y = height - boxH - Math.round(base * 0.06);
    const text = await textOpts(t.m.text, size, 'white', workDir, `${tag}s`);
    return [
      `drawbox=x=${x}:y=${y}:w=${boxW}:h=${boxH}:color=0xE0191F@1:t=fill:${enable}`,
      `drawtext=${[...text, `x=${x}+(${boxW}-text_w)/2`, `y=${y}+(${boxH}-${size})/2`, enable].join(':')}`,
    ].join(',');
  }
  // Lower third: name (bold, white) over role (smaller, light grey) on a translucent dark band.
  const nameSize = Math.round(base * 0.06);
  const roleSize = Math.round(base * 0.038);
  const hasRole = typeof t.m.sub === 'string' && t.m.sub.trim() !== '';
  const maxW = Math.round(width * 0.6);
  const fit = (txt: string, size: number) => Math.max(14, Math.min(size, Math.floor(maxW / Math.max(0.5, emWidth(txt)))));
  const nSize = fit(t.m.text, nameSize);
  const rSize = hasRole ? fit(String(t.m.sub), roleSize) : 0;
  const boxW = Math.ceil(Math.max(emWidth(t.m.text) * nSize, hasRole ? emWidth(String(t.m.sub)) * rSize : 0)) + 2 * pad;
  const boxH = Math.round(nSize * 1.3 + (hasRole ? rSize * 1.4 : 0) + pad);
  const x = Math.round(width * 0.05);
  const y = Math.round(height * 0.92) - boxH;
  const parts = [`drawbox=x=${x}:y=${y}:w=${boxW}:h=${boxH}:color=black@0.6:t=fill:${enable}`];
  const name = await textOpts(t.m.text, nSize, 'white', workDir, `${tag}n`);
  parts.push(`drawtext=${[...name, `x=${x + pad}`, `y=${y + Math.round(pad / 2)}+(${Math.round(nSize * 1.3)}-${nSize})/2`, enable].join(':')}`);
  if (hasRole) {
    const role = await textOpts(String(t.m.sub), rSize, '0xdddddd', workDir, `${tag}r`);
    parts.push(`drawtext=${[...role, `x=${x + pad}`, `y=${y + Math.round(pad / 2) + Math.round(nSize * 1.3)}+(${Math.round(rSize * 1.4)}-${rSize})/2`, enable].join(':')}`);
  }
  return parts.join(',');
}
