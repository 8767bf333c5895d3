// What every language-model tool shares: the controllers it drives (the same ones the UI uses, so the chat
// panel, Timeline and Render Jobs show what an agent did), argument checks from the core, and results in
// words. A failure is thrown as an Error whose message is one plain sentence: VS Code hands that message to
// the model as the tool's error, and a stack trace would only confuse it.
import * as vscode from 'vscode';
import { isNemoError, redact, type Workflow } from '../../core';
import { type AgentToolArgs, type AgentToolId, parseToolArgs, timelineReport, type TimelineReport } from '../../core/agent';
import type { Tr } from '../ui/l10n';
import type { ChatController, CreditsDisplay, RenderController } from '../contracts';
import type { Services } from '../services';
import type { TurnText } from './turnText';

export interface AgentEnv {
  readonly services: Services;
  readonly chat: ChatController;
  readonly renders: RenderController;
  readonly statusBar: CreditsDisplay;
  readonly tr: Tr;
}

/** A tool failure the model should read as is. */
export class ToolError extends Error {}

export function checkedArgs<K extends AgentToolId>(env: AgentEnv, id: K, input: unknown): AgentToolArgs[K] {
  const parsed = parseToolArgs(id, input, env.services.backend.lang, 'vscode');
  if (!parsed.ok) throw new ToolError(parsed.message);
  return parsed.args;
}

/** The workflow of the configured backend; a refusal (untrusted workspace, engine cannot start) in words. */
export async function workflowFor(env: AgentEnv): Promise<Workflow> {
  try {
    return await env.services.backend.workflow();
  } catch (e) {
    throw asToolError(e);
  }
}

export function asToolError(e: unknown): ToolError {
  if (e instanceof ToolError) return e;
  if (isNemoError(e)) {
    const fix = e.action.id !== 'none' && e.action.label ? ` (${e.action.label}${e.action.url ? `: ${e.action.url}` : ''})` : '';
    return new ToolError(redact(`${e.userMessage}${fix}`));
  }
  return new ToolError(redact((e instanceof Error ? e.message : String(e)).split('\n')[0] ?? ''));
}

/** Words first (what the model reads), then the same facts as JSON for a model that wants the details. */
export function result(lines: Array<string | undefined | false>, data?: Record<string, unknown>): vscode.LanguageModelToolResult {
  const parts = [new vscode.LanguageModelTextPart(redact(lines.filter((l): l is string => typeof l === 'string' && l.length > 0).join('\n')))];
  if (data) parts.push(new vscode.LanguageModelTextPart(redact(JSON.stringify(data))));
  return new vscode.LanguageModelToolResult(parts);
}

/**
 * The agent's cancellation token as an AbortSignal for the core and the chat (their Stop). `stoppedError` is
 * what the tool then says: the work stopped, what was done on the server stays.
 */
export function abortOn(token: vscode.CancellationToken): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  if (token.isCancellationRequested) controller.abort();
  const sub = token.onCancellationRequested(() => controller.abort());
  return { signal: controller.signal, dispose: () => sub.dispose() };
}

export function stoppedError(env: AgentEnv): ToolError {
  return new ToolError(env.tr('Stopped before it finished. What was already done on the server stays; call {0} to see it.', 'generatorYoutube_status'));
}

/**
 * A tool's chat work (an upload, a turn) with the agent's cancellation as the chat's Stop (nothing is
 * re-sent), the credits refreshed afterwards whatever happened, and the outcome read the same way for every
 * tool: a stop or a failed turn is the tool's error, otherwise the reply comes with the refreshed timeline.
 * `failAfterStopIsStop`: a failure thrown once stopped (an upload cut short) says "stopped", not the failure.
 */
export async function runChatWork(
  env: AgentEnv,
  token: vscode.CancellationToken,
  work: (signal: AbortSignal) => Promise<TurnText>,
  opts: { failAfterStopIsStop?: boolean } = {},
): Promise<{ turn: TurnText; report?: TimelineReport }> {
  const stop = abortOn(token);
  let turn: TurnText;
  try {
    turn = await work(stop.signal);
  } catch (e) {
    throw opts.failAfterStopIsStop && stop.signal.aborted ? stoppedError(env) : asToolError(e);
  } finally {
    stop.dispose();
    void env.statusBar.refresh();
  }
  if (token.isCancellationRequested) throw stoppedError(env);
  if (turn.error) throw new ToolError(turn.error);
  const timeline = await env.services.backend.refreshTimeline().catch(() => null);
  return { turn, report: timeline ? timelineReport(timeline, env.services.backend.lang) : undefined };
}
