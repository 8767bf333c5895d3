// The cached span render against the whole render (one encode) of the same timeline: frame by frame
// (PSNR of every frame, so every span boundary is included), in audio, and in stream structure; then the
// cache's reuse after edits. Small media (320×180, ~10 s) with moving pictures, so a frame off by one
// at a seam shows as a PSNR collapse; a 25 fps source checks the frame-grid rule of slice.ts.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { MediaInfo } from '../../../src/engine/model';
import { type Draft, toCompact } from '../../../src/engine/planner/format';
import { RenderCache, renderDraft, type SpanRenderStats } from '../../../src/engine/render';
import { decodeMono, framePsnr, h264ParameterSets, mp4TopLevelBoxes, videoPacketTimes } from './spanProbes';
import { FFMPEG, FFPROBE, mediaInfo, spanSources, run, tempDir } from '../../support/media';

process.env.GENERATOR_YOUTUBE_X264_PRESET = 'ultrafast';
const FPS = 30;

function draftOf(title: string, withMiddle = true): Draft {
  const clip = (id: string, src: string, a: number, b: number, xf?: number) => ({ id, k: 'clip' as const, src, in: a, out: b, s: 0, e: 0, ...(xf ? { xf } : {}), m: { name: src } });
  return {
    meta: { title: 'Spans', name: 'Spans', width: 320, height: 180, fps: FPS, aspect: '16:9', fit: 'fit', fadeIn: 400, fadeOut: 500, used: ['a', 'b'], engine: 'local', v: 1 },
    video: [
      { id: 'intro', k: 'card', dur: 1500, s: 0, e: 0, m: { role: 'intro', name: 'Intro', title: 'Span test', text: 'seams' } },
      clip('a1', 'a', 0, 2100),
      // Same source, later in: one run of two pieces (a silence cut), then a piece removed by one edit.
      ...(withMiddle ? [clip('a2', 'a', 2500, 3700)] : []),
      clip('a3', 'a', 4000, 6000),
      clip('b1', 'b', 300, 3800, 500),
      { id: 'outro', k: 'card', dur: 1000, s: 0, e: 0, m: { role: 'outro', name: 'Outro', title: 'Bye' } },
    ],
    music: null,
    texts: [{ id: 't1', s: 2200, e: 4900, m: { text: title, name: 'Title', pos: 'bottom', fade: 300 } }],
  };
}

