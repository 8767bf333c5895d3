// The small commands: chat, status, credits, upload, export. Each continues the remembered session.
import * as path from 'node:path';
import { summarizeTimeline, t, NemoError } from '../../core/index';
import { action, badInput } from '../../core/api/errors';
import { m } from '../messages';
import { maskToken } from '../output';
import { exportAndDownload, sendMessage, type StepContext, StoppedTurnError, uploadWithProgress } from '../steps';

export async function chat(ctx: StepContext, text: string): Promise<void> {
  const r = await sendMessage(ctx, text);
  if (r.error) throw r.error;
  if (r.outcome === 'stopped') throw new StoppedTurnError(ctx.lang, r.stop);
}

export async function status(ctx: StepContext): Promise<void> {
  const { backend, out, lang } = ctx;
  const session = backend.workflow.session;
  const id = await backend.client.identity().catch(() => undefined);
  const token = await backend.client.getToken().catch(() => undefined);
  out.line(m(lang, 'identity', { token: maskToken(token), source: id ? m(lang, `source.${id.source}`) : '?' }));
  if (!session) {
    out.line(m(lang, 'noSession', { url: backend.client.apiUrl }));
    out.event('status', { apiUrl: backend.client.apiUrl, session: null });
    return;
  }
  out.line(m(lang, 'session', { id: session.sessionId, url: backend.client.apiUrl }));
  const tl = await backend.workflow.refreshState(ctx.signal);
  const summary = summarizeTimeline(tl, lang);
  out.line(summary);
  const jobs = backend.workflow.renderJobs().filter((j) => j.sessionId === backend.workflow.session?.sessionId);
  for (const j of jobs.slice(0, 5)) out.line(`  ${j.id}: ${j.status}${j.status === 'processing' ? ` ${j.progress}%` : ''}${j.localPath ? ` → ${j.localPath}` : ''}`);
  out.event('status', {
    apiUrl: backend.client.apiUrl,
    session: backend.workflow.session,
    summary,
    exportReady: tl.tracks.some((x) => x.segments.length > 0),
    tracks: tl.tracks.map((x) => ({ index: x.index, kind: x.kind, label: x.label, startMs: x.startMs, endMs: x.endMs, segments: x.segments.length })),
    renders: jobs,
  });
}

export async function credits(ctx: StepContext): Promise<void> {
  const c = await ctx.backend.workflow.credits(ctx.signal);
  ctx.out.line(t(ctx.lang, 'credits.line', { available: c.available, frozen: c.frozen, total: c.total }));
  ctx.out.event('credits', { ...c });
}

export async function upload(ctx: StepContext, items: string[]): Promise<void> {
  await uploadWithProgress(ctx, items);
}

/**
 * Cancels an export (`id`, or this session's running one). Exit 0 when the server cancelled it or it had
 * already finished; an older server that cannot cancel (404) exits 3 and says the backend may still finish it;
 * an id the server does not know exits 4 (bad input) and says nothing is running.
 */
export async function cancel(ctx: StepContext, id: string | undefined): Promise<void> {
  const r = await ctx.backend.workflow.cancelExport(id, ctx.signal);
  ctx.out.event('cancel', { outcome: r.outcome, job: r.job });
  if (r.outcome === 'not-supported') {
    throw new NemoError({ kind: 'server', httpStatus: 404, userMessage: r.text, action: action(ctx.lang, 'check-status'), detail: 'cancel not supported by this server' });
  }
  if (r.outcome === 'unknown-job') throw badInput(ctx.lang, r.text, 'check-status');
  ctx.out.line(r.text);
}

export async function exportCmd(ctx: StepContext, outDir: string): Promise<void> {
  const job = await exportAndDownload(ctx, path.resolve(outDir));
  ctx.out.event('result', { path: job.localPath, jobId: job.id });
}
