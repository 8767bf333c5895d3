// The cloud backend has no preview endpoint, so its preview is the session's most recent finished export:
// transcoded on this machine to the same WebM VP8 + Vorbis proxy (desktop VS Code's webviews play no AAC,
// so an MP4 export would play silent), with filmstrip and peaks. Without ffmpeg the export itself is put
// in the preview folder (webviews may only load from there) and plays without sound — the UI says so.
// Keyed by the export file (path, size, mtime): reopening reuses the transcode.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { FfmpegPaths } from '../media/ffmpegPaths';
import { runFfmpeg } from '../media/ffmpegRun';
import { extractArtifacts } from '../media/proxyArtifacts';
import { PROXY_SETTINGS, proxyEncodeArgs } from '../media/proxyProfile';
import { parseManifest, type PreviewManifest } from '../../shared/previewManifest';

export interface ExportPreview {
  key: string;
  dir: string;
  /** proxy.webm (transcoded) or export.mp4 (as is, no ffmpeg). */
  videoPath: string;
  /** Present when transcoded (filmstrip + peaks). */
  manifest?: PreviewManifest;
  filmstripPath?: string;
  /** False when the export plays as is: its AAC sound is not decoded by VS Code's webviews. */
  sound: boolean;
  reused: boolean;
}

function ffprobeJson(ffprobe: string, file: string): Promise<{ streams?: Array<{ codec_type?: string; width?: number; height?: number }>; format?: { duration?: string } }> {
  return new Promise((resolve, reject) => {
    execFile(ffprobe, ['-v', 'error', '-show_entries', 'stream=codec_type,width,height:format=duration', '-of', 'json', file], { timeout: 20_000 }, (err, stdout) => {
      if (err) reject(err);
      else resolve(JSON.parse(stdout) as never);
    });
  });
}

/** True when `ffmpeg -version` runs. */
export function ffmpegRuns(ffmpeg: string): Promise<boolean> {
  return new Promise((resolve) => execFile(ffmpeg, ['-hide_banner', '-version'], { timeout: 10_000 }, (err) => resolve(!err)));
}

export function exportKey(file: string): string {
  const st = fs.statSync(file);
  return createHash('sha256').update(JSON.stringify({ file: path.resolve(file), size: st.size, mtime: Math.floor(st.mtimeMs), v: PROXY_SETTINGS.version })).digest('hex').slice(0, 32);
}

export async function previewFromExport(
  exportPath: string,
  root: string,
  ffmpeg: FfmpegPaths | null,
  opts: { signal?: AbortSignal; onProgress?(percent: number): void; durationSec?: number } = {},
): Promise<ExportPreview> {
  const key = exportKey(exportPath);
  const dir = path.join(root, key);
  if (!ffmpeg) {
    const videoPath = path.join(dir, 'export.mp4');
    if (fs.existsSync(videoPath)) return { key, dir, videoPath, sound: false, reused: true };
    await fs.promises.mkdir(dir, { recursive: true });
    // A hard link costs nothing; across file systems, a copy.
    await fs.promises.link(exportPath, `${videoPath}.part`).catch(() => fs.promises.copyFile(exportPath, `${videoPath}.part`));
    await fs.promises.rename(`${videoPath}.part`, videoPath);
    return { key, dir, videoPath, sound: false, reused: false };
  }
  const manifestPath = path.join(dir, 'manifest.json');
  const videoPath = path.join(dir, 'proxy.webm');
  const filmstripPath = path.join(dir, 'filmstrip.jpg');
  const manifest = fs.existsSync(manifestPath) && fs.existsSync(videoPath) ? parseManifest(fs.readFileSync(manifestPath, 'utf8')) : undefined;
  if (manifest) {
    return { key, dir, videoPath, manifest, filmstripPath, sound: true, reused: true };
  }
  const part = `${dir}.part`;
  await fs.promises.rm(part, { recursive: true, force: true });
  await fs.promises.mkdir(part, { recursive: true });
  try {
    const proxy = path.join(part, 'proxy.webm');
    const short = PROXY_SETTINGS.shortSide;
    await runFfmpeg(ffmpeg.ffmpeg, [
      '-i', exportPath,
      '-vf', `scale='if(gt(iw,ih),-2,min(${short},iw))':'if(gt(iw,ih),min(${short},ih),-2)',format=yuv420p`,
      ...proxyEncodeArgs(0, 0, 30, Math.min(4, os.cpus().length)),
      proxy,
    ], { signal: opts.signal, totalSeconds: opts.durationSec, onProgress: opts.onProgress ? (p) => opts.onProgress?.(p * 0.95) : undefined });
    const info = await ffprobeJson(ffmpeg.ffprobe, proxy);
    const v = info.streams?.find((s) => s.codec_type === 'video');
    const durationSec = Number(info.format?.duration ?? 0);
    const { filmstrip, peaks } = await extractArtifacts(ffmpeg.ffmpeg, proxy, part, { durationSec, width: v?.width ?? 640, height: v?.height ?? 360 }, opts.signal);
    const manifest: PreviewManifest = {
      key, durationMs: Math.round(durationSec * 1000), width: v?.width ?? 0, height: v?.height ?? 0, fps: 30, size: fs.statSync(proxy).size,
      filmstrip: { count: filmstrip.count, stepSec: filmstrip.stepSec, tileWidth: filmstrip.tileWidth, tileHeight: filmstrip.tileHeight }, peaks,
    };
    await fs.promises.writeFile(path.join(part, 'manifest.json'), JSON.stringify(manifest));
    await fs.promises.rm(dir, { recursive: true, force: true });
    await fs.promises.rename(part, dir);
    opts.onProgress?.(100);
    return { key, dir, videoPath, manifest, filmstripPath, sound: true, reused: false };
  } catch (e) {
    await fs.promises.rm(part, { recursive: true, force: true }).catch(() => undefined);
    throw e;
  }
}
