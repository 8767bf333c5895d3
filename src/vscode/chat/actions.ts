// What the buttons on transcript entries do: the one action of an error/notice/upload entry (mapped from
// NemoError.action), and a render card's Open / Reveal / Copy Link. The host looks everything up in its own
// transcript by entry id: a URL or path never comes from the webview.
import * as vscode from 'vscode';
import { ACCEPTED_TYPES, formatBytes, MAX_UPLOAD_BYTES } from '../../core';
import type { Entry } from '../../shared/protocol';
import type { Tr } from '../commands/l10n';
import { COMMANDS } from '../ids';

export interface ActionHost {
  readonly tr: Tr;
  readonly busy: boolean;
  readonly entries: readonly Entry[];
  send(text: string): Promise<unknown>;
  notice(text: string): void;
}

export async function runEntryAction(host: ActionHost, entryId: string): Promise<void> {
  const index = host.entries.findIndex((x) => x.id === entryId);
  const e = host.entries[index];
  const action = e && (e.kind === 'error' || e.kind === 'notice' || e.kind === 'upload') ? e.action : undefined;
  if (!action) return;
  switch (action.id) {
    case 'new-session':
      await vscode.commands.executeCommand(COMMANDS.newSession);
      return;
    case 'register':
    case 'top-up':
      if (action.url && /^https?:\/\//i.test(action.url)) await vscode.env.openExternal(vscode.Uri.parse(action.url, true));
      return;
    case 'show-formats':
    case 'trim-or-compress':
      host.notice(host.tr('Accepted types: {0}. Largest file: {1}.', ACCEPTED_TYPES.join(', '), formatBytes(MAX_UPLOAD_BYTES)));
      return;
    case 'retry': {
      // Offered by the core only for failures before anything ran (network, rate limit, auth…): the user's
      // click sends the message of that turn once more, and never while another turn runs.
      if (host.busy) return;
      const lastUser = host.entries.slice(0, index).reverse().find((x) => x.kind === 'user');
      if (lastUser && lastUser.kind === 'user') await host.send(lastUser.text);
      return;
    }
    case 'set-token':
      await vscode.commands.executeCommand(COMMANDS.setToken);
      return;
    case 'check-status':
      // The localised word ("Status" / "状态"): the core routes both to the state check, never to the agent.
      if (!host.busy) await host.send(host.tr('Status'));
      return;
    case 'open-settings':
      await vscode.commands.executeCommand('workbench.action.openSettings', 'generatorYoutube');
      return;
    case 'none':
      return;
  }
}

export async function runRenderAction(tr: Tr, e: Entry | undefined, op: 'open' | 'reveal' | 'copy'): Promise<void> {
  if (!e || e.kind !== 'render') return;
  if (op === 'copy') {
    const link = e.outputUrl ?? e.localPath;
    if (link) {
      await vscode.env.clipboard.writeText(link);
      void vscode.window.setStatusBarMessage(tr('Link copied.'), 3000);
    }
    return;
  }
  if (!e.localPath) return;
  const uri = vscode.Uri.file(e.localPath);
  // Webviews play MP4 without AAC sound: the system player is the honest way to watch the result.
  if (op === 'open') await vscode.env.openExternal(uri);
  else await vscode.commands.executeCommand('revealFileInOS', uri);
}
