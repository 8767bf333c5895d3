// Benchmarks of the preview (issue 14), on the render benchmark's 60 s 1080p30 timeline (bench/timeline60.ts):
//  1. proxy ready (the real renderer with the WebM VP8+Vorbis 360p profile, plus filmstrip and peaks) vs the
//     full export render of the same timeline (YouTube MP4, default preset), interleaved P E E P … in one run.
//     Both as the engine makes them: the span render into an empty render cache (a first render each time).
//  2. reopening an unchanged timeline: the engine's reuse answer (key + manifest, no render) plus the time
//     Chromium (the browser the e2e tests drive) needs to show the proxy's first frame, over several tries.
//  3. the proxy's size per minute (VS Code loads a webview resource whole into memory).
//  4. issue 16: the proxy after changing the title's text, with the cache the first proxy filled, vs that
//     first proxy (only the title's spans are encoded again).
// BENCH_PREVIEW_SHORT=1 shortens the clips (a ~14 s timeline) to check that the benchmark runs; its rows
// say so and never count as a measurement of the goal. BENCH_PREVIEW_REPS (default 2) sets the repetitions.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { toCompact } from '../src/engine/planner/format';
import { buildPreview, previewKey, readManifest } from '../src/engine/preview/build';
import { RenderCache, renderDraft, type SpanRenderStats } from '../src/engine/render';
import { x264Preset } from '../src/engine/render/encodeArgs';
import { launchChromium } from '../test/e2e/support';
import { emit, ensureDir, log, median, round, timed, workDir, type Row } from './lib';
import { benchMedia } from './media';
import { CLIP_MS, draft, FPS, H, media, W } from './timeline60';

const FF = { ffmpeg: 'ffmpeg', ffprobe: 'ffprobe' };

