// Thumbnails: 1280×720 JPEG (YouTube's recommended size; its limit is 2 MB), from a chosen frame, with the
// video's title set large in at most two lines, white with a black stroke and a shadow so it reads on any
// background; CJK titles get a CJK font. A frame that is not 16:9 (vertical, square) is fitted whole over a
// blurred, darkened fill of itself. All candidates are made in one ffmpeg run (one input-seek per frame);
// each is written to a temporary name and renamed.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { runFfmpeg } from '../media/ffmpegRun';
import { fontFor } from '../media/fonts';
import { filterValue, layoutText } from '../media/textLayout';

export const THUMB_W = 1280;
export const THUMB_H = 720;
export const THUMB_MAX_BYTES = 2 * 1024 * 1024;

/** The frame → 1280×720 chain: crop-to-fill for near-16:9 frames, blurred fill behind the whole frame otherwise. */
function canvas(input: string, srcW: number, srcH: number, tag: string): { chains: string[]; out: string } {
  const ratio = srcW / srcH;
  const fill = `scale=${THUMB_W}:${THUMB_H}:force_original_aspect_ratio=increase,crop=${THUMB_W}:${THUMB_H}`;
  if (ratio > 1.6 && ratio < 1.95) return { chains: [`[${input}]trim=end_frame=1,${fill},setsar=1[${tag}c]`], out: `${tag}c` };
  return {
    chains: [
      `[${input}]trim=end_frame=1,split[${tag}a][${tag}b]`,
      `[${tag}a]scale=320:180:force_original_aspect_ratio=increase,crop=320:180,gblur=sigma=12,eq=brightness=-0.12,scale=${THUMB_W}:${THUMB_H}[${tag}bg]`,
      `[${tag}b]scale=${THUMB_W}:${THUMB_H}:force_original_aspect_ratio=decrease[${tag}fg]`,
      `[${tag}bg][${tag}fg]overlay=(W-w)/2:(H-h)/2,setsar=1[${tag}c]`,
    ],
    out: `${tag}c`,
  };
}

/** drawtext filters for the title: ≤ 2 lines, as large as fits (at most 1/7 of the height), lower third. */
async function titleFilters(title: string, workDir: string, tag: string): Promise<string> {
  const text = title.trim();
  if (!text) return '';
  const layout = layoutText(text, THUMB_W * 0.9, Math.round(THUMB_H / 7), 36, 2);
  const font = fontFor(text);
  const lineH = Math.round(layout.fontSize * 1.18);
  const blockBottom = Math.round(THUMB_H * 0.93);
  const top = blockBottom - lineH * layout.lines.length;
  const filters: string[] = [];
  for (const [i, line] of layout.lines.entries()) {
    const file = path.join(workDir, `thumb-${tag}-${i}.txt`);
    await fs.writeFile(file, line, 'utf8');
    filters.push(
      [
        `drawtext=fontfile=${filterValue(font.path)}`,
        `textfile=${filterValue(file)}`,
        'expansion=none',
        `fontsize=${layout.fontSize}`,
        'fontcolor=white',
        `borderw=${Math.max(3, Math.round(layout.fontSize / 14))}`,
        'bordercolor=black',
        'shadowcolor=black@0.7',
        `shadowx=${Math.max(2, Math.round(layout.fontSize / 18))}`,
        `shadowy=${Math.max(2, Math.round(layout.fontSize / 18))}`,
        'x=(w-text_w)/2',
        `y=${top + i * lineH}+(${lineH}-${layout.fontSize})/2`,
      ].join(':'),
    );
  }
  return filters.join(',');
}

export interface ThumbnailJob {
  time: number;
  out: string;
}

/**
 * Writes each job's JPEG (1280×720, title on it). A JPEG over 2 MB (noisy footage) is made again at a lower
 * quality; each file appears under its final name only when complete.
 */
export async function writeThumbnails(
  ffmpeg: string,
  video: string,
  src: { width: number; height: number },
  jobs: ThumbnailJob[],
  title: string,
  workDir: string,
  signal?: AbortSignal,
): Promise<void> {
  if (jobs.length === 0) return;
  await fs.mkdir(workDir, { recursive: true });
  for (const quality of [3, 8, 16]) {
    const args: string[] = [];
    for (const j of jobs) args.push('-ss', j.time.toFixed(3), '-i', video);
    const chains: string[] = [];
    const text = await titleFilters(title, workDir, 'q');
    jobs.forEach((_j, i) => {
      const c = canvas(`${i}:v`, src.width, src.height, `t${i}`);
      chains.push(...c.chains, `[${c.out}]${text ? `${text},` : ''}format=yuvj420p[o${i}]`);
    });
    args.push('-filter_complex', chains.join(';'));
    const tmps = jobs.map((j) => `${j.out}.tmp`);
    jobs.forEach((_j, i) => args.push('-map', `[o${i}]`, '-frames:v', '1', '-c:v', 'mjpeg', '-q:v', String(quality), '-f', 'mjpeg', tmps[i]));
    try {
      await runFfmpeg(ffmpeg, args, { signal });
      const sizes = await Promise.all(tmps.map(async (t) => (await fs.stat(t)).size));
      if (sizes.every((s) => s > 0 && s <= THUMB_MAX_BYTES) || quality === 16) {
        if (sizes.some((s) => s === 0 || s > THUMB_MAX_BYTES)) throw new Error('a thumbnail came out empty or over 2 MB');
        for (const [i, j] of jobs.entries()) await fs.rename(tmps[i], j.out);
        return;
      }
    } finally {
      await Promise.all(tmps.map((t) => fs.rm(t, { force: true })));
    }
  }
}
