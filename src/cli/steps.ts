// The building blocks the commands share: one chat message with its output, an upload with a progress bar,
// and export → poll → name → download (Workflow.saveExport).
import * as path from 'node:path';
import { action } from '../core/api/errors';
import { formatBytes, type Lang, NemoError, type RenderJob, routeIntent, t, type TurnOutcome, type TurnStop, type UploadedFile } from '../core/index';
import type { Backend } from './backend';
import { type CliKitOptions, exportKitOptions, reportKit } from './kit';
import { m } from './messages';
import type { Output } from './output';

export interface StepContext {
  backend: Backend;
  out: Output;
  lang: Lang;
  signal: AbortSignal;
  /** The upload kit after each download (absent: off). */
  kit?: CliKitOptions;
}

export interface MessageResult {
  outcome: TurnOutcome;
  text: string;
  error?: NemoError;
  exportJob?: RenderJob;
  /** A stopped turn: what the core said the Stop meant (printed as the CLI's last line, exit 130). */
  stop?: { stop: TurnStop; text: string };
}

/**
 * Ctrl-C that the command can name: what was stopped decides what is true to say (main() prints it as is,
 * exit 130, instead of its generic "Interrupted" line). `mayFinish`: the backend may still finish the work,
 * so `status` is how to see the result.
 */
export class StoppedError extends NemoError {
  constructor(lang: Lang, text: string, mayFinish: boolean, detail: string) {
    super({ kind: 'cancelled', userMessage: mayFinish ? `${text} ${m(lang, 'statusHint')}` : text, action: action(lang, mayFinish ? 'check-status' : 'none'), detail });
  }
}

/**
 * Ctrl-C during a chat turn, in the core's words: the message was not sent (nothing will change), or it may
 * have reached the editor (which may still finish it).
 */
export class StoppedTurnError extends StoppedError {
  constructor(lang: Lang, stop: MessageResult['stop']) {
    // No stop notice (a stop while polling after a dropped stream): the message had left, so it may finish.
    super(lang, stop ? stop.text : t(lang, 'turn.stopped'), !stop || stop.stop === 'may-finish', `chat turn stopped (${stop?.stop ?? 'may-finish'})`);
  }
}

/**
 * Runs one step before the chat turn; if Ctrl-C stops it, says what is true for that step (`key`: the core's
 * sentence, e.g. nothing uploaded or edited yet) instead of the generic line. Other failures pass through.
 */
export async function stoppable<T>(ctx: StepContext, key: 'stop.makingSession' | 'stop.uploading', step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (e) {
    if (ctx.signal.aborted) throw new StoppedError(ctx.lang, t(ctx.lang, key), false, `${key}: ${e instanceof Error ? e.message : String(e)}`);
    throw e;
  }
}

/** Sends one message (routed by intent) and prints what comes back. */
export async function sendMessage(ctx: StepContext, text: string): Promise<MessageResult> {
  const { out, lang } = ctx;
  let shown = '';
  let outcome: TurnOutcome = 'error';
  let error: NemoError | undefined;
  let exportJob: RenderJob | undefined;
  let stop: MessageResult['stop'];
  if (routeIntent(text) === 'chat') out.progress(m(lang, 'sending'), undefined);
  for await (const ev of ctx.backend.workflow.send(text, { signal: ctx.signal })) {
    switch (ev.type) {
      case 'text':
        shown = ev.text;
        out.event('text', { text: ev.text });
        break;
      case 'progress':
        out.progress(ev.label, undefined);
        break;
      case 'still-working':
        out.progress(m(lang, 'stillWorking', { minutes: Math.round(ev.elapsedMs / 60_000) }), undefined);
        break;
      case 'summary':
        out.done();
        out.line(ev.text);
        out.event('summary', { text: ev.text });
        break;
      case 'notice':
        out.done();
        if (ev.stop) {
          // What the Stop meant: the command's last line (stderr, exit 130), not printed twice.
          stop = { stop: ev.stop, text: ev.text };
          out.event('notice', { text: ev.text, stop: ev.stop });
          break;
        }
        out.line(ev.text);
        out.event('notice', { text: ev.text });
        break;
      case 'intent':
        out.done();
        out.line(ev.text);
        if (ev.intent === 'export') {
          exportJob = ev.job;
          out.event('export-started', { job: ev.job });
          out.line(m(lang, 'exportHint'));
        } else if (ev.intent === 'credits') out.event('credits', { ...ev.credits });
        else if (ev.intent === 'status') out.event('status', { summary: ev.text, tracks: ev.timeline.tracks.map((tr) => ({ index: tr.index, kind: tr.kind, label: tr.label, startMs: tr.startMs, endMs: tr.endMs, segments: tr.segments.length })) });
        else {
          out.event('upload', { files: ev.files, needsFiles: ev.needsFiles ?? false });
          if (ev.needsFiles) out.line(m(lang, 'uploadHint'));
        }
        break;
      case 'error':
        error = ev.error;
        break;
      case 'done':
        outcome = ev.outcome;
        break;
    }
  }
  out.done();
  if (shown) out.line(shown);
  out.event('turn-done', { outcome });
  return { outcome, text: shown, error, exportJob, stop };
}

