// The preview proxy made by the real renderer from real planner drafts, checked with ffprobe: WebM with VP8
// and Vorbis (what desktop VS Code's webviews decode), 360p class, vertical stays vertical, the timeline's
// exact length; plus the filmstrip sprite and waveform peaks the visual timeline draws.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CompactDraft, MediaInfo } from '../../../src/engine/model';
import { plan } from '../../../src/engine/planner';
import { buildPreview, checkPreviewInput, previewKey, PreviewError, type PreviewManifest, readManifest } from '../../../src/engine/preview/build';
import { filmstripPlan, peaksFromPcm } from '../../../src/core/media/proxyArtifacts';
import { proxyCanvas } from '../../../src/core/media/proxyProfile';
import { FFMPEG, FFPROBE, mediaInfo, musicFile, probe, speechClip, tempDir, verticalClip } from '../../support/media';
import { integratedLufs, samplePeakDb } from '../../support/measure';

async function planAll(messages: string[], media: MediaInfo[]): Promise<CompactDraft> {
  let draft: CompactDraft | null = null;
  for (const message of messages) draft = (await plan(message, { draft, media, language: 'en', detectSilences: async () => [] })).draft;
  if (!draft) throw new Error('no draft');
  return draft;
}

async function build(draft: CompactDraft, media: MediaInfo[], root: string, progress: number[] = []): Promise<{ dir: string; manifest: PreviewManifest }> {
  const key = previewKey(draft, media);
  const dir = path.join(root, key);
  const manifest = await buildPreview({ draft, media, dir, key, ffmpeg: { ffmpeg: FFMPEG, ffprobe: FFPROBE }, onProgress: (p) => progress.push(p), signal: new AbortController().signal });
  return { dir, manifest };
}

