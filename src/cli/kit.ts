// The upload kit in the CLI: made by the core's export flow after every `generate`/`export` download (unless
// --no-kit) and again on `generator-youtube kit [render-id]`. The paths are printed one per line; --json gets
// a `kit` event.
import * as path from 'node:path';
import { type ExportKitOptions, kitForJob, KitUnavailableError, type KitResult, NemoError, type RenderJob, resolveFfmpegPaths, type SavedExport } from '../core/index';
import { m } from './messages';
import type { StepContext } from './steps';

export interface CliKitOptions {
  /** false with --no-kit. */
  enabled: boolean;
  /** --ffmpeg (binary or folder); else PATH. */
  ffmpeg?: string;
  /** --burn-captions: also write `<stem>.captioned.mp4`. */
  burn?: boolean;
  /** --captions FILE: captions already in the video's time (an edited kit .srt) for `kit`. */
  captions?: string;
}

function ffmpegSetting(opts: CliKitOptions): string | undefined {
  return opts.ffmpeg ?? process.env.GENERATOR_YOUTUBE_FFMPEG;
}

function whisperSetting(): { bin?: string; model?: string } {
  return { bin: process.env.GENERATOR_YOUTUBE_WHISPER_CLI, model: process.env.GENERATOR_YOUTUBE_WHISPER_MODEL };
}

function kitFailure(ctx: StepContext, e: unknown): unknown {
  if (e instanceof KitUnavailableError) return new NemoError({ kind: 'bad-input', userMessage: m(ctx.lang, 'kitNoVideo', { detail: e.message }), action: { id: 'none', label: '' } });
  return e;
}

/** The kit options for the core's export flow (Workflow.saveExport), or false with --no-kit. */
export function exportKitOptions(ctx: StepContext, opts: CliKitOptions | undefined): ExportKitOptions | false {
  if (!opts?.enabled) return false;
  return {
    ffmpeg: ffmpegSetting(opts),
    whisper: whisperSetting(),
    burn: opts.burn,
    onProgress: (what, p) => ctx.out.progress(m(ctx.lang, what === 'burn' ? 'kitBurning' : 'kitMaking'), p === undefined ? undefined : p / 100),
  };
}

/** Prints the kit the export flow made (or throws why it could not be made: the video is saved already). */
export function reportKit(ctx: StepContext, saved: SavedExport): void {
  ctx.out.done();
  if (saved.kitError !== undefined) throw kitFailure(ctx, saved.kitError);
  if (saved.kit) printKit(ctx, saved.kit);
}

function printKit(ctx: StepContext, res: KitResult): void {
  const { out, lang } = ctx;
  const f = res.files;
  const paths = [f.json, f.md, ...f.thumbnails, f.srt, f.vtt, f.burned].filter((p): p is string => !!p);
  out.line(m(lang, 'kitWritten'));
  for (const p of paths) out.line(`  ${p}`);
  for (const n of res.notices) out.line(n);
  out.event('kit', { files: f, kit: res.kit, notices: res.notices });
}

/** The kit again for a downloaded job (`kit` command): optionally from an edited caption file. */
export async function writeKit(ctx: StepContext, job: RenderJob, opts: CliKitOptions): Promise<KitResult> {
  const { out, lang, backend } = ctx;
  out.progress(m(lang, 'kitMaking'), undefined);
  let res: KitResult;
  try {
    res = await kitForJob(backend.workflow.kitDeps(), job, {
      lang,
      ffmpeg: resolveFfmpegPaths(ffmpegSetting(opts)),
      whisper: whisperSetting(),
      burn: opts.burn,
      outputCaptions: opts.captions ? path.resolve(opts.captions) : undefined,
      signal: ctx.signal,
      onProgress: (what, p) => out.progress(m(lang, what === 'burn' ? 'kitBurning' : 'kitMaking'), p === undefined ? undefined : p / 100),
    });
  } catch (e) {
    out.done();
    throw kitFailure(ctx, e);
  }
  out.done();
  printKit(ctx, res);
  return res;
}

/** `kit [render-id]`: the kit again for a downloaded render (default: the newest one). */
export async function kitCmd(ctx: StepContext, renderId: string | undefined, opts: CliKitOptions): Promise<void> {
  const jobs = ctx.backend.workflow.renderJobs().filter((j) => j.status === 'completed' && j.localPath);
  const job = renderId ? jobs.find((j) => j.id === renderId) : jobs[0];
  if (!job) {
    throw new NemoError({ kind: 'bad-input', userMessage: renderId ? m(ctx.lang, 'kitUnknownRender', { id: renderId }) : m(ctx.lang, 'kitNoRender'), action: { id: 'none', label: '' } });
  }
  await writeKit(ctx, job, { ...opts, enabled: true });
}
