// The preview proxy through the render cache (issue 16): VP8 spans in WebM, keyed by the proxy's own encode
// settings, joined by stream copy with the Vorbis audio into ONE playable WebM. Checked with ffprobe (one
// VP8 + one Vorbis stream, continuous timestamps, duration within a frame), frame by frame against the
// whole-file proxy of the same timeline (moving pictures, so a frame off by one at a seam collapses the
// PSNR), and for reuse: a title edit re-encodes only the spans it touches, an unchanged timeline re-renders
// nothing, and export spans and proxy spans never stand in for each other in the shared cache.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { MediaInfo } from '../../../src/engine/model';
import { type Draft, toCompact } from '../../../src/engine/planner/format';
import { buildPreview, previewKey, type PreviewManifest } from '../../../src/engine/preview/build';
import { RenderCache, renderDraft, type SpanRenderStats } from '../../../src/engine/render';
import { FFMPEG, FFPROBE, mediaInfo, spanSources, probe, run as sh, tempDir } from '../../support/media';
import { framePsnr } from '../render/spanProbes';

process.env.GENERATOR_YOUTUBE_X264_PRESET = 'ultrafast';
const FPS = 30;
const FF = { ffmpeg: FFMPEG, ffprobe: FFPROBE };

function draftOf(title: string): Draft {
  const clip = (id: string, src: string, a: number, b: number, xf?: number) => ({ id, k: 'clip' as const, src, in: a, out: b, s: 0, e: 0, ...(xf ? { xf } : {}), m: { name: src } });
  return {
    meta: { title: 'Proxy spans', name: 'Proxy spans', width: 640, height: 360, fps: FPS, aspect: '16:9', fit: 'fit', fadeIn: 400, fadeOut: 500, used: ['a', 'b'], engine: 'local', v: 1 },
    video: [
      { id: 'intro', k: 'card', dur: 1500, s: 0, e: 0, m: { role: 'intro', name: 'Intro', title: 'Proxy test', text: 'seams' } },
      clip('a1', 'a', 0, 2100),
      clip('a2', 'a', 2500, 5700),
      clip('b1', 'b', 300, 3800, 500),
    ],
    music: null,
    texts: [{ id: 't1', s: 2200, e: 3400, m: { text: title, name: 'Title', pos: 'bottom', fade: 300 } }],
  };
}

/** Packet times (s) and durations of one stream, in presentation order. */
async function packets(file: string, stream: 'v:0' | 'a:0'): Promise<Array<{ pts: number; dur: number }>> {
  const { stdout } = await sh(FFPROBE, ['-v', 'error', '-select_streams', stream, '-show_entries', 'packet=pts_time,duration_time', '-of', 'csv=p=0', file]);
  return stdout.split('\n').filter(Boolean).map((l) => {
    const [pts, dur] = l.split(',').map(Number);
    return { pts, dur };
  }).sort((x, y) => x.pts - y.pts);
}