describe('preview proxy (real renderer, proxy profile)', function () {
  this.timeout(240000);
  let dir: string;
  let media: MediaInfo[];

  before(async () => {
    dir = tempDir('gy-preview-');
    media = [await mediaInfo('m1', await speechClip(dir)), await mediaInfo('m2', await verticalClip(dir)), await mediaInfo('a1', await musicFile(dir))];
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  describe('16:9 with intro, title and music', () => {
    let draft: CompactDraft;
    let out: { dir: string; manifest: PreviewManifest };
    const progress: number[] = [];
    before(async () => {
      draft = await planAll(['add an intro titled "Day 1" for 2 seconds', 'add music at 30%', 'add title "Hello" from 3s to 4s'], media);
      out = await build(draft, media, path.join(dir, 'wide'), progress);
    });

    it('is WebM with VP8 video and Vorbis 48 kHz stereo audio (ffprobe), 640×360', async () => {
      const p = await probe(path.join(out.dir, 'proxy.webm'));
      assert.match(p.format.format_name, /webm/);
      const v = p.streams.find((s) => s.codec_type === 'video');
      const a = p.streams.find((s) => s.codec_type === 'audio');
      assert.equal(v?.codec_name, 'vp8');
      assert.equal(a?.codec_name, 'vorbis');
      assert.equal(a?.sample_rate, '48000');
      assert.equal(a?.channels, 2);
      assert.deepEqual([v?.width, v?.height], [640, 360]);
      assert.deepEqual([out.manifest.width, out.manifest.height], [640, 360]);
      // Tagged like the export: untagged 360p VP8 is shown as bt601 and the colours drift.
      assert.deepEqual([v?.color_space, v?.color_primaries, v?.color_transfer], ['bt709', 'bt709', 'bt709']);
    });

    it('is as loud as the export: −14 LUFS ±1 (a measured gain, peaks at most −1.5 dBFS)', async () => {
      const file = path.join(out.dir, 'proxy.webm');
      const lufs = await integratedLufs(file);
      const peak = await samplePeakDb(file);
      // The gain stops at the peak limit: then the proxy is quieter than −14, never louder, and peaks stay under.
      assert.ok(lufs <= -13 && (lufs >= -15 || peak >= -1.5 - 0.5), `proxy ${lufs} LUFS, peak ${peak} dBFS`);
      assert.ok(peak <= -1.5 + 0.5, `proxy peak ${peak} dBFS`);
    });

    it('lasts the timeline duration (within one frame + one Vorbis block)', async () => {
      const p = await probe(path.join(out.dir, 'proxy.webm'));
      const want = draft.d / 1000;
      assert.ok(Math.abs(Number(p.format.duration) - want) <= 1 / 30 + 0.05, `proxy ${p.format.duration} s vs timeline ${want} s`);
      assert.equal(out.manifest.durationMs, draft.d);
    });

    it('writes a filmstrip sprite with one thumbnail per second, and waveform peaks of the mix', async () => {
      const fsInfo = out.manifest.filmstrip;
      const want = filmstripPlan(draft.d / 1000, 640, 360);
      assert.equal(fsInfo.count, want.count);
      assert.equal(fsInfo.stepSec, 1);
      const sprite = await probe(path.join(out.dir, fsInfo.file));
      assert.equal(sprite.streams[0].width, fsInfo.count * fsInfo.tileWidth);
      assert.equal(sprite.streams[0].height, fsInfo.tileHeight);
      const { perSecond, peaks } = out.manifest.peaks;
      assert.ok(Math.abs(peaks.length - (draft.d / 1000) * perSecond) <= 2, `${peaks.length} peaks`);
      // The intro card is silent except the music bed; the speech clip plays a 0.5-amplitude tone.
      assert.ok(Math.max(...peaks) > 0.2, `loudest peak ${Math.max(...peaks)}`);
      assert.ok(peaks.every((x) => x >= 0 && x <= 1));
    });

    it('reported progress up to 100 and left no .part folder; the manifest is read back', () => {
      assert.equal(progress[progress.length - 1], 100);
      assert.ok(!fs.existsSync(`${out.dir}.part`));
      assert.deepEqual(readManifest(out.dir), out.manifest);
    });

    it('has a key that follows the draft: same draft same key, one edit a new key', async () => {
      assert.equal(previewKey(draft, media), out.manifest.key);
      const changed = (await plan('add title "Other" from 1s to 2s', { draft, media, language: 'en', detectSilences: async () => [] })).draft as CompactDraft;
      assert.notEqual(previewKey(changed, media), out.manifest.key);
      // An upload the draft does not use does not change the key.
      const extra = { ...media[0], id: 'm9', hash: 'f'.repeat(64) };
      assert.equal(previewKey(draft, [...media, extra]), out.manifest.key);
    });
  });

  it('keeps 9:16 vertical: 360×640 VP8', async () => {
    const draft = await planAll(['make it vertical 9:16'], [media[1]]);
    const out = await build(draft, [media[1]], path.join(dir, 'tall'));
    const v = (await probe(path.join(out.dir, 'proxy.webm'))).streams.find((s) => s.codec_type === 'video');
    assert.equal(v?.codec_name, 'vp8');
    assert.deepEqual([v?.width, v?.height], [360, 640]);
  });

  it('refuses an empty timeline and a missing source file with PreviewError reasons', () => {
    assert.throws(() => checkPreviewInput(null, media), (e: unknown) => e instanceof PreviewError && e.reason === 'empty');
    const gone = { ...media[0], path: path.join(dir, 'gone.mp4') };
    const draft: CompactDraft = { d: 1000, t: [{ tt: 0, d: 1000, sg: [{ id: 's1', k: 'clip', src: 'm1', in: 0, out: 1000, s: 0, e: 1000, m: { name: 'speech.mp4' } }] }] };
    assert.throws(() => checkPreviewInput(draft, [gone]), (e: unknown) => e instanceof PreviewError && e.reason === 'missing-source' && /speech\.mp4/.test(e.message));
  });
});

describe('preview units', () => {
  it('proxyCanvas: short side 360, aspect kept, even sizes; small canvases unchanged', () => {
    assert.deepEqual(proxyCanvas(1920, 1080), { width: 640, height: 360 });
    assert.deepEqual(proxyCanvas(1080, 1920), { width: 360, height: 640 });
    assert.deepEqual(proxyCanvas(1080, 1080), { width: 360, height: 360 });
    assert.deepEqual(proxyCanvas(320, 180), { width: 320, height: 180 });
  });

  it('filmstripPlan: one tile a second up to 120 tiles, then a longer step', () => {
    assert.deepEqual(filmstripPlan(7.5, 640, 360), { count: 8, stepSec: 1, tileWidth: 86 });
    assert.equal(filmstripPlan(600, 640, 360).stepSec, 5);
    assert.equal(filmstripPlan(600, 640, 360).count, 120);
    assert.equal(filmstripPlan(10, 360, 640).tileWidth, 28);
  });

  it('peaksFromPcm keeps the absolute peak of each slice', () => {
    const pcm = Buffer.alloc(8 * 2);
    [0, 100, -16384, 0, 0, 0, 32767, -32768].forEach((v, i) => pcm.writeInt16LE(v, i * 2));
    assert.deepEqual(peaksFromPcm(pcm, 4, 1), [0.5, 1]);
  });
});
