// "Upload footage": local files (picker or explorer selection) or a link, into the current session,
// without sending any message: the user describes the video afterwards in the chat.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { UploadedFile } from '../../core';
import { connect } from './connect';
import type { CommandEnv } from './env';
import { presentError } from '../ui/errors';
import type { Tr } from '../ui/l10n';
import { explorerSelection, pickMediaFiles } from './pickMedia';
import { uploadWithProgress } from '../ui/uploadWithProgress';

export function validUrl(tr: Tr, value: string): string | undefined {
  const v = value.trim();
  if (v === '') return tr('Paste a link that starts with https://');
  try {
    const u = new URL(v);
    if (u.protocol !== 'https:' && u.protocol !== 'http:') return tr('Only http and https links can be uploaded.');
    return undefined;
  } catch {
    return tr('That is not a link. Paste a full address, for example https://example.com/clip.mp4');
  }
}

async function askItems(tr: Tr): Promise<string[]> {
  interface Choice extends vscode.QuickPickItem {
    choice: 'files' | 'url';
  }
  const choices: Choice[] = [
    { label: `$(file-media) ${tr('Files on this computer…')}`, choice: 'files' },
    { label: `$(link) ${tr('A link (URL)…')}`, choice: 'url' },
  ];
  const pick = await vscode.window.showQuickPick(choices, { placeHolder: tr('What do you want to upload?') });
  if (!pick) return [];
  if (pick.choice === 'files') return pickMediaFiles(tr, tr('Choose footage to upload'));
  const url = await vscode.window.showInputBox({
    prompt: tr('Link to a video, audio file or image'),
    placeHolder: 'https://…',
    ignoreFocusOut: true,
    validateInput: (v) => validUrl(tr, v),
  });
  return url ? [url.trim()] : [];
}

export function uploadCommand(env: CommandEnv): (uri?: unknown, uris?: unknown) => Promise<UploadedFile[]> {
  return async (uri, uris) => {
    const { services, tr, chat } = env;
    let items = explorerSelection(uri, uris);
    if (items.length === 0) items = await askItems(tr);
    if (items.length === 0) return [];
    const workflow = await connect(env, 'upload');
    if (!workflow) return [];
    try {
      const { files } = await uploadWithProgress(env, workflow, items);
      const names = items.map((i) => (/^https?:\/\//i.test(i) ? i : path.basename(i))).join(', ');
      chat.notice(tr('Uploaded {0} file(s): {1}', files.length, names));
      void env.statusBar.refresh();
      await services.backend.refreshTimeline().catch((e: unknown) => services.logger.warn(`upload: timeline refresh failed: ${String(e)}`));
      const describe = tr('Open Chat');
      void vscode.window
        .showInformationMessage(tr('Uploaded {0}. Describe the video you want in the chat.', names), describe)
        .then((pick) => (pick === describe ? chat.reveal() : undefined));
      return files;
    } catch (err) {
      await presentError(services, tr, err, { what: 'upload', retry: () => vscode.commands.executeCommand('generatorYoutube.upload', uri, uris) });
      return [];
    }
  };
}
