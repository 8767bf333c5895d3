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
import { meanVolume, regionRgb } from './measure';
void meanVolume; void regionRgb;
import { FFMPEG, FFPROBE, firstBrightFrame, firstSound, mediaInfo, probe, sh, syncClip, tempDir } from './media';

process.env.GENERATOR_YOUTUBE_X264_PRESET = 'ultrafast';

const W = 320;
const H = 180;
const ENC = ['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p'];

async function clip(dir: string, name: string, video: string, audio: string | null, seconds: number): Promise<MediaInfo> {
  const file = path.join(dir, name);
  const a = audio ? ['-f', 'lavfi', '-i', `${audio}:d=${seconds}`, '-c:a', 'aac', '-b:a', '128k', '-shortest'] : [];
  const src = `${video}${video.includes('=') ? ':' : '='}s=${W}x${H}:r=30:d=${seconds}`;
  await sh(FFMPEG, ['-y', '-f', 'lavfi', '-i', src, ...a, ...ENC, file]);
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

const FULL = { w: W, h: H, x: 0, y: 0 };
void FULL;

describe('render: speed', function () {
  this.timeout(180000);
  let dir: string;
  before(() => { dir = tempDir('speed'); });
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
