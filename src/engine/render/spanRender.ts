// The cached render: the video is encoded in spans (planSpans: between the timeline's cuts, every couple of
// seconds, each starting with an IDR frame of a closed GOP, all with identical x264 settings), each span
// cached under a key of what decides its pixels; the audio is rendered whole (cheap) and cached too; the
// export is the spans joined by stream copy (concat demuxer; MPEG-TS spans carry their own timestamps and
// in-band SPS/PPS) muxed with the audio into one MP4. A re-export encodes only the spans whose key changed;
// an unchanged timeline reuses the previous output outright.
//
// Missing spans are encoded in batches of consecutive spans — one ffmpeg per batch, the same graph builder
// over the batch's range, the segment muxer cutting the batch at the span boundaries (forced keyframes) —
// and batches run in parallel up to `parallel`, with the audio run beside them. A failure or an abort
// stops every running ffmpeg at once; nothing half-written enters the cache (cache.ts).
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { RenderRequest, RenderResult } from '../model';
import { buildAudioGraph, loudnessSecondPass } from './audioGraph';
import { type CacheEntry, cacheKey, type RenderCache } from './cache';
import { gopFrames } from './encodeArgs';
import { EXPORT_SPAN_FORMAT, type SpanFormat } from './spanFormat';
import { runFfmpeg } from '../../core/media/ffmpegRun';
import { planSpans, sliceTimeline } from './slice';
import { CACHE_FORMAT, ffmpegVersion, graphIdentity, inputIdentity, spanKey } from './spanKeys';
import type { RenderTimeline } from './timeline';
import { buildVideoGraph } from './videoGraph';

export interface SpanRenderOptions {
  cache: RenderCache;
  preset: string;
  /** ffmpeg processes encoding spans at once (default: the core count). */
  parallel: number;
  /** Target span length (default 2 s: short enough that a title edit re-encodes little). */
  spanSeconds?: number;
  /** What to produce (default: the YouTube upload MP4). */
  format?: SpanFormat;
}

interface Span {
  from: number;
  to: number;
  key: string;
}

/** What the render did, for logs, tests and the benchmark. */
export interface SpanRenderStats {
  spans: number;
  encodedSpans: number;
  batches: number;
  audioReused: boolean;
  wholeReused: boolean;
}

export type ProgressFn = (percent: number) => void;

async function planKeyedSpans(tl: RenderTimeline, req: RenderRequest, opts: SpanRenderOptions, ffmpeg: string): Promise<Span[]> {
  const gop = gopFrames(tl.fps);
  const spanFrames = Math.max(gop, Math.round(((opts.spanSeconds ?? 2) * tl.fps) / gop) * gop);
  const cuts = planSpans(tl, { spanFrames, minFrames: gop });
  const format = opts.format ?? EXPORT_SPAN_FORMAT;
  const encode = [format.id, format.spanMuxer, ...format.video(tl.width, tl.height, tl.fps, opts.preset)];
  const spans: Span[] = [];
  for (let k = 0; k + 1 < cuts.length; k++) {
    const dir = path.join(req.workDir, 'keys', String(k));
    await fs.mkdir(dir, { recursive: true });
    const g = await buildVideoGraph(sliceTimeline(tl, cuts[k], cuts[k + 1]), dir);
    const id = await graphIdentity(g.graph, dir);
    spans.push({ from: cuts[k], to: cuts[k + 1], key: spanKey({ ffmpeg, encode, inputs: inputIdentity(g.inputArgs, req.media), graph: id.graph, files: id.files }) });
  }
  return spans;
}

/** Consecutive missing spans form a batch; big batches are halved until every core has one. */
function batchesOf(missing: boolean[], spans: Span[], parallel: number): Span[][] {
  const batches: Span[][] = [];
  spans.forEach((s, i) => {
    if (!missing[i]) return;
    const last = batches[batches.length - 1];
    if (last && last[last.length - 1].to === s.from) last.push(s);
    else batches.push([s]);
  });
  for (;;) {
    if (batches.length >= parallel) break;
    const frames = (b: Span[]) => b[b.length - 1].to - b[0].from;
    const biggest = batches.filter((b) => b.length > 1).sort((a, b) => frames(b) - frames(a))[0];
    if (!biggest) break;
    const half = biggest[0].from + frames(biggest) / 2;
    let cut = biggest.findIndex((s) => s.to > half);
    cut = Math.min(Math.max(1, cut), biggest.length - 1);
    batches.splice(batches.indexOf(biggest), 1, biggest.slice(0, cut), biggest.slice(cut));
  }
  return batches;
}

