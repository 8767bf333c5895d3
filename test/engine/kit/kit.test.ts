// The upload kit on real exports: drafts made by the real planner from real ffmpeg-made media, rendered by
// the real renderer, then buildKit on the MP4. Checks the thumbnail files (size, bytes, dimensions, not a
// card or a black frame), captions spoken at known times that land at the right times after a trim and
// silence removal (±1 frame, measured on the export's own audio), and burned captions visible in the frames
// where they belong.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildKit, type KitResult, parseCaptions, parseKit, KIT_FIELDS } from '../../../src/core/kit';
import type { CompactDraft, MediaInfo } from '../../../src/engine/model';
import { plan } from '../../../src/engine/planner';
import { detectSilences, renderDraft } from '../../../src/engine/render';
import { CARD_COLORS } from '../../../src/engine/render/videoGraph';
import { FFMPEG, FFPROBE, mediaInfo, probe, run, tempDir } from '../../support/media';
import { lumaOf } from '../../support/measure';

process.env.GENERATOR_YOUTUBE_X264_PRESET = 'ultrafast';
const FF = { ffmpeg: FFMPEG, ffprobe: FFPROBE };

/** "Words": tone bursts at these source times (s); silence between them. */
const WORDS: Array<[number, number, string]> = [
  [1.0, 2.0, 'one'],
  [3.6, 4.6, 'the second line'],
  [6.8, 7.8, 'third words here'],
  [9.4, 10.6, 'fourth'],
  [12.2, 13.2, 'the last line'],
];

/** A 14 s 320×180 clip (moving testsrc2: sharp, well exposed) whose audio speaks WORDS. */
async function talkClip(dir: string, name = 'talk.mp4', size = '320x180'): Promise<string> {
  const out = path.join(dir, name);
  const gate = WORDS.map(([a, b]) => `between(t,${a},${b})`).join('+');
  await run(FFMPEG, ['-y', '-f', 'lavfi', '-i', `testsrc2=s=${size}:r=30:d=14`, '-f', 'lavfi', '-i', `sine=f=500:d=14,volume='if(${gate},0.6,0)':eval=frame`,
    '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-shortest', out]);
  return out;
}

function srtOf(words: typeof WORDS): string {
  const ts = (s: number): string => new Date(Math.round(s * 1000)).toISOString().slice(11, 23).replace('.', ',');
  // Written the way real files come: BOM, CRLF, numbering.
  return `\uFEFF${words.map(([a, b, t], i) => `${i + 1}\r\n${ts(a)} --> ${ts(b)}\r\n${t}\r\n`).join('\r\n')}`;
}

async function planAll(messages: string[], media: MediaInfo[]): Promise<CompactDraft> {
  let draft: CompactDraft | null = null;
  for (const message of messages) draft = (await plan(message, { draft, media, language: 'en', detectSilences: (m) => detectSilences(m.path, FFMPEG) })).draft;
  if (!draft) throw new Error('no draft');
  return draft;
}

async function render(draft: CompactDraft, media: MediaInfo[], dir: string, name: string): Promise<string> {
  const out = path.join(dir, 'exports', name);
  await renderDraft({ draft, media, outPath: out, workDir: path.join(dir, `work-${name}`), ffmpeg: FF, onProgress: () => undefined, signal: new AbortController().signal });
  return out;
}

/** The grey pixels of a region of a frame (a still image when `t` is null). */
function greyRegion(file: string, t: number | null, crop: { w: number; h: number; x: number; y: number }): Promise<Uint8Array> {
  const seek = t === null ? [] : ['-ss', t.toFixed(3)];
  return new Promise((resolve, reject) => {
    execFile(FFMPEG, ['-v', 'error', ...seek, '-i', file, '-frames:v', '1', '-vf', `crop=${crop.w}:${crop.h}:${crop.x}:${crop.y},format=gray`, '-f', 'rawvideo', 'pipe:1'],
      { encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 }, (err, stdout) => (err ? reject(err) : resolve(new Uint8Array(stdout))));
  });
}

const mean = (px: Uint8Array): number => px.reduce((a, b) => a + b, 0) / px.length;
const maxOf = (px: Uint8Array): number => px.reduce((a, b) => Math.max(a, b), 0);
const meanDiff = (a: Uint8Array, b: Uint8Array): number => a.reduce((n, v, i) => n + Math.abs(v - b[i]), 0) / a.length;

/** Times (s) where sound starts in a file: the starts of the spoken "words". */
async function soundStarts(file: string): Promise<number[]> {
  const { stderr } = await run(FFMPEG, ['-hide_banner', '-i', file, '-vn', '-af', 'silencedetect=n=-30dB:d=0.1', '-f', 'null', '-']);
  const starts = [...stderr.matchAll(/silence_end:\s*([\d.]+)/g)].map((m) => Number(m[1]));
  // Sound from the very start has no silence before it.
  return /silence_start:\s*0(?:\.0+)?\s/.test(stderr) ? starts : [0, ...starts];
}

