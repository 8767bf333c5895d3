// Real renders of real drafts (made by the real planner from real media), checked with ffprobe, ebur128 and
// frame sampling. Few and short: the x264 preset is ultrafast here (the product default is veryfast), but
// the output is the real 1080p YouTube format.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CompactDraft, MediaInfo, RenderResult, ToolCall } from '../../../src/engine/model';
import { plan } from '../../../src/engine/planner';
import { detectSilences, renderDraft } from '../../../src/engine/render';
import { CARD_COLORS } from '../../../src/engine/render/videoGraph';
import { FFMPEG, FFPROBE, mediaInfo, musicFile, probe, run, silentWideClip, speechClip, syncClip, tempDir, verticalClip } from '../../support/media';
import { firstBrightFrame, firstSound, integratedLufs, lumaOf, regionLuma } from '../../support/measure';

process.env.GENERATOR_YOUTUBE_X264_PRESET = 'ultrafast';

async function planAll(messages: string[], media: MediaInfo[]): Promise<{ draft: CompactDraft; calls: ToolCall[] }> {
  let draft: CompactDraft | null = null;
  const calls: ToolCall[] = [];
  for (const message of messages) {
    const r = await plan(message, { draft, media, language: 'en', detectSilences: (m) => detectSilences(m.path, FFMPEG) });
    draft = r.draft;
    calls.push(...r.toolCalls);
  }
  if (!draft) throw new Error('no draft');
  return { draft, calls };
}

async function render(draft: CompactDraft, media: MediaInfo[], dir: string, progress: number[] = []): Promise<{ out: string; res: RenderResult }> {
  const out = path.join(dir, 'out', 'video.mp4');
  const res = await renderDraft({
    draft, media, outPath: out, workDir: path.join(dir, 'work'), ffmpeg: { ffmpeg: FFMPEG, ffprobe: FFPROBE },
    onProgress: (p) => progress.push(p), signal: new AbortController().signal,
  });
  return { out, res };
}

