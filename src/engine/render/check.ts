// Startup check: does this ffmpeg have every filter and encoder the renderer uses? Says exactly what is
// missing and how to install a complete build. (The 2018 build inside @ffmpeg-installer has no xfade and no
// amix normalize, so both are checked explicitly.)
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fontFor } from '../../core/media/fonts';
import { filterValue } from '../../core/media/textLayout';
import type { FfmpegPaths } from '../model';
import { rememberFfmpegVersion, versionIdentity } from './spanKeys';

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

/**
 * One tiny run that uses every required filter (and amix's normalize option) and both encoders on a few
 * generated frames: on a complete build it succeeds, and the engine's start needs one process start (0.25 s
 * of CPU) instead of five (0.6 s). Whatever makes it fail — a missing filter,
 * an old build, a broken install — sends the check to the listing below, which names exactly what is missing.
 */
export function smokeGraph(fontFile: string): string {
  const af = 'aformat=sample_fmts=fltp:sample_rates=48000:channel_layouts=stereo';
  return [
    "color=c=black:s=64x64:r=30:d=0.2,format=yuv420p,fps=30,settb=1/30,setpts=N,select='gte(n,0)',tpad=stop=2,trim=end_frame=6,scale=64:64,pad=64:64:0:0,crop=64:64,fade=t=in:d=0.1,split=2[va][vb]",
    `[va]drawtext=fontfile=${filterValue(fontFile)}:text=A[vc]`,
    '[vc][vb]xfade=transition=fade:duration=0.05:offset=0.05[vx]',
    '[vx]null,setpts=N[v1]',
    'color=c=white:s=64x64:r=30:d=0.1,format=yuv420p,settb=1/30,setpts=N[v2]',
    '[v1][v2]concat=n=2:v=1:a=0[vout]',
    `aevalsrc=0:d=0.2:s=48000,${af},asplit=2[a1][a2]`,
    `anoisesrc=d=0.2:r=48000:a=0.1,aresample=48000,${af},volume=0.5,lowpass=f=1000,aecho=0.8:0.9:10:0.3,afade=t=in:d=0.05,atrim=end_sample=4800,asetpts=PTS-STARTPTS,apad=whole_len=9600,aloop=loop=1:size=100[n]`,
    `anullsrc=r=48000:cl=stereo,atrim=end_sample=4800,${af}[z]`,
    '[a1][n]sidechaincompress[sc]',
    '[sc][a2]amix=inputs=2:normalize=0:duration=first[m]',
    '[m][z]acrossfade=d=0.01[x]',
    // aac takes 1024-sample frames; loudnorm hands out bigger ones.
    `[x]silencedetect,loudnorm=I=-14,aresample=48000,${af},asetnsamples=n=1024[aout]`,
  ].join(';\n');
}

export async function smokeTest(paths: FfmpegPaths): Promise<{ ok: boolean; version: string }> {
  let font: string;
  try {
    font = fontFor('A').path;
  } catch {
    return { ok: false, version: '' };
  }
  // On the command line (about 1.5 KB): no temporary file, so an unwritable temp folder cannot fail the check.
  // One thread each for filters and x264: the check runs while the CLI loads and the first upload is probed,
  // and its few frames gain nothing from spreading over both cores.
  const r = await run(paths.ffmpeg, ['-nostdin', '-nostats', '-filter_threads', '1', '-filter_complex_threads', '1', '-filter_complex', smokeGraph(font), '-map', '[vout]', '-c:v', 'libx264', '-preset', 'ultrafast', '-threads', '1', '-map', '[aout]', '-c:a', 'aac', '-f', 'null', '-']);
  // Its banner is the render cache's version identity too (spanKeys.ts): the first export needs no -version run.
  if (r.ok) rememberFfmpegVersion(paths.ffmpeg, versionIdentity(r.out));
  return { ok: r.ok, version: /ffmpeg version (\S+)/.exec(r.out)?.[1] ?? 'unknown' };
}

/**
 * ffprobe is only looked up here, not run: its first real run is the first upload's probe, which tells a
 * broken ffprobe from a bad file itself (ingest/probe.ts). That saves a process start (0.1 s of CPU on a
 * 2-core machine, while the user's first upload is already arriving).
 */
export async function checkFfmpeg(paths: FfmpegPaths): Promise<{ ok: boolean; missing: string[]; hint: string; version: string }> {
  const [smoke, probeFound] = await Promise.all([smokeTest(paths), findExecutable(paths.ffprobe)]);
  if (smoke.ok && probeFound) return { ok: true, missing: [], hint: installHint(), version: smoke.version };
  return listMissing(paths);
}

/** Whether `cmd` (a path, or a bare name looked up on PATH like a shell does) is an executable file. */
export async function findExecutable(cmd: string, env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): Promise<boolean> {
  const exts = platform === 'win32' ? ['', ...(env.PATHEXT ?? '.EXE;.CMD;.BAT;.COM').split(';').filter(Boolean)] : [''];
  const dirs = path.basename(cmd) !== cmd ? [''] : (env.PATH ?? '').split(path.delimiter).filter(Boolean);
  for (const dir of dirs) {
    for (const ext of exts) {
      const file = path.join(dir, cmd + ext);
      try {
        if ((await fs.promises.stat(file)).isFile()) {
          await fs.promises.access(file, fs.constants.X_OK);
          return true;
        }
      } catch {
        // not here: the next folder
      }
    }
  }
  return false;
}

/** The slow, exact check: lists filters and encoders and says which are missing. */
async function listMissing(paths: FfmpegPaths): Promise<{ ok: boolean; missing: string[]; hint: string; version: string }> {
  const hint = installHint();
  const ver = await run(paths.ffmpeg, ['-hide_banner', '-version']);
  if (!ver.ok) return { ok: false, missing: [`ffmpeg (${paths.ffmpeg} did not run)`], hint, version: '' };
  const version = /ffmpeg version (\S+)/.exec(ver.out)?.[1] ?? 'unknown';
  const missing: string[] = [];
  // The other probes are independent: run them at once.
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