describe('upload kit: a real 16:9 export with captions re-timed through a trim and silence removal', function () {
  this.timeout(300000);
  let dir: string;
  let out: string;
  let kit: KitResult;
  let media: MediaInfo[];
  let draft: CompactDraft;

  before(async () => {
    dir = tempDir('gy-kit-');
    const clip = await talkClip(dir);
    fs.writeFileSync(path.join(dir, 'talk.srt'), srtOf(WORDS));
    media = [await mediaInfo('m1', clip)];
    draft = await planAll(["add an intro titled 'Harbour walk' for 2 seconds", 'cut the first 3 seconds', 'remove the silences'], media);
    out = await render(draft, media, dir, 'harbour.mp4');
    kit = await buildKit({
      video: out, draft, media: media.map((m) => ({ id: m.id, filename: m.filename, duration: m.duration })),
      captionSources: [{ keys: ['talk.mp4'], path: path.join(dir, 'talk.srt') }], lang: 'en', ffmpeg: FF,
    });
  });

  it('writes the json with exactly the fields of the issue, and the page', () => {
    const json = JSON.parse(fs.readFileSync(kit.files.json, 'utf8')) as Record<string, unknown>;
    assert.deepEqual(Object.keys(json), [...KIT_FIELDS]);
    assert.ok(parseKit(fs.readFileSync(kit.files.json, 'utf8')));
    assert.equal(json.video, 'harbour.mp4');
    assert.equal(json.title, 'Harbour walk');
    assert.deepEqual(json.thumbnails, ['harbour.jpg', 'harbour.thumbnail-2.jpg', 'harbour.thumbnail-3.jpg']);
    assert.equal(json.thumbnail, 'harbour.jpg');
    assert.deepEqual(json.captions, [{ language: 'en', srt: 'harbour.srt', vtt: 'harbour.vtt' }]);
    const md = fs.readFileSync(kit.files.md, 'utf8');
    assert.match(md, /^# Harbour walk/);
    assert.match(md, /!\[Thumbnail\]\(harbour\.jpg\)/);
    // Too short for chapters (3 × 10 s): none, and the page says why instead of pretending.
    assert.deepEqual(json.chapters, []);
    assert.match(md, /No chapters: the video is shorter than 30 seconds/);
    assert.doesNotMatch(String(json.description), /0:00/);
    // Nothing is left under a temporary name.
    assert.deepEqual(fs.readdirSync(path.dirname(out)).filter((f) => /\.tmp$|\.part$/.test(f)), []);
  });

  it('makes three 1280×720 JPEG thumbnails under 2 MB, none from the intro card or a black frame', async () => {
    for (const f of kit.files.thumbnails) {
      const p = await probe(f);
      assert.equal(p.streams[0].codec_name, 'mjpeg');
      assert.equal(p.streams[0].width, 1280);
      assert.equal(p.streams[0].height, 720);
      const bytes = fs.statSync(f).size;
      assert.ok(bytes > 10_000 && bytes <= 2 * 1024 * 1024, `${f}: ${bytes} bytes`);
    }
    // The chosen frames lie inside the clip, not the 2 s intro card.
    assert.ok(kit.thumbnailTimes.every((t) => t > 2.0), `times ${kit.thumbnailTimes.join(', ')}`);
    // The picture itself (top half, above the title) is neither black nor the card's flat colour: testsrc2 varies.
    const top = await greyRegion(kit.files.thumbnails[0], null, { w: 1280, h: 360, x: 0, y: 0 });
    assert.ok(mean(top) > 40, `mean luma ${mean(top)}`);
    assert.ok(Math.abs(mean(top) - lumaOf(CARD_COLORS.intro)) > 8);
    // The title is there: white letters in the lower band where it is set.
    const band = await greyRegion(kit.files.thumbnails[0], null, { w: 1100, h: 140, x: 90, y: 520 });
    assert.ok(maxOf(band) >= 235, `title band max ${maxOf(band)}`);
  });

  it('drops the trimmed line and lands every kept line on its spoken sound in the export (±1 frame)', async () => {
    const cues = parseCaptions(fs.readFileSync(kit.files.srt!, 'utf8'));
    // "one" (1.0–2.0 s) was inside the trimmed first 3 seconds.
    assert.deepEqual(cues.map((c) => c.text), ['the second line', 'third words here', 'fourth', 'the last line']);
    const starts = await soundStarts(out);
    const frame = 1 / 30;
    for (const c of cues) {
      const nearest = starts.reduce((best, s) => (Math.abs(s - c.start) < Math.abs(best - c.start) ? s : best), Infinity);
      assert.ok(Math.abs(nearest - c.start) <= frame + 0.001, `"${c.text}" at ${c.start.toFixed(3)} s, sound starts at ${nearest.toFixed(3)} s`);
      assert.ok(Math.abs(c.end - c.start - 1) < 0.25 || c.text === 'fourth', `"${c.text}" keeps its length`);
    }
    // The VTT holds the same cues.
    assert.deepEqual(parseCaptions(fs.readFileSync(kit.files.vtt!, 'utf8')).map((c) => c.start.toFixed(3)), cues.map((c) => c.start.toFixed(3)));
  });

  it('burns the captions in: bright text in the caption area exactly while a line is shown', async () => {
    const burned = await buildKit({ video: out, draft, media: media.map((m) => ({ id: m.id, filename: m.filename })), outputCaptions: kit.files.srt!, lang: 'en', ffmpeg: FF, burnCaptions: true });
    assert.ok(burned.files.burned && fs.existsSync(burned.files.burned));
    const cues = parseCaptions(fs.readFileSync(kit.files.srt!, 'utf8'));
    // Caption area: centred, just above the bottom margin (7% of 1080 p); compared with the unburned export.
    const area = { w: 960, h: 110, x: 480, y: 900 };
    for (const c of cues.slice(0, 2)) {
      const mid = (c.start + c.end) / 2;
      const withText = await greyRegion(burned.files.burned!, mid, area);
      const plain = await greyRegion(out, mid, area);
      assert.ok(maxOf(withText) >= 230 && meanDiff(withText, plain) > 6, `"${c.text}" at ${mid}: diff ${meanDiff(withText, plain)}`);
    }
    // Between lines (here on the intro card) nothing is drawn: the frames match the plain export.
    const gap = cues[0].start - 0.5;
    const d = meanDiff(await greyRegion(burned.files.burned!, gap, area), await greyRegion(out, gap, area));
    assert.ok(d < 2, `no caption at ${gap}: diff ${d}`);
  });
});