async function main(): Promise<void> {
  const reps = Math.max(1, Number(process.env.BENCH_PREVIEW_REPS ?? 2));
  const short = process.env.BENCH_PREVIEW_SHORT === '1';
  const clipMs = short ? 3000 : CLIP_MS;
  const m = await benchMedia();
  const dir = ensureDir(path.join(workDir, 'preview'));
  const mediaList = [media('a', m.clipA, 'video', 27, W, H, FPS), media('b', m.clipB, 'video', 27, W, H, FPS), media('m', m.music, 'audio', 20, 0, 0, 0)];
  const compact = toCompact(draft(clipMs));
  const totalS = compact.d / 1000;
  const key = previewKey(compact, mediaList);
  const previewDir = path.join(dir, key);
  const signal = new AbortController().signal;
  const GiB = 1024 * 1024 * 1024;
  /** A render cache emptied first: every timed render is a first render, as for a new timeline. */
  const freshCache = (name: string) => {
    fs.rmSync(path.join(dir, name), { recursive: true, force: true });
    return new RenderCache(path.join(dir, name), 8 * GiB);
  };
  let proxyCache: RenderCache | undefined;
  const proxyStats: Partial<SpanRenderStats> = {};

  const makeProxy = async () => {
    fs.rmSync(previewDir, { recursive: true, force: true });
    proxyCache = freshCache('proxy-cache');
    await buildPreview({ draft: compact, media: mediaList, dir: previewDir, key, ffmpeg: FF, signal, onProgress: () => undefined, cache: proxyCache, stats: proxyStats });
  };
  const makeExport = async () => {
    fs.rmSync(path.join(dir, 'export.work'), { recursive: true, force: true });
    await renderDraft({ draft: compact, media: mediaList, outPath: path.join(dir, 'export.mp4'), workDir: path.join(dir, 'export.work'), ffmpeg: FF, signal, onProgress: () => undefined }, { cache: freshCache('export-cache') });
  };
  const proxyMs: number[] = [];
  const exportMs: number[] = [];
  for (let i = 0; i < reps; i++) {
    const order = i % 2 === 0 ? ['proxy', 'export'] : ['export', 'proxy'];
    for (const which of order) {
      const { ms } = await timed(which === 'proxy' ? makeProxy : makeExport);
      (which === 'proxy' ? proxyMs : exportMs).push(ms);
      log(`preview ${which} #${i + 1}: ${(ms / 1000).toFixed(1)} s`);
    }
  }
  const manifest = readManifest(previewDir);
  if (!manifest) throw new Error('no proxy was made');
  const p = median(proxyMs) / 1000;
  const e = median(exportMs) / 1000;

  // 4. A title edit with the cache the last proxy filled: only the title's spans are encoded again.
  const edited = toCompact(draft(clipMs, 'Chapter one: the harbour'));
  const editedKey = previewKey(edited, mediaList);
  const editStats: Partial<SpanRenderStats> = {};
  fs.rmSync(path.join(dir, editedKey), { recursive: true, force: true });
  const { ms: editMs } = await timed(() => buildPreview({ draft: edited, media: mediaList, dir: path.join(dir, editedKey), key: editedKey, ffmpeg: FF, signal, onProgress: () => undefined, cache: proxyCache, stats: editStats }));
  log(`preview proxy after a title edit: ${(editMs / 1000).toFixed(1)} s, ${JSON.stringify(editStats)}`);

  // 2. Reopen unchanged: what the engine does for an unchanged draft (key + manifest read, no render) …
  const reuseMs: number[] = [];
  for (let i = 0; i < 20; i++) {
    const t0 = performance.now();
    const k = previewKey(compact, mediaList);
    if (!readManifest(path.join(dir, k))) throw new Error('the unchanged draft was not found again');
    reuseMs.push(performance.now() - t0);
  }
  // … and how long Chromium takes from setting the <video> source to a decoded first frame.
  const browser = await launchChromium();
  const frameMs: number[] = [];
  try {
    const page = await browser.newPage();
    const html = path.join(dir, 'player.html');
    fs.writeFileSync(html, '<!DOCTYPE html><html><body><video id="v" preload="auto"></video></body></html>');
    await page.goto(pathToFileURL(html).toString());
    const src = pathToFileURL(path.join(previewDir, 'proxy.webm')).toString();
    for (let i = 0; i < 5; i++) {
      frameMs.push(await page.evaluate((url) => new Promise<number>((resolve, reject) => {
        const v = document.getElementById('v') as HTMLVideoElement;
        v.removeAttribute('src');
        v.load();
        const t0 = performance.now();
        v.addEventListener('loadeddata', () => resolve(performance.now() - t0), { once: true });
        v.addEventListener('error', () => reject(new Error(v.error?.message ?? 'media error')), { once: true });
        v.src = `${url}?try=${Math.random()}`;
      }), src));
    }
  } finally {
    await browser.close();
  }
  const reopen = median(reuseMs) + median(frameMs);
  const mbPerMin = (manifest.size / 1e6) * (60 / (manifest.durationMs / 1000));
  const shortNote = short ? `SHORT FORM (${totalS} s timeline, a check that the benchmark runs, not the goal's measurement); ` : '';
  const details = {
    short, reps, exportPreset: x264Preset(), proxySpanStats: proxyStats, proxySeconds: proxyMs.map((x) => round(x / 1000)), exportSeconds: exportMs.map((x) => round(x / 1000)),
    proxyBytes: manifest.size, proxyWidth: manifest.width, proxyHeight: manifest.height, timelineSeconds: totalS,
    reuseAnswerMs: round(median(reuseMs), 2), firstFrameMs: frameMs.map((x) => round(x)), filmstripTiles: manifest.filmstrip.count,
  };
  const rows: Row[] = [
    {
      id: 'preview-proxy', what: `preview proxy ready vs full export render (same ${totalS} s 1080p30 timeline, both into an empty render cache)`,
      subject: round(p), reference: round(e), referenceLabel: `the export render (preset ${details.exportPreset})`, unit: 's',
      ratio: round(p / e, 3), goal: '≤ 0.25×', pass: p / e <= 0.25, details,
      note: `${shortNote}proxy ${manifest.width}×${manifest.height} VP8+Vorbis in ${proxyStats.spans ?? '?'} spans, with filmstrip and peaks`,
    },
    {
      id: 'preview-reopen', what: 'reopen an unchanged timeline: reuse answer + first frame in Chromium',
      subject: round(reopen), reference: 1000, referenceLabel: 'the 1 s goal', unit: 'ms',
      ratio: round(reopen / 1000, 3), goal: '≤ 1 s', pass: reopen <= 1000, details,
      note: `${shortNote}reuse ${round(median(reuseMs), 2)} ms + first frame ${round(median(frameMs))} ms (median of ${frameMs.length}); no render`,
    },
    {
      id: 'preview-size', what: 'proxy size per minute of timeline (webviews load it whole into memory)',
      subject: round(mbPerMin), reference: round((manifest.size / 1e6)), referenceLabel: `this ${totalS} s proxy, MB`, unit: 'MB/min',
      ratio: round(mbPerMin / 10, 3), goal: '≤ 10 MB/min', pass: mbPerMin <= 10, details,
      note: `${shortNote}${manifest.width}×${manifest.height} VP8 ≤ 600 kb/s + Vorbis q2`,
    },
    {
      id: 'preview-proxy-title', what: `preview proxy after changing the title text, with the render cache (${totalS} s timeline)`,
      subject: round(editMs / 1000), reference: round(p), referenceLabel: 'the first proxy into an empty cache', unit: 's',
      ratio: round(editMs / 1000 / p, 3), goal: '≤ 0.35× (the export\'s title goal, issue 16)', pass: editMs / 1000 / p <= 0.35, details: { ...details, editStats },
      note: `${shortNote}encoded ${editStats.encodedSpans ?? '?'} of ${editStats.spans ?? '?'} spans${editStats.audioReused ? ', audio reused' : ''}`,
    },
  ];
  emit(rows);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
