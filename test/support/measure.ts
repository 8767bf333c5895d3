// Measurements of rendered outputs the engine and kit tests assert on: mean colour or luma of a region,
// mean volume of a time window (volumedetect, optionally after a filter such as a low-pass band), integrated
// loudness, and where a flash and a beep first appear (A/V sync).
import { execFile } from 'node:child_process';
import { FFMPEG, run } from './media';

export interface Rgb {
  r: number;
  g: number;
  b: number;
  /** Mean of max(r,g,b) − min(r,g,b) per pixel: 0 for greys. */
  chroma: number;
  /** Mean bt709 luma (0–255, full range). */
  luma: number;
  /** Brightest pixel's luma. */
  max: number;
}

/** Mean colour of a region of the frame at `t` seconds. */
export function regionRgb(file: string, t: number, crop: { w: number; h: number; x: number; y: number }): Promise<Rgb> {
  const args = ['-hide_banner', '-v', 'error', '-ss', t.toFixed(3), '-i', file, '-frames:v', '1', '-vf', `crop=${crop.w}:${crop.h}:${crop.x}:${crop.y},format=rgb24`, '-f', 'rawvideo', '-'];
  return new Promise((resolve, reject) => {
    execFile(FFMPEG, args, { encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 }, (err, stdout) => {
      if (err) return reject(err);
      const n = stdout.length / 3;
      if (n === 0) return reject(new Error(`no frame at ${t}s`));
      let r = 0, g = 0, b = 0, chroma = 0, max = 0;
      for (let i = 0; i < stdout.length; i += 3) {
        const [R, G, B] = [stdout[i], stdout[i + 1], stdout[i + 2]];
        r += R; g += G; b += B;
        chroma += Math.max(R, G, B) - Math.min(R, G, B);
        max = Math.max(max, 0.2126 * R + 0.7152 * G + 0.0722 * B);
      }
      [r, g, b, chroma] = [r / n, g / n, b / n, chroma / n];
      resolve({ r, g, b, chroma, luma: 0.2126 * r + 0.7152 * g + 0.0722 * b, max });
    });
  });
}

/** Mean volume (dBFS) of [start, start + dur) s of a file's audio, after an optional filter. */
export function meanVolume(file: string, start: number, dur: number, filter = ''): Promise<number> {
  const af = `${filter ? `${filter},` : ''}volumedetect`;
  const args = ['-hide_banner', '-nostats', '-ss', start.toFixed(3), '-t', dur.toFixed(3), '-i', file, '-vn', '-af', af, '-f', 'null', '-'];
  return new Promise((resolve, reject) => {
    execFile(FFMPEG, args, { maxBuffer: 16 * 1024 * 1024 }, (err, _stdout, stderr) => {
      if (err) return reject(err);
      const m = /mean_volume:\s*(-?[\d.]+|-inf) dB/.exec(stderr);
      if (!m) return reject(new Error(`no volume for ${start}+${dur}`));
      resolve(m[1] === '-inf' ? -120 : Number(m[1]));
    });
  });
}

/** Integrated loudness (LUFS) of a file's audio, measured by ebur128. */
export async function integratedLufs(file: string): Promise<number> {
  const { stderr } = await run(FFMPEG, ['-hide_banner', '-nostats', '-i', file, '-vn', '-af', 'ebur128', '-f', 'null', '-']);
  const summary = stderr.slice(stderr.lastIndexOf('Summary:'));
  const m = /I:\s*(-?[\d.]+) LUFS/.exec(summary);
  if (!m) throw new Error('no loudness summary');
  return Number(m[1]);
}

/** Sample peak (dBFS) of a file's audio, measured by ebur128. */
export async function samplePeakDb(file: string): Promise<number> {
  const { stderr } = await run(FFMPEG, ['-hide_banner', '-nostats', '-i', file, '-vn', '-af', 'ebur128=peak=sample:framelog=verbose', '-f', 'null', '-']);
  const summary = stderr.slice(stderr.lastIndexOf('Summary:'));
  const m = /Peak:\s*(-?[\d.]+|-inf) dBFS/.exec(summary);
  if (!m) throw new Error('no peak in the loudness summary');
  return Number(m[1] === '-inf' ? -Infinity : m[1]);
}

/** Mean and max luma (8-bit) of a region of the frame shown at `t` seconds. */
export async function regionLuma(file: string, t: number, crop: { w: number; h: number; x: number; y: number }): Promise<{ avg: number; max: number }> {
  const { stdout } = await run(FFMPEG, ['-hide_banner', '-ss', t.toFixed(3), '-i', file, '-frames:v', '1', '-vf',
    `crop=${crop.w}:${crop.h}:${crop.x}:${crop.y},signalstats,metadata=print:file=-`, '-f', 'null', '-']);
  const avg = /lavfi\.signalstats\.YAVG=([\d.]+)/.exec(stdout);
  const max = /lavfi\.signalstats\.YMAX=([\d.]+)/.exec(stdout);
  if (!avg || !max) throw new Error(`no signalstats at ${t}s`);
  return { avg: Number(avg[1]), max: Number(max[1]) };
}

/** The 8-bit limited-range luma of a 0xRRGGBB colour, bt709 (what a card of that colour should measure). */
export function lumaOf(hex: string): number {
  const n = parseInt(hex.replace(/^0x|^#/, ''), 16);
  const r = (n >> 16) & 255;
  const g = (n >> 8) & 255;
  const b = n & 255;
  return 16 + ((0.2126 * r + 0.7152 * g + 0.0722 * b) * 219) / 255;
}

/** Time (s) of the first frame whose mean luma is above 100 (the flash). */
export async function firstBrightFrame(file: string): Promise<number> {
  const { stdout } = await run(FFMPEG, ['-hide_banner', '-i', file, '-an', '-vf', 'scale=160:90,signalstats,metadata=print:file=-', '-f', 'null', '-']);
  let t = -1;
  for (const line of stdout.split('\n')) {
    const pts = /pts_time:([\d.]+)/.exec(line);
    if (pts) t = Number(pts[1]);
    const y = /lavfi\.signalstats\.YAVG=([\d.]+)/.exec(line);
    if (y && Number(y[1]) > 100) return t;
  }
  throw new Error('no flash found');
}

/** Time (s) where the audio first rises above −30 dBFS (the beep). */
export async function firstSound(file: string): Promise<number> {
  const { stderr } = await run(FFMPEG, ['-hide_banner', '-i', file, '-vn', '-af', 'silencedetect=n=-30dB:d=0.02', '-f', 'null', '-']);
  const m = /silence_end:\s*([\d.]+)/.exec(stderr);
  if (!m) throw new Error('no sound found');
  return Number(m[1]);
}
