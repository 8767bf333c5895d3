// The five MCP tools over the CLI's Workflow: the same steps as `generator-youtube generate/chat/status/
// export/credits`, reporting progress to the MCP client instead of the terminal.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type ExportKitOptions, formatBytes, isExportReady, type Lang, NemoError, type RenderJob, type SavedExport, summarizeTimeline, t, type TurnEvent, type TurnStop } from '../../core/index';
import { agentMessage, type AgentToolArgs, type AgentToolId, DEFAULT_PROMPT, jobsText, promptWithAspect, kitReport, TOOL_NAMES, timelineReport } from '../../core/agent/index';
import type { Backend } from '../backend';
import { phase, type ProgressSink } from './progress';
import { ok, StoppedCall, toolError, type ToolResult } from './result';

export interface ToolCall {
  backend: Backend;
  lang: Lang;
  signal: AbortSignal;
  progress: ProgressSink;
  /** Where files are written when the call names no outDir (the server's working folder). */
  cwd: string;
  /** The server's log (stderr; stdout is the protocol). */
  log: (line: string) => void;
  /** The upload kit next to every export (`mcp --no-kit`: false). */
  kit: ExportKitOptions | false;
}

const name = (id: AgentToolId): string => TOOL_NAMES[id].mcp;

interface TurnResult {
  reply: string;
  error?: NemoError;
  outcome: string;
  notes: string[];
  /** A stopped turn: the core's notice saying what the Stop meant for the message. */
  stop?: { stop: TurnStop; text: string };
}

/** One chat message through the workflow; the reply, the error if any, and how it ended. */
async function turn(call: ToolCall, text: string, progress: ProgressSink): Promise<TurnResult> {
  let reply = '';
  let error: NemoError | undefined;
  let outcome = 'error';
  let stop: TurnResult['stop'];
  const notes: string[] = [];
  let step = 0;
  progress.report(0, agentMessage(call.lang, 'progressSending'));
  for await (const ev of call.backend.workflow.send(text, { signal: call.signal }) as AsyncGenerator<TurnEvent>) {
    if (ev.type === 'text') reply = ev.text;
    else if (ev.type === 'progress') progress.report(Math.min(0.9, ++step * 0.15), agentMessage(call.lang, 'progressTurn', { label: ev.label }));
    else if (ev.type === 'notice' && ev.stop) stop = { stop: ev.stop, text: ev.text };
    else if (ev.type === 'summary' || ev.type === 'notice') notes.push(ev.text);
    else if (ev.type === 'intent') reply = ev.text;
    else if (ev.type === 'error') error = ev.error;
    else if (ev.type === 'done') outcome = ev.outcome;
  }
  progress.report(1, agentMessage(call.lang, 'progressSending'));
  return { reply, error, outcome, notes, stop };
}

/** A stopped turn, in the core's words (sent or not); when the editor may still finish, how to see the result. */
function stoppedTurn(lang: Lang, r: TurnResult): StoppedCall {
  // No stop notice (a stop while polling after a dropped stream): the message had left, so it may finish.
  const kind = r.stop?.stop ?? 'may-finish';
  const text = r.stop?.text ?? t(lang, 'turn.stopped');
  return new StoppedCall(kind === 'may-finish' ? `${text} ${agentMessage(lang, 'stoppedStatusHint', { status: name('status') })}` : text, `chat turn stopped (${kind})`);
}

/** Runs one of generate's steps before its turn; a stop there says what is true for that step (the core's sentence). */
async function stoppable<T>(call: ToolCall, key: 'stop.makingSession' | 'stop.uploading', step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (e) {
    if (call.signal.aborted) throw new StoppedCall(t(call.lang, key), `${key}: ${e instanceof Error ? e.message : String(e)}`);
    throw e;
  }
}

function stopped(lang: Lang): NemoError {
  return new NemoError({ kind: 'cancelled', userMessage: t(lang, 'err.cancelled'), action: { id: 'none', label: '' } });
}

/**
 * Submits (or follows) the session's export, waits for it and saves it into outDir under a new readable
 * name, with its upload kit: the core's one export flow (Workflow.saveExport), as the CLI and the extension.
 * When the client cancels the call (notifications/cancelled) while the render runs, the render is cancelled
 * on the backend too (Workflow.cancelExport: the core's one cancel flow; a backend that cannot cancel leaves
 * the job as it is and the log says so; a job already finished is left alone). The submit itself is never
 * cut short: an abandoned POST could leave a render on the server whose id nobody knows, so a cancel during
 * it takes effect right after it.
 */
async function exportTo(call: ToolCall, outDir: string, progress: ProgressSink): Promise<SavedExport> {
  const { workflow } = call.backend;
  const lang = call.lang;
  const started = await workflow.startExport({});
  let saved: SavedExport;
  try {
    if (call.signal.aborted) throw stopped(lang);
    await fs.promises.mkdir(outDir, { recursive: true });
    saved = await workflow.saveExport(started, {
      outDir,
      signal: call.signal,
      onUpdate: (j) => progress.report((j.progress / 100) * 0.8, agentMessage(lang, 'progressExport', { percent: Math.round(j.progress) })),
      onDownload: (got, total) => progress.report(0.8 + (total ? got / total : 0) * 0.1, agentMessage(lang, 'progressDownload', { percent: total ? Math.floor((got / total) * 100) : 0 })),
      kit: call.kit && { ...call.kit, onProgress: () => progress.report(0.92, agentMessage(lang, 'progressKit')) },
    });
  } catch (e) {
    if (call.signal.aborted) await cancelOnBackend(call, workflow.renderJobs().find((j) => j.id === started.id) ?? started);
    throw e;
  }
  const job = saved.job;
  if (job.status !== 'completed') throw new NemoError({ kind: 'server', userMessage: agentMessage(lang, 'exportFailed', { detail: job.error ?? job.status }), action: { id: 'none', label: '' } });
  return saved;
}