async function encodeBatch(tl: RenderTimeline, batch: Span[], req: RenderRequest, opts: SpanRenderOptions, dir: string, signal: AbortSignal, onSeconds: (s: number) => void): Promise<string[]> {
  await fs.mkdir(dir, { recursive: true });
  const from = batch[0].from;
  const to = batch[batch.length - 1].to;
  const g = await buildVideoGraph(sliceTimeline(tl, from, to), dir);
  const script = path.join(dir, 'video.filtergraph');
  await fs.writeFile(script, g.graph, 'utf8');
  const inner = batch.slice(1).map((s) => s.from - from);
  const format = opts.format ?? EXPORT_SPAN_FORMAT;
  const ext = format.spanExt;
  const out = inner.length === 0
    ? ['-f', format.spanMuxer, path.join(dir, `seg00000${ext}`)]
    : [
        // Every span starts with an IDR frame (closed GOP), and the segment muxer cuts exactly there.
        '-force_key_frames', `expr:${inner.map((f) => `eq(n,${f})`).join('+')}`,
        '-f', 'segment', '-segment_format', format.spanMuxer, '-segment_frames', inner.join(','), '-reset_timestamps', '1',
        path.join(dir, `seg%05d${ext}`),
      ];
  await runFfmpeg(
    req.ffmpeg.ffmpeg,
    [...g.inputArgs, '-filter_complex_script', script, '-map', '[vout]', '-an', ...format.video(tl.width, tl.height, tl.fps, opts.preset), '-frames:v', String(to - from), ...out],
    { totalSeconds: (to - from) / tl.fps, onProgress: (p) => onSeconds((p / 100) * ((to - from) / tl.fps)), signal },
  );
  const files = (await fs.readdir(dir)).filter((n) => /^seg\d{5}\./.test(n) && n.endsWith(ext)).sort();
  if (files.length !== batch.length) throw new Error(`internal: expected ${batch.length} spans from one encode, got ${files.length}`);
  return files.map((f) => path.join(dir, f));
}

/** The audio, mixed, loudness-normalised (two passes, the format's method) and encoded in its codec, into the cache. */
async function renderAudio(tl: RenderTimeline, req: RenderRequest, cache: RenderCache, key: string, format: SpanFormat, signal: AbortSignal): Promise<CacheEntry> {
  const dir = path.join(req.workDir, 'audio');
  await fs.mkdir(dir, { recursive: true });
  const audio = buildAudioGraph(tl, req.media, format.loudness);
  const script = path.join(dir, 'audio.filtergraph');
  await fs.writeFile(script, audio.graph, 'utf8');
  const mix = path.join(dir, 'mix.wav');
  const a = await runFfmpeg(req.ffmpeg.ffmpeg, [
    ...audio.inputArgs, '-filter_complex_script', script,
    '-map', '[mix]', '-c:a', 'pcm_f32le', '-f', 'wav', mix,
    '-map', '[measure]', '-f', 'null', '-',
  ], { signal });
  const encoded = path.join(dir, `audio${format.audioExt}`);
  const filters = [loudnessSecondPass(format.loudness, a.stderr), ...(format.audioTrim ? [format.audioTrim] : [])];
  await runFfmpeg(req.ffmpeg.ffmpeg, [
    '-i', mix, '-af', filters.join(','),
    ...format.audio(), '-f', format.audioMuxer, encoded,
  ], { signal });
  return cache.adopt(key, encoded, format.audioExt);
}

/** One span in the concat list; with its exact length when the span's container clock is coarser than a frame. */
function concatLine(file: string, seconds?: number): string {
  const line = `file '${file.replace(/'/g, "'\\''")}'`;
  return seconds === undefined ? line : `${line}\nduration ${seconds.toFixed(6)}`;
}

/** Runs tasks with at most `limit` at once; the first failure aborts the rest (via `abort`) and is thrown. */
async function pool<T>(tasks: Array<() => Promise<T>>, limit: number, abort: () => void): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  let failed: unknown = null;
  const worker = async () => {
    while (next < tasks.length && failed === null) {
      const i = next++;
      try {
        results[i] = await tasks[i]();
      } catch (e) {
        if (failed === null) failed = e;
        abort();
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, tasks.length)) }, worker));
  if (failed !== null) throw failed;
  return results;
}

