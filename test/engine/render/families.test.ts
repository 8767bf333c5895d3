// Each edit family, planned from a plain request by the real planner and rendered by the real renderer from
// real (ffmpeg-made) media, checked in the exported MP4: durations and A/V sync (speed), colour statistics
// per range (looks), regions of the frame (zoom, lower third, subscribe badge, logo, picture-in-picture),
// loudness (noise, voice level, music fades), text drawn where text was asked for. Renders are 320×180 (the
// canvas is set small after planning: the renderer draws whatever canvas the draft names) and 2–6 s long.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CompactDraft, MediaInfo, PlanResult } from '../../../src/engine/model';
import { plan } from '../../../src/engine/planner';
import { renderDraft } from '../../../src/engine/render';
import { FFMPEG, FFPROBE, mediaInfo, probe, run, syncClip, tempDir } from '../../support/media';
import { firstBrightFrame, firstSound, meanVolume, regionRgb } from '../../support/measure';

process.env.GENERATOR_YOUTUBE_X264_PRESET = 'ultrafast';

const W = 320;
const H = 180;
const ENC = ['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p'];

async function clip(dir: string, name: string, video: string, audio: string | null, seconds: number): Promise<MediaInfo> {
  const file = path.join(dir, name);
  const a = audio ? ['-f', 'lavfi', '-i', `${audio}:d=${seconds}`, '-c:a', 'aac', '-b:a', '128k', '-shortest'] : [];
  const src = `${video}${video.includes('=') ? ':' : '='}s=${W}x${H}:r=30:d=${seconds}`;
  await run(FFMPEG, ['-y', '-f', 'lavfi', '-i', src, ...a, ...ENC, file]);
  return mediaInfo(name.replace(/\W/g, ''), file);
}

/** Plans the messages in turn (each must be understood and applied) and returns every result. */
async function planAll(messages: string[], media: MediaInfo[], language: 'en' | 'zh' = 'en'): Promise<{ draft: CompactDraft; results: PlanResult[] }> {
  let draft: CompactDraft | null = null;
  const results: PlanResult[] = [];
  for (const message of messages) {
    const r = await plan(message, { draft, media, language, detectSilences: async () => [] });
    assert.ok(r.kind === 'edit', `"${message}" → ${r.kind}: ${r.reply}`);
    draft = r.draft;
    results.push(r);
  }
  if (!draft) throw new Error('no draft');
  return { draft, results };
}

async function render(draft: CompactDraft, media: MediaInfo[], dir: string, small = true): Promise<string> {
  const out = path.join(dir, 'out.mp4');
  const d: CompactDraft = small ? { ...draft, m: { ...draft.m, width: W, height: H } } : draft;
  await renderDraft({ draft: d, media, outPath: out, workDir: path.join(dir, 'work'), ffmpeg: { ffmpeg: FFMPEG, ffprobe: FFPROBE }, onProgress: () => undefined, signal: new AbortController().signal });
  return out;
}

async function durations(file: string): Promise<{ v: number; a: number }> {
  const p = await probe(file);
  return { v: Number(p.streams.find((s) => s.codec_type === 'video')?.duration), a: Number(p.streams.find((s) => s.codec_type === 'audio')?.duration) };
}

const CENTRE = { w: 200, h: 100, x: 60, y: 40 };

describe('render: speed', function () {
  this.timeout(180000);
  let dir: string;
  before(() => { dir = tempDir('gy-render-speed-'); });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('"speed up the first 3 seconds 2x" on a 6 s clip: 4.5 s long, and the flash and beep at 3.0 s play together at 1.5 s', async () => {
    const m = await mediaInfo('sync', await syncClip(dir));
    const { draft, results } = await planAll(['speed up the first 3 seconds 2x'], [m]);
    assert.match(results[0].reply ?? '', /Sped up the first 0:03 to 2×/);
    const out = await render(draft, [m], dir);
    const d = await durations(out);
    assert.ok(Math.abs(d.v - 4.5) <= 1 / 30 + 1e-3, `video ${d.v}`);
    assert.ok(Math.abs(d.a - 4.5) <= 0.05, `audio ${d.a}`);
    const flash = await firstBrightFrame(out);
    const beep = await firstSound(out);
    assert.ok(Math.abs(flash - 1.5) <= 1 / 30 + 1e-3, `flash at ${flash}`);
    assert.ok(Math.abs(beep - 1.5) <= 0.04, `beep at ${beep}`);
  });

  it('"最后2秒慢动作" (slow motion for the last 2 s) on a 3 s clip: 5 s long', async () => {
    const m = await clip(dir, 'slow.mp4', 'testsrc', 'sine=f=440', 3);
    const { draft } = await planAll(['最后2秒慢动作'], [m], 'zh');
    const out = await render(draft, [m], dir);
    const d = await durations(out);
    assert.ok(Math.abs(d.v - 5) <= 1 / 30 + 1e-3, `video ${d.v}`);
    assert.ok(Math.abs(d.a - 5) <= 0.05, `audio ${d.a}`);
  });
});

