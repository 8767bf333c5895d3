// generate <file...>: new session → upload → one chat turn with the prompt → export → download.
import * as path from 'node:path';
import { DEFAULT_PROMPT, promptWithAspect } from '../../core/agent/index';
import { NemoError, summarizeTimeline, isExportReady } from '../../core/index';
import { m } from '../messages';
import { exportAndDownload, sendMessage, type StepContext, stoppable, StoppedTurnError, uploadWithProgress } from '../steps';

export async function generate(ctx: StepContext, files: string[], opts: { prompt?: string; aspect?: '16:9' | '9:16'; outDir: string }): Promise<void> {
  const { backend, out, lang } = ctx;
  // Check every file before creating anything on the server: bad input costs nothing. A Ctrl-C before the
  // upload leaves at most an empty session (a request in flight may still make one on the server).
  const session = await stoppable(ctx, 'stop.makingSession', async () => {
    await backend.client.checkUploadFiles(files);
    return backend.workflow.newSession(ctx.signal);
  });
  out.event('session', { sessionId: session.sessionId, apiUrl: backend.client.apiUrl });
  // A Ctrl-C during the upload: the prompt was not sent, but an upload request in flight may still complete
  // on the server, so files it received may stay in the session.
  await stoppable(ctx, 'stop.uploading', () => uploadWithProgress(ctx, files));
  const turn = await sendMessage(ctx, promptWithAspect(opts.prompt ?? DEFAULT_PROMPT, opts.aspect));
  if (turn.error) throw turn.error;
  if (turn.outcome === 'stopped') throw new StoppedTurnError(lang, turn.stop);
  const timeline = await backend.workflow.refreshState(ctx.signal);
  const summary = summarizeTimeline(timeline, lang);
  out.line(summary);
  out.event('timeline', { summary });
  if (!isExportReady(timeline)) {
    throw new NemoError({ kind: 'server', userMessage: m(lang, 'emptyAfterTurn'), action: { id: 'check-status', label: '' } });
  }
  const job = await exportAndDownload(ctx, path.resolve(opts.outDir));
  out.event('result', { path: job.localPath, summary, sessionId: session.sessionId, jobId: job.id });
}
