// Tiny real media for renderer tests, made by ffmpeg in a temp folder, and the ffprobe/ffmpeg measurements
// the tests assert on (stream facts, loudness, frame luma in a region).
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { MediaInfo } from '../../../src/engine/model';

export const FFMPEG = '/usr/bin/ffmpeg';
export const FFPROBE = '/usr/bin/ffprobe';

export function sh(bin: string, args: string[]): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(bin, args, { maxBuffer: 32 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${path.basename(bin)} failed: ${stderr.split('\n').filter(Boolean).slice(-3).join(' | ')}`));
      else resolve({ stdout, stderr });
    });
  });
}

export function tempDir(tag: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `gy-render-${tag}-`));
}

const ENC = ['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-shortest'];

/** A flat grey 320×180 clip (luma easy to tell from the cards) with a 440 Hz tone that is silent from 1.5 to 3.0 s. */
export async function speechClip(dir: string, name = 'speech.mp4', seconds = 5): Promise<string> {
  const out = path.join(dir, name);
  await sh(FFMPEG, ['-y', '-f', 'lavfi', '-i', `color=c=0x404040:s=320x180:r=30:d=${seconds}`, '-f', 'lavfi', '-i',
    `sine=f=440:d=${seconds},volume='if(between(t,1.5,3.0),0,0.5)':eval=frame`, ...ENC, out]);
  return out;
}

/** A vertical 180×320 testsrc clip with a steady tone. */
export async function verticalClip(dir: string, name = 'vertical.mp4', seconds = 3): Promise<string> {
  const out = path.join(dir, name);
  await sh(FFMPEG, ['-y', '-f', 'lavfi', '-i', `testsrc2=s=180x320:r=30:d=${seconds}`, '-f', 'lavfi', '-i', `sine=f=330:d=${seconds}`, ...ENC, out]);
  return out;
}

/** A landscape grey clip with no audio stream at all. */
export async function silentWideClip(dir: string, name = 'wide.mp4', seconds = 3): Promise<string> {
  const out = path.join(dir, name);
  await sh(FFMPEG, ['-y', '-f', 'lavfi', '-i', `color=c=0x606060:s=320x180:r=30:d=${seconds}`, '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', out]);
  return out;
}

export async function musicFile(dir: string, name = 'music.wav', seconds = 4): Promise<string> {
  const out = path.join(dir, name);
  await sh(FFMPEG, ['-y', '-f', 'lavfi', '-i', `sine=f=220:d=${seconds}`, '-ac', '2', out]);
  return out;
}

interface ProbeStream {
  codec_type: string;
  codec_name: string;
  profile?: string;
  pix_fmt?: string;
  width?: number;
  height?: number;
  r_frame_rate?: string;
  sample_rate?: string;
  channels?: number;
  duration?: string;
  nb_frames?: string;
  color_primaries?: string;
  color_transfer?: string;
  color_space?: string;
}

export async function probe(file: string): Promise<{ streams: ProbeStream[]; format: { duration: string; format_name: string } }> {
  const { stdout } = await sh(FFPROBE, ['-v', 'error', '-show_streams', '-show_format', '-of', 'json', file]);
  return JSON.parse(stdout);
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

/** Integrated loudness (LUFS) of a file's audio, measured by ebur128. */
export async function integratedLufs(file: string): Promise<number> {
  const { stderr } = await sh(FFMPEG, ['-hide_banner', '-nostats', '-i', file, '-vn', '-af', 'ebur128', '-f', 'null', '-']);
  const summary = stderr.slice(stderr.lastIndexOf('Summary:'));
  const m = /I:\s*(-?[\d.]+) LUFS/.exec(summary);
  if (!m) throw new Error('no loudness summary');
  return Number(m[1]);
}

/** Mean and max luma (8-bit) of a region of the frame shown at `t` seconds. */
export async function regionLuma(file: string, t: number, crop: { w: number; h: number; x: number; y: number }): Promise<{ avg: number; max: number }> {
  const { stdout } = await sh(FFMPEG, ['-hide_banner', '-ss', t.toFixed(3), '-i', file, '-frames:v', '1', '-vf',
    `crop=${crop.w}:${crop.h}:${crop.x}:${crop.y},signalstats,metadata=print:file=-`, '-f', 'null', '-']);
  const avg = /lavfi\.signalstats\.YAVG=([\d.]+)/.exec(stdout);
  const max = /lavfi\.signalstats\.YMAX=([\d.]+)/.exec(stdout);
  if (!avg || !max) throw new Error(`no signalstats at ${t}s`);
  return { avg: Number(avg[1]), max: Number(max[1]) };
}

/** The 8-bit limited-range luma of a 0xRRGGBB colour, bt709 (what a card of that colour should measure). */
export function lumaOf(hex: string): number {
  const n = parseInt(hex.replace(/^0x|^#/, ''), 16);
  const r = (n >> 16) & 255;
  const g = (n >> 8) & 255;
  const b = n & 255;
  return 16 + ((0.2126 * r + 0.7152 * g + 0.0722 * b) * 219) / 255;
}

/** A black clip with a white flash and a 1 kHz beep at the same instant (`at` seconds): an A/V sync probe. */
export async function syncClip(dir: string, at = 3, seconds = 6, name = 'sync.mp4'): Promise<string> {
  const out = path.join(dir, name);
  await sh(FFMPEG, ['-y', '-f', 'lavfi', '-i', `color=c=black:s=320x180:r=30:d=${seconds},drawbox=c=white:t=fill:enable='between(t,${at},${at + 0.09})'`,
    '-f', 'lavfi', '-i', `sine=f=1000:d=${seconds},volume='if(between(t,${at},${at + 0.1}),0.8,0)':eval=frame`, ...ENC, out]);
  return out;
}

/** Time (s) of the first frame whose mean luma is above 100 (the flash). */
export async function firstBrightFrame(file: string): Promise<number> {
  const { stdout } = await sh(FFMPEG, ['-hide_banner', '-i', file, '-an', '-vf', 'scale=160:90,signalstats,metadata=print:file=-', '-f', 'null', '-']);
  let t = -1;
  for (const line of stdout.split('\n')) {
    const pts = /pts_time:([\d.]+)/.exec(line);
    if (pts) t = Number(pts[1]);
    const y = /lavfi\.signalstats\.YAVG=([\d.]+)/.exec(line);
    if (y && Number(y[1]) > 100) return t;
  }
  throw new Error('no flash found');
}

/** Time (s) where the audio first rises above −30 dBFS (the beep). */
export async function firstSound(file: string): Promise<number> {
  const { stderr } = await sh(FFMPEG, ['-hide_banner', '-i', file, '-vn', '-af', 'silencedetect=n=-30dB:d=0.02', '-f', 'null', '-']);
  const m = /silence_end:\s*([\d.]+)/.exec(stderr);
  if (!m) throw new Error('no sound found');
  return Number(m[1]);
}
