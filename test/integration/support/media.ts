// Tiny, real media files made with ffmpeg for tests that need clips in the workspace. The integration
// runner fills each run's workspace folder with these (so `vscode.workspace.workspaceFolders[0]` holds
// them); e2e tests and plain-Node tests can call createTinyMedia() on their own temp folder.
// Short and small on purpose: the machine has 2 shared cores.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export const TINY_MEDIA = {
  /** 3 s, 320x180, 30 fps, H.264 + AAC stereo 48 kHz, a 440 Hz tone. */
  landscape: 'clip-landscape.mp4',
  /** 2 s, 180x320 (9:16), 25 fps, H.264 + AAC, 660 Hz tone. */
  portrait: 'clip-portrait.mp4',
  /** 4 s mono WAV: 1 s tone, 1.5 s silence, 1.5 s tone (for silence detection). */
  speechWithPause: 'speech-with-pause.wav',
  /** A 320x180 PNG still. */
  still: 'still.png',
} as const;

export type TinyMediaName = keyof typeof TINY_MEDIA;

const FFMPEG = process.env.GY_FFMPEG ?? 'ffmpeg';
const QUIET = ['-hide_banner', '-loglevel', 'error', '-y'];
const H264 = ['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-ar', '48000', '-ac', '2'];

function ffmpeg(args: string[]): void {
  execFileSync(FFMPEG, [...QUIET, ...args], { stdio: ['ignore', 'ignore', 'pipe'], timeout: 60_000 });
}

/** Writes the TINY_MEDIA files into `dir` (created if needed) and returns their absolute paths. */
export function createTinyMedia(dir: string): Record<TinyMediaName, string> {
  fs.mkdirSync(dir, { recursive: true });
  const p = (name: TinyMediaName): string => path.join(dir, TINY_MEDIA[name]);
  ffmpeg(['-f', 'lavfi', '-i', 'testsrc2=size=320x180:rate=30:duration=3', '-f', 'lavfi', '-i', 'sine=frequency=440:duration=3',
    ...H264, '-shortest', p('landscape')]);
  ffmpeg(['-f', 'lavfi', '-i', 'testsrc=size=180x320:rate=25:duration=2', '-f', 'lavfi', '-i', 'sine=frequency=660:duration=2',
    ...H264, '-shortest', p('portrait')]);
  ffmpeg(['-f', 'lavfi', '-i', 'sine=frequency=300:duration=1', '-f', 'lavfi', '-i', 'anullsrc=r=48000:cl=mono:d=1.5',
    '-f', 'lavfi', '-i', 'sine=frequency=300:duration=1.5',
    '-filter_complex', '[0:a]aresample=48000,aformat=channel_layouts=mono[a];[2:a]aresample=48000,aformat=channel_layouts=mono[c];[a][1:a][c]concat=n=3:v=0:a=1',
    p('speechWithPause')]);
  ffmpeg(['-f', 'lavfi', '-i', 'testsrc2=size=320x180:rate=1:duration=1', '-frames:v', '1', p('still')]);
  return { landscape: p('landscape'), portrait: p('portrait'), speechWithPause: p('speechWithPause'), still: p('still') };
}