describe('renderer: a 16:9 YouTube video (intro, silence cut, crossfades, title, ducked music, outro)', function () {
  this.timeout(240000);
  let dir: string;
  let draft: CompactDraft;
  let calls: ToolCall[];
  let out: string;
  let res: RenderResult;
  const progress: number[] = [];

  before(async () => {
    dir = tempDir('gy-render-wide-');
    const media = [
      await mediaInfo('m1', await speechClip(dir)),
      await mediaInfo('m2', await verticalClip(dir)),
      await mediaInfo('a1', await musicFile(dir)),
    ];
    ({ draft, calls } = await planAll([
      'add an intro titled \'Trip: "Day 1" 100%\' for 2 seconds',
      'remove the silences',
      'add crossfades',
      'add music at 30%',
      'add an outro',
    ], media));
    // Title over the grey clip, well clear of the crossfades: 1.0–1.8 s into the first clip.
    const clip = (draft.t[0].sg as Array<{ k: string; s: number }>).find((s) => s.k === 'clip');
    const start = (clip?.s ?? 0) + 1000;
    const titled = await plan(`add title "Hello" from ${start / 1000}s to ${(start + 800) / 1000}s`, { draft, media, language: 'en', detectSilences: async () => [] });
    draft = titled.draft as CompactDraft;
    ({ out, res } = await render(draft, media, dir, progress));
  });

  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('planned every edit, including a real silence cut', () => {
    assert.deepEqual(calls.map((c) => c.name), ['create_timeline', 'add_intro_card', 'remove_silences', 'set_transitions', 'add_bgm', 'add_outro_card']);
    // The clip is silent from 1.5 to 3.0 s; with 0.2 s margins about 1.1 s goes.
    const removed = Number(calls.find((c) => c.name === 'remove_silences')?.args.removed_ms);
    assert.ok(removed > 1050 && removed < 1150, `removed ${removed} ms`);
    // 2 s intro + 5 s clip − the silence + 3 s clip + 4 s outro − two 0.5 s crossfades (intro→clip, clip→clip).
    assert.equal(draft.d, 2000 + 5000 - removed + 3000 + 4000 - 1000);
  });

  it('writes H.264 High yuv420p 1920×1080 at 30 fps with bt709 tags, and AAC-LC 48 kHz stereo', async () => {
    const p = await probe(out);
    const v = p.streams.find((s) => s.codec_type === 'video');
    const a = p.streams.find((s) => s.codec_type === 'audio');
    assert.equal(v?.codec_name, 'h264');
    assert.equal(v?.profile, 'High');
    assert.equal(v?.pix_fmt, 'yuv420p');
    assert.deepEqual([v?.width, v?.height], [1920, 1080]);
    assert.equal(v?.r_frame_rate, '30/1');
    assert.deepEqual([v?.color_primaries, v?.color_transfer, v?.color_space], ['bt709', 'bt709', 'bt709']);
    assert.equal(a?.codec_name, 'aac');
    assert.equal(a?.profile, 'LC');
    assert.equal(a?.sample_rate, '48000');
    assert.equal(a?.channels, 2);
    assert.deepEqual([res.width, res.height, res.fps], [1920, 1080, 30]);
  });

  it('lasts exactly the draft duration (within one frame), picture and sound', async () => {
    const p = await probe(out);
    const v = p.streams.find((s) => s.codec_type === 'video');
    const a = p.streams.find((s) => s.codec_type === 'audio');
    const want = draft.d / 1000;
    assert.ok(Math.abs(Number(v?.duration) - want) <= 1 / 30 + 1e-6, `video ${v?.duration} vs ${want}`);
    assert.ok(Math.abs(Number(a?.duration) - want) <= 1 / 30 + 0.025, `audio ${a?.duration} vs ${want}`);
    assert.ok(Math.abs(Number(v?.nb_frames) - want * 30) <= 1);
  });

  it('is normalised to −14 LUFS ±1', async () => {
    const lufs = await integratedLufs(out);
    assert.ok(Math.abs(lufs + 14) <= 1, `measured ${lufs} LUFS`);
  });

  it('shows the intro card, the title over the clip, and the outro card', async () => {
    const corner = { w: 200, h: 200, x: 0, y: 0 };
    const centre = { w: 800, h: 300, x: 560, y: 390 };
    const intro = await regionLuma(out, 1.0, corner);
    assert.ok(Math.abs(intro.avg - lumaOf(CARD_COLORS.intro)) < 6, `intro corner ${intro.avg}`);
    assert.ok((await regionLuma(out, 1.0, centre)).max > 200, 'intro title text is drawn');
    const texts = (draft.t.find((t) => t.tt === 7)?.sg ?? []) as Array<{ s: number; e: number }>;
    const mid = (texts[0].s + texts[0].e) / 2000;
    const clipCorner = await regionLuma(out, mid, corner);
    assert.ok(Math.abs(clipCorner.avg - lumaOf('0x404040')) < 6, `clip corner ${clipCorner.avg}`);
    assert.ok((await regionLuma(out, mid, centre)).max > 200, 'title text over the clip');
    assert.ok((await regionLuma(out, mid + 1.0, centre)).max < 120, 'no text once the title is gone');
    const end = draft.d / 1000 - 0.5;
    const outro = await regionLuma(out, end, corner);
    assert.ok(Math.abs(outro.avg - lumaOf(CARD_COLORS.outro)) < 6, `outro corner ${outro.avg}`);
    assert.ok((await regionLuma(out, end, centre)).max > 200, 'outro text is drawn');
  });

  it('reported rising progress up to 100 and left no .part file', () => {
    assert.equal(progress[progress.length - 1], 100);
    assert.ok(progress.every((p, i) => i === 0 || p >= progress[i - 1]));
    assert.ok(progress.length > 3);
    assert.ok(!fs.existsSync(`${out}.part`));
    assert.equal(res.size, fs.statSync(out).size);
    assert.equal(res.durationMs, Math.round((Math.round((draft.d * 30) / 1000) / 30) * 1000));
  });
});