describe('render: colour looks per range', function () {
  this.timeout(180000);
  let dir: string;
  let out: string;
  before(async () => {
    dir = tempDir('gy-render-looks-');
    // A flat warm-brown clip (R 150, G 110, B 70): saturated enough for every look to show.
    const m = await clip(dir, 'brown.mp4', 'color=c=0x966E46', null, 6);
    const { draft } = await planAll([
      'make the part from 0:00 to 0:01 black and white',
      'warm up 0:01 to 0:02',
      'from 0:02 to 0:03 make it cooler',
      'colours pop more between 0:03 and 0:04',
      'brighten from 0:04 to 0:05',
      'make it darker from 0:05 to 0:06',
    ], [m]);
    out = await render(draft, [m], dir);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('black and white: no colour left (chroma ≈ 0); warmer: R/B up; cooler: R/B down; vivid: chroma up; brighter/darker: luma ±', async () => {
    const at = (t: number) => regionRgb(out, t, CENTRE);
    const orig = { r: 150, g: 110, b: 70, chroma: 80, luma: 0.2126 * 150 + 0.7152 * 110 + 0.0722 * 70 };
    const bw = await at(0.5);
    assert.ok(bw.chroma < 4, `b&w chroma ${bw.chroma.toFixed(1)}`);
    const warm = await at(1.5);
    assert.ok(warm.r / warm.b > (orig.r / orig.b) * 1.15, `warm R/B ${(warm.r / warm.b).toFixed(2)} vs ${(orig.r / orig.b).toFixed(2)}`);
    const cool = await at(2.5);
    assert.ok(cool.r / cool.b < (orig.r / orig.b) * 0.85, `cool R/B ${(cool.r / cool.b).toFixed(2)}`);
    const vivid = await at(3.5);
    assert.ok(vivid.chroma > orig.chroma * 1.25, `vivid chroma ${vivid.chroma.toFixed(1)}`);
    const bright = await at(4.5);
    assert.ok(bright.luma > orig.luma + 12, `bright luma ${bright.luma.toFixed(1)} vs ${orig.luma.toFixed(1)}`);
    const dark = await at(5.5);
    assert.ok(dark.luma < orig.luma - 12, `dark luma ${dark.luma.toFixed(1)}`);
  });
});

describe('render: zoom on a range', function () {
  this.timeout(180000);
  let dir: string;
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('"zoom in a bit on the second half" (1.2×) and "2x": the centred white box grows only where asked', async () => {
    dir = tempDir('gy-render-zoom-');
    // Black frame, white 100×50 box in the centre (110..210 × 65..115).
    const m = await clip(dir, 'box.mp4', 'color=c=black', null, 4);
    const boxed = path.join(dir, 'boxed.mp4');
    await run(FFMPEG, ['-y', '-i', m.path, '-vf', 'drawbox=x=110:y=65:w=100:h=50:c=white:t=fill', ...ENC, boxed]);
    const media = [await mediaInfo('boxed', boxed)];
    const a = await planAll(['zoom in a bit on the second half'], media);
    assert.match(a.results[0].reply ?? '', /Zoomed in 1\.2× on the second half \(0:02–0:04\)/);
    const b = await planAll(['zoom 2x on the second half'], media);
    const outA = await render(a.draft, media, path.join(dir, 'a'));
    const outB = await render(b.draft, media, path.join(dir, 'b'));
    // Just outside the box's left edge (x 96..106): black unzoomed; white once zoomed ≥ 1.2× (edge moves to 100).
    const strip = { w: 6, h: 20, x: 100, y: 80 };
    assert.ok((await regionRgb(outA, 1.0, strip)).luma < 30, 'first half not zoomed');
    assert.ok((await regionRgb(outA, 3.0, strip)).luma > 200, 'second half zoomed 1.2×');
    // 2×: the box spans 60..260: a strip at x 62..68 is white, and so is one at the same x unzoomed? no: black.
    const wide = { w: 6, h: 20, x: 62, y: 80 };
    assert.ok((await regionRgb(outB, 1.0, wide)).luma < 30);
    assert.ok((await regionRgb(outB, 3.0, wide)).luma > 200);
    assert.ok((await regionRgb(outA, 3.0, wide)).luma < 30, '1.2× does not reach as far as 2×');
  });
});

describe('render: text families (intro text, lower third, subscribe reminder)', function () {
  this.timeout(180000);
  let dir: string;
  let out: string;
  let draft: CompactDraft;
  before(async () => {
    dir = tempDir('gy-render-text-');
    const m = await clip(dir, 'grey.mp4', 'color=c=0x505050', 'sine=f=440', 6);
    ({ draft } = await planAll([
      'make the intro say Hello World and last 2 seconds',
      'add a lower third for Jane Doe, Host',
      'add a subscribe reminder',
    ], [m]));
    out = await render(draft, [m], dir);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('the intro card says "Hello World" for 2 s (text drawn in the centre)', async () => {
    const card = (draft.t[0].sg as Array<Record<string, unknown>>)[0];
    assert.equal(card.k, 'card');
    assert.equal(card.dur, 2000);
    assert.equal((card.m as Record<string, unknown>).title, 'Hello World');
    assert.ok((await regionRgb(out, 1.0, { w: 280, h: 40, x: 20, y: 70 })).max > 200, 'white text over the dark card');
    assert.ok((await regionRgb(out, 1.0, { w: 40, h: 30, x: 0, y: 0 })).luma < 40, 'card background is dark');
  });

  it('draws the lower third bottom-left while it is on, and the red subscribe badge bottom-right at the end', async () => {
    const texts = draft.t.find((t) => t.tt === 7)?.sg as Array<{ s: number; e: number; m: { style?: string } }>;
    const lower = texts.find((t) => t.m.style === 'lower');
    const sub = texts.find((t) => t.m.style === 'subscribe');
    assert.ok(lower && sub);
    assert.equal(sub.e, draft.d, 'the reminder runs to the end');
    const lowerBox = { w: 60, h: 20, x: 20, y: 135 };
    const badge = { w: 30, h: 12, x: 260, y: 150 };
    const tLower = (lower.s + 300) / 1000 + 0.5;
    const lowerOn = await regionRgb(out, tLower, lowerBox);
    const lowerOff = await regionRgb(out, (lower.e + 400) / 1000, lowerBox);
    assert.ok(lowerOn.max > 200 && lowerOn.luma < 70, `white text on a dark band: ${JSON.stringify(lowerOn)}`);
    assert.ok(lowerOff.max < 100, `no lower third after it ends: ${JSON.stringify(lowerOff)}`);
    const badgeOn = await regionRgb(out, draft.d / 1000 - 0.5, badge);
    assert.ok(badgeOn.r > 150 && badgeOn.g < 110, `red badge ${JSON.stringify(badgeOn)}`);
    const badgeOff = await regionRgb(out, sub.s / 1000 - 0.5, badge);
    assert.ok(badgeOff.chroma < 10, 'no badge before the reminder');
  });
});

describe('render: logo and picture-in-picture in a corner', function () {
  this.timeout(180000);
  let dir: string;
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('"add my logo in the top left corner": the red PNG sits top-left only, and the still is not a clip', async () => {
    dir = tempDir('gy-render-logo-');
    const main = await clip(dir, 'grey.mp4', 'color=c=0x505050', 'sine=f=440', 2);
    const png = path.join(dir, 'logo.png');
    await run(FFMPEG, ['-y', '-f', 'lavfi', '-i', 'color=c=red:s=64x64:d=1', '-frames:v', '1', png]);
    const logo: MediaInfo = { ...main, id: 'logo', filename: 'logo.png', path: png, kind: 'image', duration: 0, width: 64, height: 64, fps: 0, hasAudio: false };
    const media = [main, logo];
    const { draft, results } = await planAll(['add my logo in the top left corner'], media);
    assert.match(results[0].reply ?? '', /logo\.png as a logo in the top-left corner/);
    assert.equal(draft.d, 2000, 'the logo image is not shown as a 3 s still');
    const out = await render(draft, media, dir);
    const tl = await regionRgb(out, 1.0, { w: 20, h: 20, x: 12, y: 12 });
    const br = await regionRgb(out, 1.0, { w: 20, h: 20, x: 288, y: 148 });
    assert.ok(tl.r > 180 && tl.g < 60, `top-left is the red logo ${JSON.stringify(tl)}`);
    assert.ok(br.chroma < 10, `bottom-right is the grey clip ${JSON.stringify(br)}`);
  });

  it('"put the webcam in the bottom right corner": the blue webcam clip plays bottom-right over the screen recording, with its sound', async () => {
    const screen = await clip(dir, 'screen.mp4', 'color=c=0x505050', null, 3);
    const cam = await clip(dir, 'webcam.mp4', 'color=c=blue', 'sine=f=880', 2);
    const media = [screen, cam];
    const { draft, results } = await planAll(['put the webcam in the bottom right corner'], media);
    assert.match(results[0].reply ?? '', /webcam\.mp4 as picture-in-picture in the bottom-right corner/);
    assert.equal(draft.d, 3000, 'the webcam clip left the main track');
    const out = path.join(await render(draft, media, path.join(dir, 'pip')));
    const corner = { w: 40, h: 20, x: 250, y: 140 };
    const on = await regionRgb(out, 1.0, corner);
    assert.ok(on.b > 150 && on.r < 60, `blue pip bottom-right ${JSON.stringify(on)}`);
    assert.ok((await regionRgb(out, 1.0, { w: 40, h: 20, x: 10, y: 10 })).chroma < 10, 'top-left is the screen recording');
    assert.ok((await regionRgb(out, 2.6, corner)).chroma < 10, 'after the webcam clip ends the main picture shows');
    // The screen recording is silent: the sound in the first 2 s is the webcam's 880 Hz voice.
    assert.ok((await meanVolume(out, 0.2, 1.5)) > -40, 'webcam sound is mixed in');
  });
});

describe('render: audio cleanup and music fades', function () {
  this.timeout(240000);
  let dir: string;
  before(() => { dir = tempDir('gy-render-audio-'); });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('"remove the background noise": the 50 Hz hum under the voice drops by ≥ 15 dB relative to the voice', async () => {
    const m = await clip(dir, 'hum.mp4', 'color=c=0x505050', "aevalsrc='0.3*sin(2*PI*440*t)+0.3*sin(2*PI*50*t)':s=48000", 3);
    const { draft, results } = await planAll(['remove the background noise'], [m]);
    assert.match(results[0].reply ?? '', /reduced background noise/i);
    const out = await render(draft, [m], dir);
    const humShare = async (f: string) => (await meanVolume(f, 0.5, 2, 'lowpass=f=70,lowpass=f=70')) - (await meanVolume(f, 0.5, 2, 'highpass=f=300,highpass=f=300'));
    const before = await humShare(m.path);
    const after = await humShare(out);
    assert.ok(after < before - 15, `hum relative to voice: ${before.toFixed(1)} → ${after.toFixed(1)} dB`);
  });

  it('"even out the voice": the gap between a loud and a quiet passage narrows (20 dB in the source)', async () => {
    const m = await clip(dir, 'uneven.mp4', 'color=c=0x505050', "aevalsrc='if(lt(t,2),0.5,0.05)*sin(2*PI*300*t)':s=48000", 4);
    const { draft } = await planAll(['even out the voice'], [m]);
    const out = await render(draft, [m], path.join(dir, 'level'));
    const gap = async (f: string) => (await meanVolume(f, 0.5, 1)) - (await meanVolume(f, 2.5, 1));
    const src = await gap(m.path);
    const got = await gap(out);
    assert.ok(src > 19, `source gap ${src}`);
    assert.ok(got < src - 6, `gap ${src.toFixed(1)} → ${got.toFixed(1)} dB`);
  });

  it('"fade the music in over 2 seconds" and "music fade out at the end": quiet at the edges, full in the middle', async () => {
    const silent = await clip(dir, 'mute.mp4', 'color=c=0x505050', null, 6);
    const song = path.join(dir, 'song.wav');
    await run(FFMPEG, ['-y', '-f', 'lavfi', '-i', 'sine=f=220:d=8', '-ac', '2', song]);
    const media = [silent, await mediaInfo('song', song)];
    const { draft, results } = await planAll(['add music', 'fade the music in over 2 seconds', 'music fade out over the last 2 seconds'], media);
    assert.match(results[1].reply ?? '', /music fades in over 2 s/);
    const out = await render(draft, media, path.join(dir, 'music'));
    const start = await meanVolume(out, 0, 0.4);
    const mid = await meanVolume(out, 2.5, 1);
    const end = await meanVolume(out, 5.6, 0.4);
    assert.ok(start < mid - 10, `fade-in: ${start.toFixed(1)} vs ${mid.toFixed(1)} dB`);
    assert.ok(end < mid - 10, `fade-out: ${end.toFixed(1)} vs ${mid.toFixed(1)} dB`);
  });
});
