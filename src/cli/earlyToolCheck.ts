// The ffmpeg check of a run that starts the local engine, begun by the CLI's launcher (launch.ts) before the
// CLI bundle loads, and handed to the engine when it starts instead of a second check. Loading the bundle
// keeps one core busy for ~0.1 s; the check (one ffmpeg run, ~0.25 s of CPU) meanwhile has the other core to
// itself instead of competing with the first upload's probe and silence detection.
// The launcher and the CLI are separate bundles (separate module instances), so the running check is passed
// on a global symbol: it is taken once, and only for the same ffmpeg paths.
import { parseArgs } from 'node:util';
import { type FfmpegPaths, resolveFfmpegPaths } from '../core/media/ffmpegPaths';
import { checkFfmpeg } from '../engine/render/check';
import type { ToolStatus } from '../engine/server/context';

const KEY = Symbol.for('generator-youtube.earlyToolCheck');

interface Early {
  paths: FfmpegPaths;
  status: Promise<ToolStatus>;
}

type Slot = Record<symbol, Early | undefined>;

/** Starts the check when these arguments will start the local engine (`--local`, or the `engine` command). */
export function startEarlyToolCheck(argv: string[]): void {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: argv, options: { local: { type: 'boolean' }, ffmpeg: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, strict: false, allowPositionals: true });
  } catch {
    return; // the CLI itself reports what is wrong with the arguments
  }
  const { values, positionals } = parsed;
  if (values.help === true || !(values.local === true || positionals[0] === 'engine')) return;
  const paths = resolveFfmpegPaths(typeof values.ffmpeg === 'string' ? values.ffmpeg : undefined);
  // checkFfmpeg reports failures in its result; a throw would be a bug, and the engine then checks itself.
  const status = checkFfmpeg(paths);
  status.catch(() => undefined);
  (globalThis as unknown as Slot)[KEY] = { paths, status };
}

/** The launcher's running check for these paths, once; undefined when there is none (the engine checks itself). */
export function takeEarlyToolCheck(paths: FfmpegPaths): Promise<ToolStatus> | undefined {
  const slot = globalThis as unknown as Slot;
  const early = slot[KEY];
  slot[KEY] = undefined;
  if (!early || early.paths.ffmpeg !== paths.ffmpeg || early.paths.ffprobe !== paths.ffprobe) return undefined;
  return early.status;
}
