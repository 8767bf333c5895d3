// Measurements for the span render tests: per-frame PSNR (ffmpeg's psnr filter), decoded audio, packet
// times, MP4 box order and the H.264 parameter sets of a file.
import * as fs from 'node:fs';
import { execFile } from 'node:child_process';
import { FFMPEG, FFPROBE, run } from '../../support/media';

/** PSNR (dB, luma+chroma average) of every frame of `b` against `a`; Infinity for identical frames. */
export async function framePsnr(a: string, b: string): Promise<number[]> {
  const { stdout } = await run(FFMPEG, ['-hide_banner', '-i', a, '-i', b, '-lavfi', '[0:v][1:v]psnr=stats_file=-', '-f', 'null', '-']);
  return stdout.split('\n').filter((l) => l.includes('psnr_avg:')).map((l) => {
    const v = /psnr_avg:(\S+)/.exec(l)?.[1] ?? '0';
    return v === 'inf' ? Infinity : Number(v);
  });
}

/** Mono float samples at 48 kHz (a mix of both channels). */
export function decodeMono(file: string): Promise<Float32Array> {
  return new Promise((resolve, reject) => {
    execFile(FFMPEG, ['-v', 'error', '-i', file, '-vn', '-ac', '1', '-ar', '48000', '-f', 'f32le', '-'], { encoding: 'buffer', maxBuffer: 256 * 1024 * 1024 }, (err, stdout) => {
      if (err) reject(err);
      else resolve(new Float32Array(stdout.buffer, stdout.byteOffset, Math.floor(stdout.length / 4)));
    });
  });
}

/** Presentation times (s) of the video packets, in file order. */
export async function videoPacketTimes(file: string): Promise<number[]> {
  const { stdout } = await run(FFPROBE, ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'packet=pts_time', '-of', 'csv=p=0', file]);
  return stdout.split('\n').filter(Boolean).map(Number);
}

export function mp4TopLevelBoxes(file: string): string[] {
  const buf = fs.readFileSync(file);
  const out: string[] = [];
  let at = 0;
  while (at + 8 <= buf.length) {
    let size = buf.readUInt32BE(at);
    if (size === 1) size = Number(buf.readBigUInt64BE(at + 8));
    out.push(buf.toString('latin1', at + 4, at + 8));
    if (size < 8) break;
    at += size;
  }
  return out;
}

/** The SPS (type 7) and PPS (type 8) NAL units of a file's first keyframe, hex. */
export async function h264ParameterSets(file: string): Promise<string[]> {
  const annexB = await new Promise<Buffer>((resolve, reject) => {
    execFile(FFMPEG, ['-v', 'error', '-i', file, '-map', '0:v:0', '-frames:v', '1', '-c', 'copy', '-bsf:v', 'h264_mp4toannexb', '-f', 'h264', '-'], { encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 }, (err, stdout) => {
      if (err) reject(err);
      else resolve(stdout);
    });
  });
  const starts: number[] = [];
  for (let i = 0; i + 3 < annexB.length; i++) if (annexB[i] === 0 && annexB[i + 1] === 0 && annexB[i + 2] === 1) starts.push(i + 3);
  const sets: string[] = [];
  starts.forEach((s, k) => {
    const type = annexB[s] & 0x1f;
    if (type !== 7 && type !== 8) return;
    let end = k + 1 < starts.length ? starts[k + 1] - 3 : annexB.length;
    while (end > s && annexB[end - 1] === 0) end--;
    sets.push(`${type}:${annexB.subarray(s, end).toString('hex')}`);
  });
  if (sets.length < 2) throw new Error(`no SPS/PPS found in ${file}`);
  return sets;
}
