// Real test media, made by ffmpeg (testsrc / sine / aevalsrc) into a temp folder once per test run.
// Every engine, renderer and contract test that needs footage gets it from here, so clips stay small
// (2–6 s, 320×180) and are generated only once per process, whichever test asks first.
//
//   const m = await testMedia();           // all standard files (cached)
//   m.clip, m.clip2, m.silences, m.vertical, m.music, m.tone, m.still
//   await badMedia()                        // truncated MP4, zero-byte file, text named .mp4
//   await probe(path)                       // ffprobe JSON (format + streams) of any output
//   await speechClip(dir) …                 // named clips the renderer tests need in their own folder
//   await mediaInfo(id, path)               // MediaInfo as the engine's ingest makes it
// Measurements of outputs (loudness, luma, colour, sync) are in ./measure.ts.
import { execFile, execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { MediaInfo } from '../../src/engine/model';

export const FFMPEG = process.env.FFMPEG_PATH || 'ffmpeg';
export const FFPROBE = process.env.FFPROBE_PATH || 'ffprobe';

/** The absolute path of a tool as the shell finds it (for scripted wrappers that exec the real one). */
export function toolPath(tool: string): string {
  return execFileSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).trim();
}

/** Where the silent gaps of `silences` are, in seconds: the tone plays while (t mod 3) < 1.5. */
export const SILENCE_CLIP_GAPS: ReadonlyArray<readonly [number, number]> = [[1.5, 3], [4.5, 6]];

export interface TestMedia {
  dir: string;
  /** 3 s, 320×180, 30 fps, H.264 + AAC 440 Hz tone. */
  clip: string;
  /** 4 s, 320×180, 25 fps, testsrc2 + AAC 660 Hz tone (mixed fps with `clip`). */
  clip2: string;
  /** 6 s, 320×180, 30 fps; tone for 1.5 s then 1.5 s of digital silence, twice (see SILENCE_CLIP_GAPS). */
  silences: string;
  /** 3 s, 180×320 (portrait), 30 fps, with audio. */
  vertical: string;
  /** 5 s stereo MP3 "music" (two tones). */
  music: string;
  /** 2 s mono WAV tone. */
  tone: string;
  /** 320×180 PNG still. */
  still: string;
}

export interface BadMedia {
  /** An MP4 with its moov atom cut off (the first third of a valid file). */
  truncatedMp4: string;
  /** A +faststart MP4 (index first) cut to 40 %: ffprobe reads it, but its end is missing. */
  truncatedFaststartMp4: string;
  /** An empty file named .mp4. */
  zeroByte: string;
  /** Plain text with a .mp4 name. */
  textAsMp4: string;
  /** A real, valid WebM whose extension is not on the accepted list (.flv). */
  wrongExtension: string;
}

