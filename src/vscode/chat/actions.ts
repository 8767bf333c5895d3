// What the buttons on transcript entries do: the one action of an error/notice/upload entry (the same
// meaning as everywhere else: ui/errorActions.ts), and a render card's Open / Reveal / Copy Link and its upload kit's Copy Title / Copy Description / Open Upload Kit. The host
// looks everything up in its own transcript by entry id: a URL or path never comes from the webview.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { kitFileNames, loadKit, type Timeline } from '../../core';
import type { Entry } from '../../shared/protocol';
import type { Services } from '../services';
import { runRecoveryAction } from '../ui/errorActions';
import { openInSystemPlayer, revealFile } from '../ui/files';
import type { Tr } from '../ui/l10n';

export interface ActionHost {
  readonly services: Services;
  readonly tr: Tr;
  readonly busy: boolean;
  readonly entries: readonly Entry[];
  send(text: string): Promise<unknown>;
  notice(text: string): void;
  /** Adds a status card (what Check status found) to the transcript. */
  status(timeline: Timeline): void;
}

export async function runEntryAction(host: ActionHost, entryId: string): Promise<void> {
  const index = host.entries.findIndex((x) => x.id === entryId);
  const e = host.entries[index];
  const action = e && (e.kind === 'error' || e.kind === 'notice' || e.kind === 'upload') ? e.action : undefined;
  if (!action) return;
  await runRecoveryAction(host.services, host.tr, action, {
    // Offered by the core only for failures before anything ran (network, rate limit, auth…): "Try again"
    // in the chat sends the message of that turn once more, and never while another turn runs.
    retry: async () => {
      if (host.busy) return;
      const lastUser = host.entries.slice(0, index).reverse().find((x) => x.kind === 'user');
      if (lastUser && lastUser.kind === 'user') await host.send(lastUser.text);
    },
    note: (text) => host.notice(text),
    statusShown: (timeline) => host.status(timeline),
  });
}

export async function runRenderAction(tr: Tr, e: Entry | undefined, op: 'open' | 'reveal' | 'copy' | 'copyTitle' | 'copyDescription' | 'openKit'): Promise<void> {
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
  if (op === 'copyTitle' || op === 'copyDescription' || op === 'openKit') return kitAction(tr, e.localPath, op);
  if (op === 'open') await openInSystemPlayer(e.localPath);
  else await revealFile(e.localPath);
}

/** The kit's actions read the kit beside the file now (it may have been made again since the card was drawn). */
async function kitAction(tr: Tr, videoPath: string, op: 'copyTitle' | 'copyDescription' | 'openKit'): Promise<void> {
  const loaded = loadKit(videoPath);
  if (!loaded) {
    void vscode.window.showWarningMessage(tr('The upload kit of this export is not there any more.'));
    return;
  }
  if (op === 'copyTitle') {
    await vscode.env.clipboard.writeText(loaded.kit.title);
    void vscode.window.setStatusBarMessage(tr('Title copied.'), 3000);
  } else if (op === 'copyDescription') {
    await vscode.env.clipboard.writeText(loaded.kit.description);
    void vscode.window.setStatusBarMessage(tr('Description copied.'), 3000);
  } else {
    // The upload page: every block (title, description with chapters, tags, thumbnails, captions) to copy from.
    const page = vscode.Uri.file(path.join(loaded.dir, kitFileNames(loaded.stem).md));
    await vscode.window.showTextDocument(page, { preview: false });
  }
}
