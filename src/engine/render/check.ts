// Startup check: does this ffmpeg have every filter and encoder the renderer uses? Says exactly what is
// missing and how to install a complete build. (The 2018 build inside @ffmpeg-installer has no xfade and no
// amix normalize, so both are checked explicitly.)
import { execFile } from 'node:child_process';
import { fontFor } from '../../core/media/fonts';
import type { FfmpegPaths } from '../model';

export const REQUIRED_FILTERS = [
  'xfade', 'acrossfade', 'loudnorm', 'drawtext', 'sidechaincompress', 'silencedetect', 'amix', 'aevalsrc',
  'anoisesrc', 'anullsrc', 'color', 'select', 'tpad', 'apad', 'atrim', 'trim', 'fps', 'scale', 'pad', 'crop',
  'fade', 'afade', 'concat', 'aresample', 'aformat', 'asplit', 'split', 'volume', 'lowpass', 'aecho', 'settb', 'setpts', 'asetpts', 'aloop', 'null',
];
export const REQUIRED_ENCODERS = ['libx264', 'aac'];

function run(bin: string, args: string[]): Promise<{ ok: boolean; out: string }> {
  return new Promise((resolve) => {
    execFile(bin, args, { maxBuffer: 8 * 1024 * 1024, timeout: 20000 }, (err, stdout, stderr) => {
      resolve({ ok: !err, out: `${stdout}\n${stderr}` });
    });
  });
}

export function installHint(platform: NodeJS.Platform = process.platform): string {
  if (platform === 'darwin') return 'Install ffmpeg with Homebrew: brew install ffmpeg';
  if (platform === 'win32') return 'Install ffmpeg: winget install Gyan.FFmpeg (then restart VS Code), or set generatorYoutube.ffmpegPath';
  return 'Install ffmpeg 5.1 or newer: sudo apt-get install ffmpeg (Debian/Ubuntu), sudo dnf install ffmpeg (Fedora, RPM Fusion), or set generatorYoutube.ffmpegPath';
}

export async function checkFfmpeg(paths: FfmpegPaths): Promise<{ ok: boolean; missing: string[]; hint: string; version: string }> {
  const hint = installHint();
  const ver = await run(paths.ffmpeg, ['-hide_banner', '-version']);
  if (!ver.ok) return { ok: false, missing: [`ffmpeg (${paths.ffmpeg} did not run)`], hint, version: '' };
  const version = /ffmpeg version (\S+)/.exec(ver.out)?.[1] ?? 'unknown';
  const missing: string[] = [];
  // The other probes are independent: run them at once (engine start waits on this check; one after the
  // other they cost ~0.5 s of process starts on a loaded machine, which a `generate --local` user waits).
  const [probe, filters, encoders, amix] = await Promise.all([
    run(paths.ffprobe, ['-hide_banner', '-version']),
    run(paths.ffmpeg, ['-hide_banner', '-filters']),
    run(paths.ffmpeg, ['-hide_banner', '-encoders']),
    run(paths.ffmpeg, ['-hide_banner', '-h', 'filter=amix']),
  ]);
  if (!probe.ok) missing.push(`ffprobe (${paths.ffprobe} did not run)`);
  const names = new Set(filters.out.split('\n').map((l) => /^\s*[TSC.|]{3}\s+(\S+)/.exec(l)?.[1]).filter((x): x is string => !!x));
  for (const f of REQUIRED_FILTERS) if (!names.has(f)) missing.push(`filter ${f}`);
  const encNames = new Set(encoders.out.split('\n').map((l) => /^\s*[VAS][F.][S.][X.][B.][D.]\s+(\S+)/.exec(l)?.[1]).filter((x): x is string => !!x));
  for (const e of REQUIRED_ENCODERS) if (!encNames.has(e)) missing.push(`encoder ${e}`);
  if (names.has('amix') && !/\bnormalize\b/.test(amix.out)) missing.push('amix option normalize (ffmpeg older than 5.0)');
  try {
    fontFor('A');
  } catch {
    missing.push('a font for titles (Debian/Ubuntu: fonts-dejavu-core, or set GENERATOR_YOUTUBE_FONT)');
  }
  return { ok: missing.length === 0, missing, hint, version };
}