/** Uploads files/URLs in one go with a byte progress bar. */
export async function uploadWithProgress(ctx: StepContext, items: string[]): Promise<UploadedFile[]> {
  const { out, lang } = ctx;
  const r = await ctx.backend.workflow.upload(items, {
    signal: ctx.signal,
    onProgress: (p) => out.progress(m(lang, 'uploading'), p.totalBytes ? p.sentBytes / p.totalBytes : undefined, `${formatBytes(p.sentBytes)} / ${formatBytes(p.totalBytes)}`),
  });
  out.done();
  const names = r.files.map((f) => f.filename ?? f.cdn_url ?? '?').join(', ');
  out.line(m(lang, 'uploaded', { names: names || items.map((i) => path.basename(i)).join(', ') }));
  out.event('uploaded', { files: r.files });
  return r.files;
}

/** Starts (or resumes) the session's export, waits for it and downloads the MP4 into outDir. */
export async function exportAndDownload(ctx: StepContext, outDir: string): Promise<RenderJob> {
  const { out, lang, backend } = ctx;
  const started = await backend.workflow.startExport({ signal: ctx.signal });
  out.line(t(lang, 'export.started', { id: started.id }));
  out.event('export-started', { job: started });
  // The core's one export → poll → name → download flow (the extension's Render Jobs runner uses it too):
  // a readable name (`<title>-<yyyy-mm-dd-hhmm>.mp4`), never overwriting.
  let downloading = false;
  const saved = await backend.workflow.saveExport(started, {
    outDir,
    signal: ctx.signal,
    // The upload kit is made inside the one export flow (off with --no-kit).
    kit: exportKitOptions(ctx, ctx.kit),
    onUpdate: (j) => out.progress(m(lang, 'exporting'), j.progress / 100),
    onDownload: (got, total) => {
      if (!downloading) {
        downloading = true;
        out.done();
      }
      // (0, unknown) only marks the start: the size follows with the first answer, so no "0 B" line.
      out.progress(m(lang, 'downloading'), total ? got / total : undefined, total ? `${formatBytes(got)} / ${formatBytes(total)}` : got ? formatBytes(got) : '');
    },
  });
  const job = saved.job;
  out.done();
  if (job.status === 'cancelled') {
    // Cancelled elsewhere (`generator-youtube cancel`, the editor, the server): nothing is downloaded.
    out.event('export-cancelled', { job });
    throw new NemoError({ kind: 'server', userMessage: t(lang, 'err.exportCancelled', { id: job.id }), action: { id: 'none', label: t(lang, 'action.none') }, detail: 'export cancelled' });
  }
  if (job.status === 'failed') {
    out.event('export-failed', { job });
    throw new NemoError({ kind: 'server', userMessage: t(lang, 'err.exportFailed', { detail: job.error ?? 'unknown' }), action: { id: 'retry', label: t(lang, 'action.retry') }, detail: job.error });
  }
  out.line(m(lang, 'saved', { path: job.localPath ?? '' }));
  out.event('saved', { path: job.localPath, job });
  reportKit(ctx, saved);
  return job;
}
