// Measurements for the edit-family render tests: mean colour of a region (raw RGB frames through ffmpeg),
// mean volume of a time window (volumedetect), optionally after a filter (e.g. a low-pass band).
import { execFile } from 'node:child_process';
import { FFMPEG } from './media';

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