describe('renderer: 9:16 fill with a CJK title and the generated bed on a clip with no sound', function () {
  this.timeout(240000);
  let dir: string;
  let out: string;

  before(async () => {
    dir = tempDir('gy-render-tall-');
    const media = [await mediaInfo('w', await silentWideClip(dir))];
    const { draft } = await planAll(['make it 9:16 and fill the frame', "add title '城市之梦: 100%' for the first 2 seconds", 'add lo-fi BGM at 40%'], media);
    ({ out } = await render(draft, media, dir));
  });

  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('is 1080×1920, 3 s long, and filled edge to edge (no bars)', async () => {
    const p = await probe(out);
    const v = p.streams.find((s) => s.codec_type === 'video');
    assert.deepEqual([v?.width, v?.height], [1080, 1920]);
    assert.ok(Math.abs(Number(v?.duration) - 3) <= 1 / 30 + 1e-6);
    const top = await regionLuma(out, 2.5, { w: 1080, h: 100, x: 0, y: 0 });
    assert.ok(Math.abs(top.avg - lumaOf('0x606060')) < 6, `top edge ${top.avg} (black bars would be 16)`);
  });

  it('draws the Chinese title', async () => {
    assert.ok((await regionLuma(out, 1.0, { w: 1000, h: 400, x: 40, y: 760 })).max > 200);
    assert.ok((await regionLuma(out, 2.6, { w: 1000, h: 400, x: 40, y: 760 })).max < 140);
  });

  it('has the music bed at −14 LUFS ±1 although the clip itself had no audio', async () => {
    const lufs = await integratedLufs(out);
    assert.ok(Math.abs(lufs + 14) <= 1, `measured ${lufs} LUFS`);
  });
});

describe('renderer: picture and sound stay in sync through cards and cuts', function () {
  this.timeout(240000);
  let dir: string;

  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('puts the flash and the beep (3.0 s in the source) at the same output instant after a 2 s intro and a 1 s cut', async () => {
    dir = tempDir('gy-render-sync-');
    const media = [await mediaInfo('s', await syncClip(dir))];
    const { draft } = await planAll(['add an intro titled Sync for 2 seconds', 'cut from 0:01 to 0:02'], media);
    const { out } = await render(draft, media, dir);
    const flash = await firstBrightFrame(out);
    const beep = await firstSound(out);
    // Source 3.0 s − 1 s cut + 2 s intro = 4.0 s.
    assert.ok(Math.abs(flash - 4.0) <= 1 / 30 + 1e-3, `flash at ${flash}`);
    assert.ok(Math.abs(beep - 4.0) <= 0.03, `beep at ${beep}`);
    assert.ok(Math.abs(flash - beep) <= 1 / 30 + 1e-3, `flash ${flash} vs beep ${beep}`);
  });
});

describe('renderer: non-square pixels', function () {
  this.timeout(120000);
  let dir: string;

  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('shows a 320×180 SAR 2:1 clip at its true 32:9 shape (letterboxed in 16:9)', async () => {
    dir = tempDir('gy-render-sar-');
    const file = path.join(dir, 'anamorphic.mp4');
    await run(FFMPEG, ['-y', '-f', 'lavfi', '-i', 'color=c=0x808080:s=320x180:r=30:d=2,setsar=2', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', file]);
    const media = [await mediaInfo('a', file)];
    const { draft } = await planAll(['hi'], media);
    const { out } = await render(draft, media, dir);
    // 640×180 displayed → 1920×540 centred: black above y=270, grey across the middle.
    assert.ok((await regionLuma(out, 1.0, { w: 1920, h: 200, x: 0, y: 0 })).avg < 20);
    assert.ok(Math.abs((await regionLuma(out, 1.0, { w: 1920, h: 200, x: 0, y: 440 })).avg - lumaOf('0x808080')) < 6);
  });
});
