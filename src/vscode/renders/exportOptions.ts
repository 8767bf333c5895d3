// "Export…": three short quick picks (quality, resolution, frame rate) for the render `output` object.
// The format is MP4 (the only one the contract names). Aspect ratio has no API field: it is asked for in
// the chat ("make it vertical 9:16"), so the picker says so instead of pretending to offer it.
import * as vscode from 'vscode';
import type { RenderOutput } from '../../core';

interface Choice<T> extends vscode.QuickPickItem {
  value: T;
}

async function pick<T>(title: string, step: number, items: Choice<T>[]): Promise<T | undefined> {
  const chosen = await vscode.window.showQuickPick(items, {
    title: `${vscode.l10n.t('Export MP4')} (${step}/3): ${title}`,
    placeHolder: vscode.l10n.t('To change the aspect ratio (e.g. vertical 9:16), ask for it in the chat before exporting.'),
    ignoreFocusOut: true,
  });
  return chosen?.value;
}

/** Asks for the export options; undefined when the user pressed Escape. */
export async function askExportOptions(): Promise<RenderOutput | undefined> {
  const quality = await pick<RenderOutput['quality']>(vscode.l10n.t('Quality'), 1, [
    { label: vscode.l10n.t('High'), description: vscode.l10n.t('best for uploading (default)'), value: 'high' },
    { label: vscode.l10n.t('Medium'), description: vscode.l10n.t('smaller file'), value: 'medium' },
    { label: vscode.l10n.t('Low'), description: vscode.l10n.t('quick preview'), value: 'low' },
  ]);
  if (!quality) return undefined;
  const resolution = await pick<string>(vscode.l10n.t('Resolution'), 2, [
    { label: vscode.l10n.t('Same as the timeline'), description: vscode.l10n.t('default'), value: '' },
    { label: '2160p (4K)', value: '2160p' },
    { label: '1080p', value: '1080p' },
    { label: '720p', value: '720p' },
  ]);
  if (resolution === undefined) return undefined;
  const fps = await pick<number>(vscode.l10n.t('Frame rate'), 3, [
    { label: vscode.l10n.t('Same as the timeline'), description: vscode.l10n.t('default'), value: 0 },
    { label: '24 fps', value: 24 },
    { label: '30 fps', value: 30 },
    { label: '60 fps', value: 60 },
  ]);
  if (fps === undefined) return undefined;
  return { format: 'mp4', quality, ...(resolution ? { resolution } : {}), ...(fps ? { fps } : {}) };
}
