// What the visual timeline draws besides the video: a filmstrip (one JPEG sprite of small thumbnails, one
// every `stepSec` seconds of output time) and waveform peaks of the final mix. Both come from the finished
// proxy in ONE short ffmpeg run that decodes only the proxy's keyframes (at least one per second, see proxyProfile.ts)
// and its Vorbis audio — a few hundred milliseconds for a minute, instead of a second pass over the sources.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { FilmstripLayout, WaveformPeaks } from '../../shared/previewManifest';
import { runFfmpeg } from './ffmpegRun';

/** Thumbnail height in the sprite (CSS pixels in the lane; 2× would double the file for little gain). */
export const TILE_HEIGHT = 48;
/** At most this many thumbnails: long videos get one every few seconds instead of one per second. */
export const MAX_TILES = 120;
/** Waveform resolution: peaks per second of output. */
export const PEAKS_PER_SECOND = 20;
const PEAK_SAMPLE_RATE = 4000;

/** The sprite's layout (shared/previewManifest.ts) and its file name. */
export type FilmstripInfo = FilmstripLayout & { file: string };
export type PeaksInfo = WaveformPeaks;

export function filmstripPlan(durationSec: number, width: number, height: number): { count: number; stepSec: number; tileWidth: number } {
  const seconds = Math.max(1, Math.ceil(durationSec - 1e-3));
  const stepSec = Math.max(1, Math.ceil(seconds / MAX_TILES));
  const count = Math.max(1, Math.ceil(seconds / stepSec));
  const tileWidth = Math.max(2, Math.round((TILE_HEIGHT * width) / height / 2) * 2);
  return { count, stepSec, tileWidth };
}

/** Reads signed 16-bit little-endian mono PCM and keeps the absolute peak of each slice. */
export function peaksFromPcm(pcm: Buffer, sampleRate: number, perSecond: number): number[] {
  const perSlice = Math.max(1, Math.round(sampleRate / perSecond));
  const samples = Math.floor(pcm.length / 2);
  const out: number[] = [];
  for (let start = 0; start < samples; start += perSlice) {
    let peak = 0;
    const end = Math.min(samples, start + perSlice);
    for (let i = start; i < end; i++) {
      const v = Math.abs(pcm.readInt16LE(i * 2));
      if (v > peak) peak = v;
    }
    out.push(Math.round((peak / 32768) * 1000) / 1000);
  }
  return out;
}

/**
 * A select expression that passes the first frame at or after each multiple of `stepSec` (register 0 holds
 * the next tick; 1 ms of slack for millisecond container clocks).
 */
export function tickSelect(stepSec: number): string {
  return `if(gte(t\\,ld(0)-0.001)\\,st(0\\,(floor(t/${stepSec}+0.001)+1)*${stepSec})\\,0)`;
}

export async function extractArtifacts(
  ffmpeg: string,
  proxyPath: string,
  outDir: string,
  proxy: { durationSec: number; width: number; height: number },
  signal?: AbortSignal,
): Promise<{ filmstrip: FilmstripInfo; peaks: PeaksInfo }> {
  const plan = filmstripPlan(proxy.durationSec, proxy.width, proxy.height);
  const sprite = path.join(outDir, 'filmstrip.jpg');
  const pcm = path.join(outDir, 'peaks.pcm');
  await runFfmpeg(ffmpeg, [
    // Only keyframes are decoded: the proxy has one at least every second (every second from its start, and
    // a proxy made of cached spans also at each span's start), so each tile takes the first keyframe at or
    // after its tick: exact on a whole-file proxy, at most a second late on a span-made one.
    '-skip_frame', 'nokey', '-i', proxyPath,
    '-map', '0:v', '-vf', `select='${tickSelect(plan.stepSec)}',scale=${plan.tileWidth}:${TILE_HEIGHT},tile=${plan.count}x1`,
    '-frames:v', '1', '-fps_mode', 'vfr', '-q:v', '5', '-f', 'image2', `${sprite}.part`,
    '-map', '0:a', '-ac', '1', '-ar', String(PEAK_SAMPLE_RATE), '-f', 's16le', pcm,
  ], { signal });
  await fs.rename(`${sprite}.part`, sprite);
  const peaks = peaksFromPcm(await fs.readFile(pcm), PEAK_SAMPLE_RATE, PEAKS_PER_SECOND);
  await fs.rm(pcm, { force: true });
  return {
    filmstrip: { file: 'filmstrip.jpg', count: plan.count, stepSec: plan.stepSec, tileWidth: plan.tileWidth, tileHeight: TILE_HEIGHT },
    peaks: { perSecond: PEAKS_PER_SECOND, peaks },
  };
}
