// The one error presenter of the editor side. Every failure a command, an export or a view meets is shown
// the same way: one plain sentence and at most one button, the action the core attached to the error
// (NemoError.action), which does the same thing wherever it is offered (ui/errorActions.ts). Raw codes and
// token details never reach the user; the technical detail goes to the log channel (redacted).
import * as vscode from 'vscode';
import { isNemoError, type NemoError, redact } from '../../core';
import type { Services } from '../services';
import { type ActionSurface, offersAction, runRecoveryAction } from './errorActions';
import type { Tr } from './l10n';

export interface PresentOptions extends ActionSurface {
  /** Short name of what failed, for the log ("upload", "credits"…). */
  readonly what?: string;
}

/** The message to show for anything thrown (NemoError → its userMessage, anything else → its text, redacted). */
export function errorText(e: unknown): string {
  if (isNemoError(e)) return e.userMessage;
  return redact(e instanceof Error ? e.message : String(e));
}

/** True when the local engine is configured but the workspace is not trusted (backend.ts refuses it). */
export function engineRefused(services: Pick<Services, 'config'>): boolean {
  return services.config.settings.backend === 'local' && !vscode.workspace.isTrusted;
}

export async function presentError(services: Services, tr: Tr, err: unknown, opts: PresentOptions = {}): Promise<void> {
  const what = opts.what ?? 'command';
  if (isNemoError(err)) {
    if (err.kind === 'cancelled') {
      services.logger.info(`${what}: stopped by the user`);
      return;
    }
    services.logger.error(`${what} failed: ${err.kind}${err.detail ? ` (${err.detail})` : ''}`);
    await presentNemoError(services, tr, err, opts);
    return;
  }
  // Not one of ours: show its text, but never anything shaped like a credential.
  const message = errorText(err);
  services.logger.error(`${what} failed: ${message}`);
  if (engineRefused(services)) {
    const manage = tr('Manage Workspace Trust');
    const pick = await vscode.window.showErrorMessage(
      tr('The local engine is off in untrusted workspaces. Trust this workspace, or switch generatorYoutube.backend to "cloud".'),
      manage,
    );
    if (pick === manage) await vscode.commands.executeCommand('workbench.trust.manage');
    return;
  }
  // Something to repeat → "Try again"; otherwise the log holds the detail.
  const button = opts.retry ? tr('Try again') : tr('Show Log');
  const pick = await vscode.window.showErrorMessage(message, button);
  if (pick !== button) return;
  if (opts.retry) await opts.retry();
  else services.channel.show(true);
}

async function presentNemoError(services: Services, tr: Tr, err: NemoError, surface: ActionSurface): Promise<void> {
  const a = err.action;
  const offered = offersAction(a, surface) ? [a.label] : [];
  // Money and plan limits are not faults: a warning, not an error.
  const show = err.kind === 'credits' || err.kind === 'plan' ? vscode.window.showWarningMessage : vscode.window.showErrorMessage;
  const pick = await show(err.userMessage, ...offered);
  if (offered.length > 0 && pick === a.label) await runRecoveryAction(services, tr, a, surface);
}