export function run(cmd: string, args: string[]): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${cmd} ${args.join(' ')} failed: ${stderr.trim().split('\n').slice(-3).join(' | ') || err.message}`));
      else resolve({ stdout, stderr });
    });
  });
}

const x264 = ['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p'];
const aac = ['-c:a', 'aac', '-b:a', '96k'];

async function makeAll(dir: string): Promise<TestMedia> {
  const f = (name: string) => path.join(dir, name);
  const m: TestMedia = {
    dir,
    clip: f('clip.mp4'),
    clip2: f('clip2.mp4'),
    silences: f('talk-with-silences.mp4'),
    vertical: f('vertical.mp4'),
    music: f('music.mp3'),
    tone: f('tone.wav'),
    still: f('still.png'),
  };
  const ff = (args: string[]) => run(FFMPEG, ['-v', 'error', '-y', ...args]);
  // Sequential on purpose: the machine has 2 cores shared with other test runs.
  await ff(['-f', 'lavfi', '-i', 'testsrc=size=320x180:rate=30:duration=3', '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000:duration=3',
    ...x264, ...aac, '-shortest', m.clip]);
  await ff(['-f', 'lavfi', '-i', 'testsrc2=size=320x180:rate=25:duration=4', '-f', 'lavfi', '-i', 'sine=frequency=660:sample_rate=48000:duration=4',
    ...x264, ...aac, '-shortest', m.clip2]);
  await ff(['-f', 'lavfi', '-i', 'testsrc=size=320x180:rate=30:duration=6',
    '-f', 'lavfi', '-i', "aevalsrc='0.5*sin(2*PI*440*t)*lt(mod(t,3),1.5)':s=48000:d=6",
    ...x264, ...aac, '-shortest', m.silences]);
  await ff(['-f', 'lavfi', '-i', 'testsrc=size=180x320:rate=30:duration=3', '-f', 'lavfi', '-i', 'sine=frequency=550:sample_rate=48000:duration=3',
    ...x264, ...aac, '-shortest', m.vertical]);
  await ff(['-f', 'lavfi', '-i', "aevalsrc='0.3*sin(2*PI*220*t)|0.3*sin(2*PI*330*t)':s=44100:d=5", '-c:a', 'libmp3lame', '-b:a', '128k', m.music]);
  await ff(['-f', 'lavfi', '-i', 'sine=frequency=880:sample_rate=48000:duration=2', m.tone]);
  await ff(['-f', 'lavfi', '-i', 'testsrc=size=320x180:rate=1:duration=1', '-frames:v', '1', m.still]);
  return m;
}

let cached: Promise<TestMedia> | undefined;
let cachedDir: string | undefined;

// Every temp folder made here is removed when the test process exits (one exit listener for all of them).
const toRemove = new Set<string>();
process.once('exit', () => {
  for (const dir of toRemove) fs.rmSync(dir, { recursive: true, force: true });
});

function mediaDir(): string {
  if (!cachedDir) {
    cachedDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gy-test-media-'));
    toRemove.add(cachedDir);
  }
  return cachedDir;
}

/** The standard media set, generated on first use and cached for the rest of the run. */
export function testMedia(): Promise<TestMedia> {
  if (!cached) {
    cached = makeAll(mediaDir());
    cached.catch(() => { cached = undefined; });
  }
  return cached;
}

let cachedBad: Promise<BadMedia> | undefined;

/** Broken inputs for [bad-input] tests. */
export function badMedia(): Promise<BadMedia> {
  if (!cachedBad) {
    cachedBad = (async () => {
      const m = await testMedia();
      const dir = path.join(m.dir, 'bad');
      fs.mkdirSync(dir, { recursive: true });
      const whole = fs.readFileSync(m.clip);
      // clip.mp4 is written without +faststart, so its moov atom sits at the end: a prefix has none.
      const truncatedMp4 = path.join(dir, 'truncated.mp4');
      fs.writeFileSync(truncatedMp4, whole.subarray(0, Math.floor(whole.length / 3)));
      const faststart = path.join(dir, 'faststart.mp4');
      await run(FFMPEG, ['-v', 'error', '-y', '-i', m.clip, '-c', 'copy', '-movflags', '+faststart', faststart]);
      const fsWhole = fs.readFileSync(faststart);
      const truncatedFaststartMp4 = path.join(dir, 'truncated-faststart.mp4');
      fs.writeFileSync(truncatedFaststartMp4, fsWhole.subarray(0, Math.floor(fsWhole.length * 0.4)));
      const zeroByte = path.join(dir, 'empty.mp4');
      fs.writeFileSync(zeroByte, '');
      const textAsMp4 = path.join(dir, 'notes.mp4');
      fs.writeFileSync(textAsMp4, 'This is not a video, just some notes.\n'.repeat(50));
      const wrongExtension = path.join(dir, 'clip.flv');
      await run(FFMPEG, ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc=size=160x90:rate=10:duration=1', '-c:v', 'flv1', '-f', 'flv', wrongExtension]);
      return { truncatedMp4, truncatedFaststartMp4, zeroByte, textAsMp4, wrongExtension };
    })();
    cachedBad.catch(() => { cachedBad = undefined; });
  }
  return cachedBad;
}

/** A scratch folder for one test (e.g. an engine data folder), removed at process exit. */
export function tempDir(prefix = 'gy-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  toRemove.add(dir);
  return dir;
}

export interface ProbeStream {
  index: number;
  codec_type: string;
  codec_name: string;
  profile?: string;
  width?: number;
  height?: number;
  pix_fmt?: string;
  r_frame_rate?: string;
  avg_frame_rate?: string;
  sample_rate?: string;
  channels?: number;
  color_primaries?: string;
  color_transfer?: string;
  color_space?: string;
  duration?: string;
  nb_frames?: string;
}

export interface ProbeResult {
  format: { format_name: string; duration?: string; size: string; bit_rate?: string };
  streams: ProbeStream[];
}

/** ffprobe's JSON for a file (format + streams). */
export async function probe(file: string): Promise<ProbeResult> {
  const { stdout } = await run(FFPROBE, ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', file]);
  return JSON.parse(stdout) as ProbeResult;
}

/** "30000/1001" → 29.97 */
export function parseRate(rate: string | undefined): number {
  if (!rate) return 0;
  const [n, d] = rate.split('/').map(Number);
  return d ? n / d : n;
}

// Named clips for renderer tests, written into the test's own folder (each test shapes what it measures).
const CLIP_ENC = [...x264, '-c:a', 'aac', '-shortest'];

/** A flat grey 320×180 clip (luma easy to tell from the cards) with a 440 Hz tone that is silent from 1.5 to 3.0 s. */
export async function speechClip(dir: string, name = 'speech.mp4', seconds = 5): Promise<string> {
  const out = path.join(dir, name);
  await run(FFMPEG, ['-y', '-f', 'lavfi', '-i', `color=c=0x404040:s=320x180:r=30:d=${seconds}`, '-f', 'lavfi', '-i',
    `sine=f=440:d=${seconds},volume='if(between(t,1.5,3.0),0,0.5)':eval=frame`, ...CLIP_ENC, out]);
  return out;
}

/** A vertical 180×320 testsrc clip with a steady tone. */
export async function verticalClip(dir: string, name = 'vertical.mp4', seconds = 3): Promise<string> {
  const out = path.join(dir, name);
  await run(FFMPEG, ['-y', '-f', 'lavfi', '-i', `testsrc2=s=180x320:r=30:d=${seconds}`, '-f', 'lavfi', '-i', `sine=f=330:d=${seconds}`, ...CLIP_ENC, out]);
  return out;
}

/** A landscape grey clip with no audio stream at all. */
export async function silentWideClip(dir: string, name = 'wide.mp4', seconds = 3): Promise<string> {
  const out = path.join(dir, name);
  await run(FFMPEG, ['-y', '-f', 'lavfi', '-i', `color=c=0x606060:s=320x180:r=30:d=${seconds}`, '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', out]);
  return out;
}

export async function musicFile(dir: string, name = 'music.wav', seconds = 4): Promise<string> {
  const out = path.join(dir, name);
  await run(FFMPEG, ['-y', '-f', 'lavfi', '-i', `sine=f=220:d=${seconds}`, '-ac', '2', out]);
  return out;
}

/** A black clip with a white flash and a 1 kHz beep at the same instant (`at` seconds): an A/V sync probe. */
export async function syncClip(dir: string, at = 3, seconds = 6, name = 'sync.mp4'): Promise<string> {
  const out = path.join(dir, name);
  await run(FFMPEG, ['-y', '-f', 'lavfi', '-i', `color=c=black:s=320x180:r=30:d=${seconds},drawbox=c=white:t=fill:enable='between(t,${at},${at + 0.09})'`,
    '-f', 'lavfi', '-i', `sine=f=1000:d=${seconds},volume='if(between(t,${at},${at + 0.1}),0.8,0)':eval=frame`, ...CLIP_ENC, out]);
  return out;
}

/** MediaInfo as the server's ingest would make it (the fields the planner and renderer read). */
export async function mediaInfo(id: string, file: string): Promise<MediaInfo> {
  const p = await probe(file);
  const v = p.streams.find((s) => s.codec_type === 'video');
  const a = p.streams.find((s) => s.codec_type === 'audio');
  const [num, den] = (v?.r_frame_rate ?? '0/1').split('/').map(Number);
  return {
    id, filename: path.basename(file), path: file, kind: v ? 'video' : 'audio', duration: Number(p.format.duration),
    width: v?.width ?? 0, height: v?.height ?? 0, fps: den ? num / den : 0, hasAudio: !!a, hash: '', size: fs.statSync(file).size, url: '',
  };
}

/**
 * The span tests' two sources: `a.mp4` (testsrc2 at 30 fps, a sweeping tone, GOP 45) and `b.mp4` (testsrc at
 * 25 fps, so it is resampled to the output grid, a 660 Hz tone, GOP 50), both `width`×`height`, in `dir`.
 */
export async function spanSources(dir: string, width: number, height: number, aSeconds: number, bSeconds: number): Promise<{ a: string; b: string }> {
  const a = path.join(dir, 'a.mp4');
  const b = path.join(dir, 'b.mp4');
  const s = `${width}x${height}`;
  await run(FFMPEG, ['-y', '-f', 'lavfi', '-i', `testsrc2=s=${s}:r=30:d=${aSeconds}`, '-f', 'lavfi', '-i', `aevalsrc='0.3*sin(2*PI*(200+40*t)*t)':s=48000:d=${aSeconds}`,
    '-c:v', 'libx264', '-preset', 'ultrafast', '-g', '45', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-shortest', a]);
  await run(FFMPEG, ['-y', '-f', 'lavfi', '-i', `testsrc=s=${s}:r=25:d=${bSeconds}`, '-f', 'lavfi', '-i', `sine=f=660:d=${bSeconds}`,
    '-c:v', 'libx264', '-preset', 'ultrafast', '-g', '50', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-shortest', b]);
  return { a, b };
}
