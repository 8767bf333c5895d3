// Every failure a command meets is shown the same way: one plain sentence and at most one button, the
// action the core attached to the error (NemoError.action). Raw codes and token details never reach the
// user; the technical detail goes to the log channel (redacted by services.logger).
import * as vscode from 'vscode';
import { ACCEPTED_TYPES, isNemoError, type NemoError, redact } from '../../core';
import { COMMANDS } from '../ids';
import type { Services } from '../services';
import type { Tr } from './l10n';

export interface PresentOptions {
  /** What "Try again" does; without it the retry button is left out. */
  readonly retry?: () => unknown;
  /** Short name of what failed, for the log ("upload", "credits"…). */
  readonly what?: string;
}

/** True when the local engine is configured but the workspace is not trusted (backend.ts refuses it). */
export function engineRefused(services: Services): boolean {
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
  const message = redact(err instanceof Error ? err.message : String(err));
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
  const showLog = tr('Show Log');
  const pick = await vscode.window.showErrorMessage(message, showLog);
  if (pick === showLog) services.channel.show(true);
}

async function presentNemoError(services: Services, tr: Tr, err: NemoError, opts: PresentOptions): Promise<void> {
  const a = err.action;
  const offered = a.id === 'none' || (a.id === 'retry' && !opts.retry) ? [] : [a.label];
  const show = err.kind === 'credits' || err.kind === 'plan' ? vscode.window.showWarningMessage : vscode.window.showErrorMessage;
  const pick = await show(err.userMessage, ...offered);
  if (pick !== a.label) return;
  if (a.url) {
    await vscode.env.openExternal(vscode.Uri.parse(a.url));
    return;
  }
  switch (a.id) {
    case 'retry':
      await opts.retry?.();
      return;
    case 'new-session':
      await vscode.commands.executeCommand(COMMANDS.newSession);
      return;
    case 'set-token':
      await vscode.commands.executeCommand(COMMANDS.setToken);
      return;
    case 'check-status':
      await vscode.commands.executeCommand(COMMANDS.showStatus);
      return;
    case 'register':
    case 'top-up':
      await vscode.env.openExternal(vscode.Uri.parse(services.config.settings.webUrl));
      return;
    case 'show-formats':
      await vscode.window.showInformationMessage(tr('Accepted file types: {0}. Each file can be up to 500 MB.', ACCEPTED_TYPES.join(', ')));
      return;
    case 'trim-or-compress':
      await vscode.window.showInformationMessage(
        tr('Trim the clip or re-encode it at a lower bitrate (for example: ffmpeg -i in.mp4 -crf 28 out.mp4) so it is under 500 MB, then try again.'),
      );
      return;
    case 'open-settings':
      await vscode.commands.executeCommand('workbench.action.openSettings', 'generatorYoutube');
      return;
    case 'none':
      return;
  }
}
