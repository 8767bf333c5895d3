// ffprobe ingest: what a file is (video / audio / image), its size, fps, duration and audio. A file ffprobe
// cannot read, or one whose end is missing (a truncated upload whose index is at the front probes fine but
// ends early: isoBmff.ts for MP4/MOV, a decode of the end for other containers), is rejected with the
// reason, so the user learns at upload time, not at export.
import { execFile } from 'node:child_process';
import { isoBmffWalk } from './isoBmff';
import { extensionOf, kindOfExtension, type MediaKind } from './media-types';

export interface ProbedMedia {
  kind: MediaKind;
  duration: number;
  width: number;
  height: number;
  fps: number;
  hasAudio: boolean;
}

/** The file is not usable media (→ 4001 with this message). */
export class UnreadableMediaError extends Error {
  override name = 'UnreadableMediaError';
}

/** ffprobe/ffmpeg itself could not run (→ tool missing, not the user's fault). */
export class ProbeToolError extends Error {
  override name = 'ProbeToolError';
}

interface FfprobeJson {
  format?: { duration?: string; format_name?: string };
  streams?: Array<{ codec_type?: string; width?: number; height?: number; avg_frame_rate?: string; r_frame_rate?: string; duration?: string; disposition?: { attached_pic?: number } }>;
}

function exec(cmd: string, args: string[], timeoutMs: number): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { maxBuffer: 16 * 1024 * 1024, timeout: timeoutMs }, (err, stdout, stderr) => {
      if (err && (err as NodeJS.ErrnoException).code === 'ENOENT') {
        reject(new ProbeToolError(`${cmd} was not found. Install ffmpeg (Debian/Ubuntu: sudo apt-get install ffmpeg; macOS: brew install ffmpeg) or set generatorYoutube.ffmpegPath.`));
        return;
      }
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

function rate(r: string | undefined): number {
  if (!r) return 0;
  const [n, d] = r.split('/').map(Number);
  const v = d ? n / d : n;
  return Number.isFinite(v) && v > 0 && v < 1000 ? Math.round(v * 1000) / 1000 : 0;
}

/** ffmpeg's last stderr line, naming the file as the user knows it (not by its temporary path). */
function lastLine(stderr: string, file: string, displayName: string): string {
  const lines = stderr.trim().split('\n').map((l) => l.trim()).filter(Boolean);
  return (lines.pop() ?? '').replace(/^\[[^\]]*\]\s*/, '').split(file).join(displayName).slice(0, 300);
}

/** Probes `file`; `displayName` is used in messages; the extension decides images vs. video. */
export async function probeMedia(file: string, displayName: string, ffprobe: string, ffmpeg: string): Promise<ProbedMedia> {
  const extKind = kindOfExtension(extensionOf(displayName));
  // The completeness check runs beside ffprobe; its verdict counts only after ffprobe's, so the messages are
  // what they were one after the other.
  const tail: Promise<Error | null> = extKind === 'image' ? Promise.resolve(null) : checkComplete(file, displayName, ffmpeg).then(() => null, (e: Error) => e);
  const r = await exec(ffprobe, ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', file], 60_000);
  // Waited for before any verdict, so no decode outlives the request (the caller removes a refused file).
  const tailError = await tail;
  if (r.code !== 0) {
    // The engine's start only looks ffprobe up; whether it runs at all is learnt here, on the failure path:
    // a broken install must not be blamed on the user's file.
    const self = await exec(ffprobe, ['-hide_banner', '-version'], 20_000);
    if (self.code !== 0) throw new ProbeToolError(`${ffprobe} does not run (${lastLine(self.stderr, file, displayName) || `exit ${self.code}`}). Reinstall ffmpeg (Debian/Ubuntu: sudo apt-get install ffmpeg; macOS: brew install ffmpeg) or set generatorYoutube.ffmpegPath.`);
    throw new UnreadableMediaError(`"${displayName}" is not a readable media file (${lastLine(r.stderr, file, displayName) || 'ffprobe failed'}). Re-export or re-download it and upload again. / 无法读取该媒体文件。`);
  }
  const json = JSON.parse(r.stdout || '{}') as FfprobeJson;
  const streams = json.streams ?? [];
  const video = streams.find((s) => s.codec_type === 'video' && !s.disposition?.attached_pic);
  const audio = streams.find((s) => s.codec_type === 'audio');
  let kind: MediaKind;
  if (extKind === 'image') {
    if (!video) throw new UnreadableMediaError(`"${displayName}" has no image in it. / 文件中没有图像。`);
    kind = 'image';
  } else if (video) {
    kind = 'video';
  } else if (audio) {
    kind = 'audio';
  } else {
    throw new UnreadableMediaError(`"${displayName}" has no video or audio stream. / 文件中没有视频或音频。`);
  }
  const duration = kind === 'image' ? 0 : Number(json.format?.duration ?? video?.duration ?? audio?.duration ?? 0) || 0;
  if (kind !== 'image' && duration <= 0) {
    throw new UnreadableMediaError(`"${displayName}" has no measurable duration (damaged or incomplete). / 文件时长无法读取，可能已损坏。`);
  }
  if (kind !== 'image' && tailError) throw tailError;
  return {
    kind,
    duration: Math.round(duration * 1000) / 1000,
    width: video?.width ?? 0,
    height: video?.height ?? 0,
    fps: kind === 'video' ? rate(video?.avg_frame_rate) || rate(video?.r_frame_rate) : 0,
    hasAudio: Boolean(audio),
  };
}

/** A file cut short (e.g. an interrupted copy) fails here: MP4/MOV by their box sizes, others by decoding the end. */
async function checkComplete(file: string, displayName: string, ffmpeg: string): Promise<void> {
  const walk = await isoBmffWalk(file).catch(() => null);
  if (walk && !walk.complete) {
    throw new UnreadableMediaError(`"${displayName}" is incomplete or damaged (${walk.detail}). Upload the complete file. / 文件不完整或已损坏，请上传完整文件。`);
  }
  if (!walk) await checkTail(file, displayName, ffmpeg);
}

/** Decodes the last second: a file cut short fails here with "partial file". */
async function checkTail(file: string, displayName: string, ffmpeg: string): Promise<void> {
  const r = await exec(ffmpeg, ['-hide_banner', '-nostdin', '-v', 'error', '-sseof', '-1', '-i', file, '-f', 'null', '-'], 60_000);
  if (r.code !== 0 || /partial file|moov atom not found|Invalid data found/i.test(r.stderr)) {
    throw new UnreadableMediaError(`"${displayName}" is incomplete or damaged (${lastLine(r.stderr, file, displayName) || 'decode failed'}). Upload the complete file. / 文件不完整或已损坏，请上传完整文件。`);
  }
}
