// Which files a command works on: the explorer's selection (VS Code passes the right-clicked Uri and, with
// multi-select, every selected Uri), or a file picker when the command comes from the palette.
import * as vscode from 'vscode';
import { ACCEPTED_TYPES } from '../../core';
import type { Tr } from '../ui/l10n';

const VIDEO = ['mp4', 'mov', 'm4v', 'avi', 'webm', 'mkv'];
const AUDIO = ['mp3', 'wav', 'm4a', 'aac'];
const IMAGE = ['jpg', 'jpeg', 'png', 'gif', 'webp'];

function isUri(v: unknown): v is vscode.Uri {
  return v instanceof vscode.Uri;
}

/** Local file paths from the (uri, uris[]) pair a context-menu command receives; empty when none. */
export function explorerSelection(uri: unknown, uris: unknown): string[] {
  const list = Array.isArray(uris) && uris.some(isUri) ? uris.filter(isUri) : isUri(uri) ? [uri] : [];
  // Only local files can be uploaded (virtual workspaces are limited, see the manifest).
  return [...new Set(list.filter((u) => u.scheme === 'file').map((u) => u.fsPath))];
}

/** Asks for clips (and optional music/images) with a native file picker. Empty when dismissed. */
export async function pickMediaFiles(tr: Tr, title: string): Promise<string[]> {
  const picked = await vscode.window.showOpenDialog({
    canSelectMany: true,
    canSelectFiles: true,
    canSelectFolders: false,
    openLabel: tr('Use these files'),
    title,
    defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
    filters: {
      [tr('Video, audio and images')]: [...new Set([...VIDEO, ...AUDIO, ...IMAGE, ...ACCEPTED_TYPES])],
      [tr('Video')]: VIDEO,
      [tr('Audio')]: AUDIO,
      [tr('Images')]: IMAGE,
    },
  });
  return (picked ?? []).filter((u) => u.scheme === 'file').map((u) => u.fsPath);
}
