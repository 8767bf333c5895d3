// Shows a failure the way the contract wants it: plain words plus the one action that fixes it (the
// button is chosen by the pure errorButton()).
import * as vscode from 'vscode';
import { isNemoError } from '../../core';
import type { Translate } from '../timeline/format';
import { errorButton, type ErrorButton } from './errorAction';

export interface ErrorHandlers {
  /** What "Try again" does (e.g. run the export again). */
  retry?: () => unknown;
}

/** The message to show for anything thrown (NemoError → its userMessage, anything else → its text). */
export function errorText(e: unknown): string {
  if (isNemoError(e)) return e.userMessage;
  return e instanceof Error ? e.message : String(e);
}

async function press(button: ErrorButton, handlers: ErrorHandlers): Promise<void> {
  switch (button.kind) {
    case 'open-url':
      await vscode.env.openExternal(vscode.Uri.parse(button.url));
      return;
    case 'command':
      await vscode.commands.executeCommand(button.command, ...(button.args ?? []));
      return;
    case 'retry':
      await handlers.retry?.();
      return;
  }
}

/** One error notification with at most one button. Cancellation is not an error: nothing is shown. */
export async function showError(e: unknown, t: Translate, handlers: ErrorHandlers = {}): Promise<void> {
  if (isNemoError(e) && e.kind === 'cancelled') return;
  const button: ErrorButton | undefined = isNemoError(e)
    ? errorButton(e, t, !!handlers.retry)
    : handlers.retry
      ? { label: t('Try again'), kind: 'retry' }
      : undefined;
  const text = errorText(e);
  const picked = button ? await vscode.window.showErrorMessage(text, button.label) : await vscode.window.showErrorMessage(text);
  if (button && picked === button.label) await press(button, handlers);
}
