// The upload kit of a real vertical (9:16) export: the planner makes the draft vertical, the real renderer
// exports it with real ffmpeg, and buildKit writes the thumbnail from that MP4. YouTube wants a 16:9
// thumbnail, so the tall frame is set whole in the middle over a blurred fill of itself: the sides must be
// picture (not black bars, not one flat colour) and blurred (much less detail than the sharp centre).
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildKit, type KitResult } from '../../../src/core/kit';
import type { CompactDraft, MediaInfo } from '../../../src/engine/model';
import { plan } from '../../../src/engine/planner';
import { detectSilences, renderDraft } from '../../../src/engine/render';
import { FFMPEG, FFPROBE, mediaInfo, probe, tempDir, verticalClip } from '../../support/media';

process.env.GENERATOR_YOUTUBE_X264_PRESET = 'ultrafast';
const FF = { ffmpeg: FFMPEG, ffprobe: FFPROBE };

/** Grey pixels (w×h, row-major) of a region of a still image. */
function grey(file: string, crop: { w: number; h: number; x: number; y: number }): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    execFile(FFMPEG, ['-v', 'error', '-i', file, '-frames:v', '1', '-vf', `crop=${crop.w}:${crop.h}:${crop.x}:${crop.y},format=gray`, '-f', 'rawvideo', 'pipe:1'],
      { encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 }, (err, stdout) => (err ? reject(err) : resolve(new Uint8Array(stdout))));
  });
}

const mean = (px: Uint8Array): number => px.reduce((a, b) => a + b, 0) / px.length;
const spread = (px: Uint8Array): number => {
  const m = mean(px);
  return Math.sqrt(px.reduce((a, b) => a + (b - m) ** 2, 0) / px.length);
};
/** Detail: mean absolute difference between horizontal neighbours (a blur flattens it; sharp edges raise it). */
function detail(px: Uint8Array, w: number): number {
  let sum = 0;
  let n = 0;
  for (let i = 0; i < px.length; i++) {
    if ((i + 1) % w === 0) continue;
    sum += Math.abs(px[i] - px[i + 1]);
    n++;
  }
  return sum / n;
}

describe('upload kit: a real vertical (9:16) export gets a 16:9 thumbnail with a blurred fill', function () {
  this.timeout(300000);
  let out: string;
  let kit: KitResult;

  before(async () => {
    const dir = tempDir('gy-kit-vertical-');
    const clip = await verticalClip(dir, 'phone.mp4', 6);
    const media: MediaInfo[] = [await mediaInfo('m1', clip)];
    let draft: CompactDraft | null = null;
    for (const message of ["add an intro titled 'Night market' for 1 second", 'make it vertical 9:16 for Shorts']) {
      draft = (await plan(message, { draft, media, language: 'en', detectSilences: (m) => detectSilences(m.path, FFMPEG) })).draft;
    }
    if (!draft) throw new Error('no draft');
    out = path.join(dir, 'exports', 'market.mp4');
    await renderDraft({ draft, media, outPath: out, workDir: path.join(dir, 'work'), ffmpeg: FF, onProgress: () => undefined, signal: new AbortController().signal });
    kit = await buildKit({ video: out, draft, media: media.map((m) => ({ id: m.id, filename: m.filename, duration: m.duration })), lang: 'en', ffmpeg: FF });
  });

  it('the export really is vertical', async () => {
    const v = (await probe(out)).streams.find((s) => s.codec_type === 'video');
    assert.ok(v && v.width! * 16 === v.height! * 9, `export is ${v?.width}×${v?.height}`);
  });

  it('writes 1280×720 JPEGs of at most 2 MB', async () => {
    assert.equal(kit.files.thumbnails.length > 0, true, kit.notices.join('\n'));
    for (const f of kit.files.thumbnails) {
      const s = (await probe(f)).streams[0];
      assert.equal(s.codec_name, 'mjpeg');
      assert.equal(s.width, 1280);
      assert.equal(s.height, 720);
      const bytes = fs.statSync(f).size;
      assert.ok(bytes > 10_000 && bytes <= 2 * 1024 * 1024, `${f}: ${bytes} bytes`);
    }
  });

  it('fills the sides with a blurred copy of the picture, not black bars', async () => {
    const thumb = kit.files.thumbnails[0];
    // The tall frame scaled to 720 high is 405 wide, centred (x 437–842). Compare the side strips with the
    // centre, above the title band (the lower third holds the title).
    const band = { h: 400, y: 40 };
    const left = await grey(thumb, { w: 360, ...band, x: 20 });
    const right = await grey(thumb, { w: 360, ...band, x: 900 });
    const centre = await grey(thumb, { w: 360, ...band, x: 460 });
    for (const [name, side] of [['left', left], ['right', right]] as const) {
      // Not a black bar: real picture brightness; not one flat colour: the fill varies like the picture does.
      assert.ok(mean(side) > 30, `${name} side mean luma ${mean(side).toFixed(1)} (black bars are ~16)`);
      assert.ok(spread(side) > 8, `${name} side spread ${spread(side).toFixed(1)} (a flat bar is ~0)`);
      // Blurred: far less edge detail than the sharp testsrc2 picture in the middle.
      assert.ok(detail(side, 360) * 4 < detail(centre, 360), `${name} side detail ${detail(side, 360).toFixed(2)} vs centre ${detail(centre, 360).toFixed(2)}`);
    }
  });
});
