// Shows a failure the way the contract wants it: plain words plus the one action that fixes it. NemoErrors
// carry their own action; 402 (kind 'plan') reads as a plan limit with a link to the plans page, never as a
// credits problem.
import * as vscode from 'vscode';
import { isNemoError, type NemoError } from '../../core';
import { COMMANDS } from '../ids';

export interface ErrorHandlers {
  /** What "Try again" does (e.g. run the export again). */
  retry?: () => unknown;
}

/** The message to show for anything thrown (NemoError → its userMessage, anything else → its text). */
export function errorText(e: unknown): string {
  if (isNemoError(e)) return e.userMessage;
  return e instanceof Error ? e.message : String(e);
}

function buttonFor(e: NemoError, handlers: ErrorHandlers): { label: string; run: () => unknown } | undefined {
  const url = e.action.url;
  if (e.kind === 'plan') {
    return { label: vscode.l10n.t('See plans'), run: () => url && vscode.env.openExternal(vscode.Uri.parse(url)) };
  }
  switch (e.action.id) {
    case 'register':
    case 'top-up':
      return url ? { label: e.action.label, run: () => vscode.env.openExternal(vscode.Uri.parse(url)) } : undefined;
    case 'retry':
      return handlers.retry ? { label: e.action.label, run: handlers.retry } : undefined;
    case 'check-status':
    case 'new-session':
      return { label: vscode.l10n.t('Open Chat'), run: () => vscode.commands.executeCommand(COMMANDS.openChat) };
    case 'set-token':
      return { label: e.action.label, run: () => vscode.commands.executeCommand(COMMANDS.setToken) };
    case 'open-settings':
      return { label: e.action.label, run: () => vscode.commands.executeCommand('workbench.action.openSettings', 'generatorYoutube') };
    default:
      return undefined;
  }
}

/** One error notification with at most one button. Cancellation is not an error: nothing is shown. */
export async function showError(e: unknown, handlers: ErrorHandlers = {}): Promise<void> {
  if (isNemoError(e) && e.kind === 'cancelled') return;
  const text = errorText(e);
  const button = isNemoError(e) ? buttonFor(e, handlers) : handlers.retry ? { label: vscode.l10n.t('Try again'), run: handlers.retry } : undefined;
  const picked = button ? await vscode.window.showErrorMessage(text, button.label) : await vscode.window.showErrorMessage(text);
  if (button && picked === button.label) await button.run();
}