/** What the tool result says about the kit: its files (or why there is none), and the facts for structuredContent. */
/** The client gave up on the call: cancel the render too. Never throws (the call is already over). */
async function cancelOnBackend(call: ToolCall, job: RenderJob): Promise<void> {
  try {
    const r = await call.backend.workflow.cancelExport(job.id);
    call.log(`export ${job.id}: the call was cancelled; ${r.outcome}: ${r.text}`);
  } catch (e) {
    call.log(`export ${job.id}: the call was cancelled; cancelling the render failed: ${e instanceof Error ? e.message : String(e)}`);
  }
}

export async function generateVideo(call: ToolCall, args: AgentToolArgs['generate']): Promise<ToolResult> {
  const { workflow, client } = call.backend;
  const lang = call.lang;
  const files = args.files.map((f) => path.resolve(call.cwd, f));
  // Check every file before creating anything on the server: bad input costs nothing. The same steps and the
  // same stop sentences as the CLI's generate (what a stop during each step leaves behind).
  const session = await stoppable(call, 'stop.makingSession', async () => {
    await client.checkUploadFiles(files);
    return workflow.newSession(call.signal);
  });
  const up = phase(call.progress, 0, 0.3);
  const uploaded = await stoppable(call, 'stop.uploading', () =>
    workflow.upload(files, {
      signal: call.signal,
      onProgress: (p) => up.report(p.totalBytes ? p.sentBytes / p.totalBytes : 0, agentMessage(lang, 'progressUpload', { sent: formatBytes(p.sentBytes), total: formatBytes(p.totalBytes) })),
    }),
  );
  const prompt = promptWithAspect(args.prompt ?? DEFAULT_PROMPT, args.aspect);
  const r = await turn(call, prompt, phase(call.progress, 0.3, 0.5));
  if (r.outcome === 'stopped') throw stoppedTurn(lang, r);
  if (r.error) throw r.error;
  const timeline = await workflow.refreshState(call.signal);
  const report = timelineReport(timeline, lang);
  const said = [agentMessage(lang, 'generated', { count: uploaded.files.length, names: files.map((f) => path.basename(f)).join(', '), prompt }), r.reply && agentMessage(lang, 'editorSaid', { reply: r.reply }), ...r.notes];
  if (!isExportReady(timeline)) return toolError([...said, report.summary, agentMessage(lang, 'notReady', { edit: name('edit'), status: name('status') })].filter(Boolean).join('\n'));
  const saved = await exportTo(call, path.resolve(call.cwd, args.outDir ?? '.'), phase(call.progress, 0.5, 1));
  const job = saved.job;
  const kit = kitReport(saved, lang);
  return ok([...said, report.summary, agentMessage(lang, 'exported', { path: job.localPath ?? '' }), ...kit.lines], { path: job.localPath, sessionId: session.sessionId, jobId: job.id, timeline: report, kit: kit.data });
}

export async function editVideo(call: ToolCall, args: AgentToolArgs['edit']): Promise<ToolResult> {
  const { workflow } = call.backend;
  if (!workflow.session) return toolError(agentMessage(call.lang, 'noSession', { generate: name('generate') }));
  const r = await turn(call, args.instruction, call.progress);
  if (r.outcome === 'stopped') throw stoppedTurn(call.lang, r);
  if (r.error) throw r.error;
  const timeline = await workflow.refreshState(call.signal);
  const report = timelineReport(timeline, call.lang);
  return ok([r.reply && agentMessage(call.lang, 'editorSaid', { reply: r.reply }), ...r.notes, report.summary], { reply: r.reply, timeline: report });
}

export async function timelineStatus(call: ToolCall): Promise<ToolResult> {
  const { workflow } = call.backend;
  const session = workflow.session;
  if (!session) return ok([agentMessage(call.lang, 'noSession', { generate: name('generate') })], { session: null });
  const timeline = await workflow.refreshState(call.signal);
  const report = timelineReport(timeline, call.lang);
  const jobs = workflow.renderJobs().filter((j) => j.sessionId === session.sessionId);
  return ok([agentMessage(call.lang, 'session', { id: session.sessionId }), report.summary, jobsText(jobs, call.lang)], { sessionId: session.sessionId, timeline: report, exports: jobs });
}

export async function exportVideo(call: ToolCall, args: AgentToolArgs['export']): Promise<ToolResult> {
  const { workflow } = call.backend;
  if (!workflow.session) return toolError(agentMessage(call.lang, 'noSession', { generate: name('generate') }));
  const saved = await exportTo(call, path.resolve(call.cwd, args.outDir ?? '.'), call.progress);
  const job = saved.job;
  const kit = kitReport(saved, call.lang);
  const summary = workflow.timeline ? summarizeTimeline(workflow.timeline, call.lang) : undefined;
  return ok([agentMessage(call.lang, 'exported', { path: job.localPath ?? '' }), ...kit.lines, summary], { path: job.localPath, jobId: job.id, summary, kit: kit.data });
}

export async function creditsBalance(call: ToolCall): Promise<ToolResult> {
  const c = await call.backend.workflow.credits(call.signal);
  return ok([t(call.lang, 'credits.line', { available: c.available, frozen: c.frozen, total: c.total })], { ...c });
}