describe('span render: cached spans joined by stream copy = one whole encode', function () {
  this.timeout(300000);
  let dir: string;
  let media: MediaInfo[];
  let cache: RenderCache;

  async function render(d: Draft, name: string, withCache: boolean, stats: Partial<SpanRenderStats> = {}, signal = new AbortController().signal, onProgress: (p: number) => void = () => undefined): Promise<string> {
    const out = path.join(dir, 'out', `${name}.mp4`);
    await renderDraft(
      { draft: toCompact(d), media, outPath: out, workDir: path.join(dir, 'work', name), ffmpeg: { ffmpeg: FFMPEG, ffprobe: FFPROBE }, onProgress, signal },
      withCache ? { cache, stats } : {},
    );
    return out;
  }

  before(async () => {
    dir = tempDir('gy-render-spans-');
    const { a, b } = await spanSources(dir, 320, 180, 6.5, 4.5);
    media = [await mediaInfo('a', a), await mediaInfo('b', b)];
    cache = new RenderCache(path.join(dir, 'cache'), 512 * 1024 * 1024);
  });

  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  let whole: string;
  let joined: string;
  const first: Partial<SpanRenderStats> = {};

  it('renders the timeline in several spans, every one encoded the first time', async () => {
    whole = await render(draftOf('Over a seam'), 'whole', false);
    joined = await render(draftOf('Over a seam'), 'joined', true, first);
    assert.ok((first.spans ?? 0) >= 5, `spans: ${first.spans}`);
    assert.equal(first.encodedSpans, first.spans);
    assert.equal(first.wholeReused, false);
  });

  it('agrees with the whole render frame by frame (PSNR ≥ 45 dB on every frame, seams included)', async () => {
    const psnr = await framePsnr(whole, joined);
    assert.equal(psnr.length, 324, 'frame count (1.5 + 2.1 + 1.2 + 2 + 3.5 − 0.5 + 1 s at 30 fps)');
    const worst = Math.min(...psnr);
    assert.ok(worst >= 45, `worst frame PSNR ${worst.toFixed(1)} dB at frame ${psnr.indexOf(worst)}`);
  });

  it('agrees with the whole render in audio (difference ≤ −50 dB of the signal)', async () => {
    const x = await decodeMono(whole);
    const y = await decodeMono(joined);
    assert.ok(Math.abs(x.length - y.length) <= 1600, `lengths ${x.length} vs ${y.length}`);
    let sig = 0;
    let diff = 0;
    for (let i = 0; i < Math.min(x.length, y.length); i++) {
      sig += x[i] * x[i];
      diff += (x[i] - y[i]) ** 2;
    }
    const db = 10 * Math.log10(diff / sig);
    assert.ok(db <= -50, `audio difference ${db.toFixed(1)} dB`);
  });

  it('is one clean YouTube encode: one H.264 High stream, continuous timestamps, exact length, no edit list, moov first', async () => {
    const { stdout } = await run(FFPROBE, ['-v', 'error', '-show_streams', '-show_format', '-of', 'json', joined]);
    const p = JSON.parse(stdout) as { streams: Array<Record<string, string | number>>; format: { duration: string } };
    const v = p.streams.filter((s) => s.codec_type === 'video');
    assert.equal(v.length, 1);
    assert.equal(v[0].codec_name, 'h264');
    assert.equal(v[0].profile, 'High');
    assert.equal(v[0].pix_fmt, 'yuv420p');
    assert.equal(v[0].color_primaries, 'bt709');
    assert.equal(p.streams.filter((s) => s.codec_type === 'audio').length, 1);
    const times = await videoPacketTimes(joined);
    assert.equal(times.length, 324);
    times.sort((m, n) => m - n);
    assert.ok(Math.abs(times[0]) < 1e-3, `first frame at ${times[0]}`);
    for (let i = 1; i < times.length; i++) assert.ok(Math.abs(times[i] - times[i - 1] - 1 / FPS) < 1e-3, `gap at frame ${i}: ${times[i - 1]} → ${times[i]}`);
    assert.ok(Math.abs(Number(p.format.duration) - 324 / FPS) <= 1 / FPS, `duration ${p.format.duration}`);
    const boxes = mp4TopLevelBoxes(joined);
    assert.ok(boxes.indexOf('moov') >= 0 && boxes.indexOf('moov') < boxes.indexOf('mdat'), `boxes ${boxes.join(' ')}`);
    assert.equal(fs.readFileSync(joined).includes(Buffer.from('elst')), false, 'no edit list');
  });

  it('uses the same SPS and PPS in every cached span (stream copy concat is valid)', async () => {
    const spans = fs.readdirSync(path.join(dir, 'cache')).filter((n) => n.endsWith('.m2ts'));
    assert.equal(spans.length, first.spans);
    const sets = await Promise.all(spans.map((n) => h264ParameterSets(path.join(dir, 'cache', n))));
    for (const s of sets) assert.deepEqual(s, sets[0]);
  });

  it('re-exports an unchanged timeline from the cache, byte for byte', async () => {
    const stats: Partial<SpanRenderStats> = {};
    const again = await render(draftOf('Over a seam'), 'again', true, stats);
    assert.equal(stats.wholeReused, true);
    assert.ok(fs.readFileSync(again).equals(fs.readFileSync(joined)));
  });

  it('after a title edit re-encodes only the spans under the title, and still matches a whole render', async () => {
    const stats: Partial<SpanRenderStats> = {};
    const edited = await render(draftOf('A new title'), 'title', true, stats);
    assert.equal(stats.audioReused, true);
    assert.ok((stats.encodedSpans ?? 99) >= 1 && (stats.encodedSpans ?? 99) < (stats.spans ?? 0) - 2, `encoded ${stats.encodedSpans} of ${stats.spans}`);
    const ref = await render(draftOf('A new title'), 'title-whole', false);
    const worst = Math.min(...(await framePsnr(ref, edited)));
    assert.ok(worst >= 45, `worst PSNR ${worst.toFixed(1)} dB`);
  });

  it('after removing a segment in the middle re-encodes little, and matches a whole render', async () => {
    const stats: Partial<SpanRenderStats> = {};
    const cut = await render(draftOf('A new title', false), 'cut', true, stats);
    assert.ok((stats.encodedSpans ?? 99) < (stats.spans ?? 0) / 2 + 1, `encoded ${stats.encodedSpans} of ${stats.spans}`);
    const ref = await render(draftOf('A new title', false), 'cut-whole', false);
    const psnr = await framePsnr(ref, cut);
    assert.equal(psnr.length, 288);
    assert.ok(Math.min(...psnr) >= 45, `worst PSNR ${Math.min(...psnr).toFixed(1)} dB`);
  });
});
