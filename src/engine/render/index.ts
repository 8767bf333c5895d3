// Draft → upload-ready MP4. With a render cache (the engine's default) the span render in spanRender.ts does
// the work; what follows is the whole render, kept as the single-encode reference and for cache-less use:
// Draft → upload-ready MP4 in two ffmpeg runs that together decode every source frame once and encode every
// output frame once (no intermediate video, no frames through JS):
//   1. audio run: audio graph → lossless float WAV mix in workDir + loudnorm first-pass measurement
//   2. video run: video graph + the mix (loudnorm second pass, linear) → one libx264/AAC encode
// Output goes to `<outPath>.part` and is renamed when ffmpeg succeeds; a failure throws an Error whose
// message is ffmpeg's useful stderr line; req.signal kills the running ffmpeg.
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import type { RenderRequest, RenderResult } from '../model';
import { fromCompact } from '../planner/format';
import { buildAudioGraph, loudnessSecondPass } from './audioGraph';
import type { RenderCache } from './cache';
import { encodeArgs, primingTrim, x264Preset } from './encodeArgs';
import { runFfmpeg } from '../../core/media/ffmpegRun';
import { renderSpans } from './spanRender';
import type { SpanFormat } from './spanFormat';
import type { SpanRenderStats } from './spanRender';
import { resolveTimeline } from './timeline';
import { buildVideoGraph } from './videoGraph';

export { checkFfmpeg, installHint } from './check';
export { detectSilences } from './silences';
export { x264Preset } from './encodeArgs';
export { RenderCache, DEFAULT_RENDER_CACHE_MB } from './cache';
export type { SpanRenderStats } from './spanRender';
export type { SpanFormat } from './spanFormat';

/** Share of the progress bar given to the audio run (it is short next to the encode). */
const AUDIO_SHARE = 8;

export interface RenderOptions {
  /** x264 preset override (else env GENERATOR_YOUTUBE_X264_PRESET, else veryfast). */
  preset?: string;
  /**
   * Another output than the YouTube upload (the preview proxy, src/engine/preview/): the same graphs at
   * another canvas size with other encoder arguments, so the proxy shows exactly the export's cuts.
   */
  profile?: OutputProfile;
  /**
   * With a cache: the span render (spanRender.ts) — spans encoded in parallel and cached, audio alongside,
   * joined by stream copy. Without: the whole render below, one encode (the reference the span render is
   * tested against frame by frame).
   */
  cache?: RenderCache;
  /** Span encodes at once (default: the core count). */
  parallel?: number;
  /** Filled in by the span render: what it encoded and what it reused. */
  stats?: Partial<SpanRenderStats>;
}

export interface OutputProfile {
  /** The canvas to render at, given the draft's canvas. */
  canvas(width: number, height: number): { width: number; height: number };
  /** Encoder + muxer arguments (including `-f`, since the output is written to `<out>.part`). */
  encodeArgs(width: number, height: number, fps: number): string[];
  /** The same output made of cached spans (the span render); without it a profile renders whole. */
  spans?: SpanFormat;
  /** swscale flags for fitting sources to the canvas (RenderTimeline.scaleFlags); default bicubic. */
  scaleFlags?: string;
}

export async function renderDraft(req: RenderRequest, opts: RenderOptions = {}): Promise<RenderResult> {
  const draft = fromCompact(req.draft);
  const tl = resolveTimeline(draft, req.media);
  if (opts.profile) Object.assign(tl, opts.profile.canvas(tl.width, tl.height), opts.profile.scaleFlags ? { scaleFlags: opts.profile.scaleFlags } : {});
  const loudness = opts.profile?.spans?.loudness ?? 'loudnorm';
  await fs.mkdir(req.workDir, { recursive: true });
  const seconds = tl.totalFrames / tl.fps;
  let last = -1;
  const report = (p: number) => {
    const v = Math.floor(p);
    if (v > last) {
      last = v;
      req.onProgress(v);
    }
  };
  report(0);

  // A profile (the preview proxy) renders in spans when it says how (its SpanFormat), else whole.
  // Timelines with a logo or picture-in-picture layer render whole: those are laid over the whole
  // timeline and are not yet drawn per span (a span of them would not match a whole render).
  const format = opts.profile ? opts.profile.spans : undefined;
  if (opts.cache && (!opts.profile || format) && !tl.logo && !tl.pip) {
    const parallel = Math.max(1, opts.parallel ?? os.cpus().length);
    const r = await renderSpans(tl, req, { cache: opts.cache, preset: x264Preset(opts.preset), parallel, format }, report);
    if (opts.stats) Object.assign(opts.stats, r.stats);
    const { stats: _stats, ...result } = r;
    return result;
  }

  // 1. Audio run.
  const audio = buildAudioGraph(tl, req.media, loudness);
  const audioScript = path.join(req.workDir, 'audio.filtergraph');
  await fs.writeFile(audioScript, audio.graph, 'utf8');
  const mixPath = path.join(req.workDir, 'mix.wav');
  const a = await runFfmpeg(
    req.ffmpeg.ffmpeg,
    [
      ...audio.inputArgs,
      '-filter_complex_script', audioScript,
      '-map', '[mix]', '-c:a', 'pcm_f32le', '-f', 'wav', mixPath,
      '-map', '[measure]', '-f', 'null', '-',
    ],
    { totalSeconds: seconds, onProgress: (p) => report((p * AUDIO_SHARE) / 100), signal: req.signal },
  );

  // 2. Video run with the mix.
  const video = await buildVideoGraph(tl, req.workDir);
  const graph = `${video.graph};\n[${video.mixInputIndex}:a]${loudnessSecondPass(loudness, a.stderr)}${opts.profile ? '' : `,${primingTrim()}`}[aout]`;
  const videoScript = path.join(req.workDir, 'video.filtergraph');
  await fs.writeFile(videoScript, graph, 'utf8');
  const part = `${req.outPath}.part`;
  await fs.mkdir(path.dirname(req.outPath), { recursive: true });
  try {
    await runFfmpeg(
      req.ffmpeg.ffmpeg,
      [
        ...video.inputArgs,
        '-i', mixPath,
        '-filter_complex_script', videoScript,
        '-map', '[vout]', '-map', '[aout]',
        ...(opts.profile ? opts.profile.encodeArgs(tl.width, tl.height, tl.fps) : encodeArgs(tl.width, tl.height, tl.fps, x264Preset(opts.preset))),
        '-t', seconds.toFixed(6),
        part,
      ],
      { totalSeconds: seconds, onProgress: (p) => report(AUDIO_SHARE + (p * (99 - AUDIO_SHARE)) / 100), signal: req.signal },
    );
    await fs.rename(part, req.outPath);
  } catch (err) {
    await fs.rm(part, { force: true });
    throw err;
  }
  const stat = await fs.stat(req.outPath);
  report(100);
  return { durationMs: Math.round(seconds * 1000), size: stat.size, width: tl.width, height: tl.height, fps: tl.fps };
}
