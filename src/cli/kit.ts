// The upload kit in the CLI: made after every `generate`/`export` download (unless --no-kit) and again on
// `generator-youtube kit [render-id]`. The paths are printed one per line; --json gets a `kit` event.
import * as path from 'node:path';
import { kitForJob, KitUnavailableError, type KitResult, NemoError, type RenderJob, resolveFfmpegPaths } from '../core/index';
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

export async function writeKit(ctx: StepContext, job: RenderJob, opts: CliKitOptions): Promise<KitResult> {
  const { out, lang, backend } = ctx;
  out.progress(m(lang, 'kitMaking'), undefined);
  let res: KitResult;
  try {
    res = await kitForJob(backend.workflow.kitDeps(), job, {
      lang,
      ffmpeg: resolveFfmpegPaths(opts.ffmpeg ?? process.env.GENERATOR_YOUTUBE_FFMPEG),
      whisper: { bin: process.env.GENERATOR_YOUTUBE_WHISPER_CLI, model: process.env.GENERATOR_YOUTUBE_WHISPER_MODEL },
      burn: opts.burn,
      outputCaptions: opts.captions ? path.resolve(opts.captions) : undefined,
      signal: ctx.signal,
      onProgress: (what, p) => out.progress(m(lang, what === 'burn' ? 'kitBurning' : 'kitMaking'), p === undefined ? undefined : p / 100),
    });
  } catch (e) {
    out.done();
    if (e instanceof KitUnavailableError) throw new NemoError({ kind: 'bad-input', userMessage: m(lang, 'kitNoVideo', { detail: e.message }), action: { id: 'none', label: '' } });
    throw e;
  }
  out.done();
  const f = res.files;
  const paths = [f.json, f.md, ...f.thumbnails, f.srt, f.vtt, f.burned].filter((p): p is string => !!p);
  out.line(m(lang, 'kitWritten'));
  for (const p of paths) out.line(`  ${p}`);
  for (const n of res.notices) out.line(n);
  out.event('kit', { files: f, kit: res.kit, notices: res.notices });
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
