// Which ffmpeg/ffprobe to run: the setting `generatorYoutube.ffmpegPath` may name the ffmpeg binary or the
// folder holding both; otherwise both come from PATH.
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface FfmpegPaths {
  ffmpeg: string;
  ffprobe: string;
}

export function resolveFfmpegPaths(setting: string | undefined): FfmpegPaths {
  const s = setting?.trim();
  if (!s) return { ffmpeg: 'ffmpeg', ffprobe: 'ffprobe' };
  let isDir = false;
  try {
    isDir = fs.statSync(s).isDirectory();
  } catch {
    /* a path that does not exist yet is treated as the ffmpeg binary; checkFfmpeg reports it missing */
  }
  if (isDir) return { ffmpeg: path.join(s, 'ffmpeg'), ffprobe: path.join(s, 'ffprobe') };
  const dir = path.dirname(s);
  const base = path.basename(s);
  const probeName = base.replace(/ffmpeg/i, 'ffprobe');
  return { ffmpeg: s, ffprobe: probeName !== base ? path.join(dir, probeName) : path.join(dir, 'ffprobe') };
}