describe('preview proxy through the render cache (VP8 spans joined into one WebM)', function () {
  this.timeout(300000);
  let dir: string;
  let media: MediaInfo[];
  let cache: RenderCache;

  async function proxy(d: Draft, name: string, withCache: boolean, stats: Partial<SpanRenderStats> = {}): Promise<{ file: string; manifest: PreviewManifest }> {
    const draft = toCompact(d);
    const key = previewKey(draft, media);
    const out = path.join(dir, 'previews', name);
    const manifest = await buildPreview({ draft, media, dir: out, key, ffmpeg: FF, signal: new AbortController().signal, onProgress: () => undefined, ...(withCache ? { cache, stats } : {}) });
    return { file: path.join(out, 'proxy.webm'), manifest };
  }

  before(async () => {
    dir = tempDir('gy-proxy-spans-');
    const { a, b } = await spanSources(dir, 640, 360, 6, 4);
    media = [await mediaInfo('a', a), await mediaInfo('b', b)];
    cache = new RenderCache(path.join(dir, 'cache'), 512 * 1024 * 1024);
    first = await proxy(draftOf('Hello'), 'first', true, firstStats);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  let first: { file: string; manifest: PreviewManifest };
  const firstStats: Partial<SpanRenderStats> = {};
  const totalFrames = () => Math.round((toCompact(draftOf('Hello')).d / 1000) * FPS);

  it('is one clean WebM: one VP8 and one Vorbis stream, every frame once, continuous timestamps, duration within a frame', async () => {
    assert.ok((firstStats.spans ?? 0) >= 3, `span render used (${JSON.stringify(firstStats)})`);
    assert.equal(firstStats.encodedSpans, firstStats.spans);
    const p = await probe(first.file);
    assert.match(p.format.format_name, /webm/);
    assert.deepEqual(p.streams.map((s) => `${s.codec_type}:${s.codec_name}`).sort(), ['audio:vorbis', 'video:vp8']);
    const v = p.streams.find((s) => s.codec_type === 'video');
    assert.deepEqual([v?.width, v?.height], [640, 360]);

    const T = totalFrames();
    const video = await packets(first.file, 'v:0');
    assert.equal(video.length, T, 'every output frame exactly once');
    assert.ok(Math.abs(video[0].pts) < 0.002, `video starts at ${video[0].pts}`);
    for (let i = 1; i < video.length; i++) {
      const step = video[i].pts - video[i - 1].pts;
      // WebM's clock is milliseconds: a 30 fps step is 33 or 34 ms, never a gap or an overlap at a seam.
      assert.ok(Math.abs(step - 1 / FPS) <= 0.0015, `video step ${step.toFixed(4)} s at frame ${i}`);
    }
    const audio = await packets(first.file, 'a:0');
    for (let i = 1; i < audio.length; i++) {
      const gap = audio[i].pts - (audio[i - 1].pts + audio[i - 1].dur);
      assert.ok(Math.abs(gap) <= 0.0015, `audio gap ${gap.toFixed(4)} s at packet ${i}`);
    }
    const seconds = T / FPS;
    assert.ok(Math.abs(Number(p.format.duration) - seconds) <= 1 / FPS, `proxy lasts ${p.format.duration} s, timeline ${seconds} s`);
    assert.ok(Math.abs(video[video.length - 1].pts + 1 / FPS - seconds) <= 1 / FPS);
    assert.ok(Math.abs(audio[audio.length - 1].pts + audio[audio.length - 1].dur - seconds) <= 1 / FPS, 'audio ends with the video');
  });

  it('shows the same pictures as the whole-file proxy at every frame, seams included', async () => {
    const whole = await proxy(draftOf('Hello'), 'whole', false);
    const psnr = await framePsnr(whole.file, first.file);
    assert.equal(psnr.length, totalFrames());
    // Two independent lossy VP8 encodes of the same frames agree far above what a one-frame shift of this
    // moving test picture gives (measured here: worst ~34 dB unshifted, ~23–25 dB shifted by one frame).
    const worst = Math.min(...psnr);
    assert.ok(worst >= 28, `worst frame ${worst.toFixed(1)} dB at frame ${psnr.indexOf(worst)}`);
  });

  it('reuses everything for an unchanged timeline (no encode), and a title edit re-encodes only its spans', async () => {
    const same: Partial<SpanRenderStats> = {};
    await proxy(draftOf('Hello'), 'same', true, same);
    assert.equal(same.wholeReused, true, JSON.stringify(same));
    assert.equal(same.encodedSpans, 0);

    const edited: Partial<SpanRenderStats> = {};
    const out = await proxy(draftOf('Goodbye'), 'edited', true, edited);
    assert.equal(edited.wholeReused, false);
    assert.ok((edited.encodedSpans ?? 0) >= 1 && (edited.encodedSpans ?? 0) < (edited.spans ?? 0), `encoded ${edited.encodedSpans} of ${edited.spans}`);
    assert.equal(edited.audioReused, true, 'a title does not change the sound');
    const video = await packets(out.file, 'v:0');
    assert.equal(video.length, totalFrames());
  });

  it('keeps export spans and proxy spans apart in the shared cache', async () => {
    const exportStats: Partial<SpanRenderStats> = {};
    await renderDraft(
      { draft: toCompact(draftOf('Hello')), media, outPath: path.join(dir, 'export.mp4'), workDir: path.join(dir, 'work-export'), ffmpeg: FF, onProgress: () => undefined, signal: new AbortController().signal },
      { cache, stats: exportStats },
    );
    // The proxy of this very timeline is fully cached, yet the export encodes every span and its own audio.
    assert.equal(exportStats.encodedSpans, exportStats.spans, JSON.stringify(exportStats));
    assert.equal(exportStats.audioReused, false);
    const p = await probe(path.join(dir, 'export.mp4'));
    assert.deepEqual(p.streams.map((s) => s.codec_name).sort(), ['aac', 'h264']);
    const names = fs.readdirSync(path.join(dir, 'cache'));
    assert.ok(names.some((n) => n.endsWith('.webm')) && names.some((n) => n.endsWith('.m2ts')), 'both kinds stored side by side');
  });
});
