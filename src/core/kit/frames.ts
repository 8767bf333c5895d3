// Choosing thumbnail frames. Candidate times come from the edit map: inside clips and images, away from
// cards, titles, crossfades and the whole-video fades (a thumbnail is never a card or a fade). Each
// candidate is decoded once, small and grey (one ffmpeg run, one input-seek per candidate, so only a GOP per
// candidate is decoded, not the video), and scored in JS from its pixels: exposure (mean luma near mid-grey,
// few clipped pixels), contrast (luma spread; flat frames — black, white, a fade, a plain card — are refused)
// and sharpness (mean absolute Laplacian, relative to the sharpest candidate).
import { spawn } from 'node:child_process';
import type { EditMap } from './editMap';

export interface FrameScore {
  time: number;
  score: number;
  meanLuma: number;
  contrast: number;
  sharpness: number;
  /** Black, white or flat: never used. */
  rejected: boolean;
}

/** Seconds kept clear of a span's edges (crossfades, cuts) and of the video's start and end (fades). */
const EDGE = 0.6;

/** Up to `count` candidate times spread over the usable parts of the video. */
export function candidateTimes(map: EditMap, durationSec: number, count = 12): number[] {
  const blocked = [
    ...map.spans.filter((s) => s.kind === 'card').map((s) => [s.start - EDGE, s.end + EDGE] as const),
    ...map.texts.map((t) => [t.start - 0.3, t.end + 0.3] as const),
    [-1, Math.min(1, durationSec * 0.05)] as const,
    [durationSec - Math.min(1.2, durationSec * 0.05), durationSec + 1] as const,
  ];
  const usable: Array<[number, number]> = [];
  const pieces = map.spans.filter((s) => s.kind !== 'card');
  const spans = pieces.length ? pieces.map((s) => [s.start + EDGE, s.end - EDGE] as [number, number]) : [[0, durationSec] as [number, number]];
  for (const [a0, b0] of spans) {
    // Subtract every blocked interval from [a0, b0].
    let parts: Array<[number, number]> = [[Math.max(0, a0), Math.min(durationSec, b0)]];
    for (const [x, y] of blocked) {
      parts = parts.flatMap(([a, b]) => (y <= a || x >= b ? [[a, b] as [number, number]] : [[a, Math.max(a, x)] as [number, number], [Math.min(b, y), b] as [number, number]]).filter(([p, q]) => q - p > 0.05));
    }
    usable.push(...parts);
  }
  const total = usable.reduce((n, [a, b]) => n + (b - a), 0);
  if (total <= 0) {
    // Nothing but cards/titles: the middle of the video is still better than nothing.
    return Array.from({ length: Math.min(count, 5) }, (_v, i) => (durationSec * (i + 1)) / 6);
  }
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    let at = (total * (i + 0.5)) / count;
    for (const [a, b] of usable) {
      if (at <= b - a) {
        times.push(a + at);
        break;
      }
      at -= b - a;
    }
  }
  return times;
}

/** Scores one grey frame (8-bit, width × height). */
export function scoreGrey(px: Uint8Array, width: number, height: number): Omit<FrameScore, 'time' | 'score' | 'rejected'> & { clipped: number } {
  let sum = 0;
  let sumSq = 0;
  let clipped = 0;
  for (let i = 0; i < px.length; i++) {
    const v = px[i];
    sum += v;
    sumSq += v * v;
    if (v < 10 || v > 245) clipped++;
  }
  const n = px.length || 1;
  const mean = sum / n;
  const contrast = Math.sqrt(Math.max(0, sumSq / n - mean * mean));
  let lap = 0;
  for (let y = 1; y < height - 1; y++) {
    for (let x = 1; x < width - 1; x++) {
      const i = y * width + x;
      lap += Math.abs(4 * px[i] - px[i - 1] - px[i + 1] - px[i - width] - px[i + width]);
    }
  }
  const inner = Math.max(1, (width - 2) * (height - 2));
  return { meanLuma: mean, contrast, sharpness: lap / inner, clipped: clipped / n };
}

export function rankFrames(raw: Array<{ time: number; meanLuma: number; contrast: number; sharpness: number; clipped: number }>): FrameScore[] {
  const maxSharp = Math.max(1e-6, ...raw.map((r) => r.sharpness));
  return raw
    .map((r) => {
      const rejected = r.meanLuma < 28 || r.meanLuma > 235 || r.contrast < 14;
      const exposure = Math.max(0, 1 - Math.abs(r.meanLuma - 118) / 118) * (1 - Math.min(1, r.clipped * 2));
      const score = rejected ? -1 : 0.5 * (r.sharpness / maxSharp) + 0.3 * exposure + 0.2 * Math.min(1, r.contrast / 64);
      return { time: r.time, score, meanLuma: r.meanLuma, contrast: r.contrast, sharpness: r.sharpness, rejected };
    })
    .sort((a, b) => b.score - a.score);
}

/** Picks `n` good frames at least `gap` seconds apart (the best first). */
export function pickDistinct(ranked: FrameScore[], n: number, gap: number): FrameScore[] {
  const ok = ranked.filter((r) => !r.rejected);
  const chosen: FrameScore[] = [];
  for (const r of ok) if (chosen.length < n && chosen.every((c) => Math.abs(c.time - r.time) >= gap)) chosen.push(r);
  for (const r of ok) if (chosen.length < n && !chosen.includes(r)) chosen.push(r);
  return chosen;
}

/** Decodes the frames at `times` small and grey in one ffmpeg run; returns one buffer per time. */
export function greyFrames(ffmpeg: string, video: string, times: number[], w: number, h: number, signal?: AbortSignal): Promise<Uint8Array[]> {
  const args = ['-hide_banner', '-nostdin', '-v', 'error'];
  for (const t of times) args.push('-ss', t.toFixed(3), '-i', video);
  const chains = times.map((_t, i) => `[${i}:v]trim=end_frame=1,setpts=PTS-STARTPTS,scale=${w}:${h},format=gray[g${i}]`);
  const graph = `${chains.join(';')};${times.map((_t, i) => `[g${i}]`).join('')}concat=n=${times.length}:v=1:a=0[out]`;
  args.push('-filter_complex', graph, '-map', '[out]', '-fps_mode', 'passthrough', '-f', 'rawvideo', '-pix_fmt', 'gray', 'pipe:1');
  return new Promise((resolve, reject) => {
    const child = spawn(ffmpeg, args, { stdio: ['ignore', 'pipe', 'pipe'], signal });
    const chunks: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.stderr.on('data', (c: Buffer) => {
      err = (err + c.toString('utf8')).slice(-4000);
    });
    child.on('error', (e) => reject(new Error(`Could not start ffmpeg (${ffmpeg}): ${e.message}`)));
    child.on('close', (code) => {
      if (code !== 0) {
        reject(new Error(`ffmpeg could not read frames from ${video}: ${err.trim().split('\n').pop() ?? code}`));
        return;
      }
      const all = Buffer.concat(chunks);
      const size = w * h;
      const frames: Uint8Array[] = [];
      for (let i = 0; i + size <= all.length && frames.length < times.length; i += size) frames.push(new Uint8Array(all.subarray(i, i + size)));
      resolve(frames);
    });
  });
}