export async function renderSpans(tl: RenderTimeline, req: RenderRequest, opts: SpanRenderOptions, report: ProgressFn): Promise<RenderResult & { stats: SpanRenderStats }> {
  const { cache } = opts;
  const format = opts.format ?? EXPORT_SPAN_FORMAT;
  const seconds = tl.totalFrames / tl.fps;
  const ffmpeg = await ffmpegVersion(req.ffmpeg.ffmpeg);
  const spans = await planKeyedSpans(tl, req, opts, ffmpeg);
  const audioGraph = buildAudioGraph(tl, req.media, format.loudness);
  const audioKey = cacheKey({ format: CACHE_FORMAT, kind: 'audio', ffmpeg, graph: audioGraph.graph, inputs: inputIdentity(audioGraph.inputArgs, req.media), encode: [format.id, format.audioMuxer, ...format.audio()], trim: format.audioTrim });
  const wholeKey = cacheKey({ format: CACHE_FORMAT, kind: 'whole', spans: spans.map((s) => s.key), audio: audioKey, seconds, mux: [format.id, ...format.mux()] });
  const result = { durationMs: Math.round(seconds * 1000), width: tl.width, height: tl.height, fps: tl.fps };
  const stats: SpanRenderStats = { spans: spans.length, encodedSpans: 0, batches: 0, audioReused: false, wholeReused: false };

  const release = cache.pin([wholeKey, audioKey, ...spans.map((s) => s.key)]);
  try {
    const whole = await cache.get(wholeKey);
    if (whole) {
      await cache.copyOut(whole, req.outPath);
      stats.wholeReused = stats.audioReused = true;
      report(100);
      return { ...result, size: whole.size, stats };
    }
    const have = await Promise.all(spans.map((s) => cache.get(s.key)));
    const missing = have.map((h) => h === null);
    const batches = batchesOf(missing, spans, opts.parallel);
    stats.batches = batches.length;
    stats.encodedSpans = missing.filter(Boolean).length;

    // One controller for every ffmpeg of this render: the caller's abort or any failure kills them all.
    const stop = new AbortController();
    const onAbort = () => stop.abort();
    req.signal.addEventListener('abort', onAbort, { once: true });
    if (req.signal.aborted) stop.abort();
    const totalSeconds = batches.reduce((s, b) => s + (b[b.length - 1].to - b[0].from), 0) / tl.fps;
    const done = new Array<number>(batches.length).fill(0);
    const progress = () => report(totalSeconds > 0 ? (95 * done.reduce((s, x) => s + x, 0)) / totalSeconds : 95);
    try {
      const audioTask = (async () => {
        const a = await cache.get(audioKey);
        if (a) {
          stats.audioReused = true;
          return a;
        }
        return renderAudio(tl, req, cache, audioKey, format, stop.signal);
      })().catch((e: unknown) => {
        stop.abort();
        throw e;
      });
      const videoTask = pool(batches.map((b, i) => async () => {
        const files = await encodeBatch(tl, b, req, opts, path.join(req.workDir, `batch${i}`), stop.signal, (s) => {
          done[i] = s;
          progress();
        });
        for (const [k, f] of files.entries()) await cache.adopt(b[k].key, f, format.spanExt);
      }), opts.parallel, () => stop.abort());
      // Settle both before deciding: a failure has already killed the other side's ffmpeg, and returning
      // only once every process has exited means an aborted render leaves nothing running.
      const [audioResult, videoResult] = await Promise.allSettled([audioTask, videoTask]);
      if (req.signal.aborted) throw abortError();
      // The side that failed first aborted the other: report its reason, not the other's "cancelled".
      const failures = [videoResult, audioResult].flatMap((r) => (r.status === 'rejected' ? [r.reason as Error] : []));
      if (failures.length > 0) throw failures.find((e) => e?.name !== 'AbortError') ?? failures[0];
      const audio = (audioResult as PromiseFulfilledResult<CacheEntry>).value;

      const entries = await Promise.all(spans.map((s) => cache.get(s.key)));
      if (entries.some((e) => e === null)) throw new Error('A cached span disappeared during the render (the render cache folder was changed meanwhile); export again.');
      const list = path.join(req.workDir, 'spans.txt');
      await fs.writeFile(list, `ffconcat version 1.0\n${entries.map((e, i) => concatLine((e as CacheEntry).path, format.concatDurations ? (spans[i].to - spans[i].from) / tl.fps : undefined)).join('\n')}\n`, 'utf8');
      const part = `${req.outPath}.part`;
      await fs.mkdir(path.dirname(req.outPath), { recursive: true });
      try {
        await runFfmpeg(req.ffmpeg.ffmpeg, [
          '-f', 'concat', '-safe', '0', '-i', list, '-i', audio.path,
          '-map', '0:v:0', '-map', '1:a:0', '-c', 'copy', '-t', seconds.toFixed(6), ...format.mux(), part,
        ], { signal: stop.signal });
        await fs.rename(part, req.outPath);
      } catch (e) {
        await fs.rm(part, { force: true });
        throw e;
      }
    } catch (e) {
      throw req.signal.aborted ? abortError() : e;
    } finally {
      req.signal.removeEventListener('abort', onAbort);
    }
    const size = (await fs.stat(req.outPath)).size;
    // The whole output is kept too (a hard link: no extra disk) so an unchanged re-export is a copy.
    await cache.storeCopy(wholeKey, req.outPath, format.outExt).catch(() => undefined);
    report(100);
    return { ...result, size, stats };
  } finally {
    release();
    await cache.evict().catch(() => undefined);
  }
}

function abortError(): Error {
  const e = new Error('Render cancelled');
  e.name = 'AbortError';
  return e;
}
