// "Export…": three short quick picks (quality, resolution, frame rate) for the render `output` object.
// The format is MP4 (the only one the contract names). Aspect ratio has no API field: it is asked for in
// the chat ("make it vertical 9:16"), so the picker says so instead of pretending to offer it.
import * as vscode from 'vscode';
import type { RenderOutput } from '../../core';
import type { Tr } from '../ui/l10n';

interface Choice<T> extends vscode.QuickPickItem {
  value: T;
}

async function pick<T>(t: Tr, title: string, step: number, items: Choice<T>[]): Promise<T | undefined> {
  const chosen = await vscode.window.showQuickPick(items, {
    title: `${t('Export MP4')} (${step}/3): ${title}`,
    placeHolder: t('To change the aspect ratio (e.g. vertical 9:16), ask for it in the chat before exporting.'),
    ignoreFocusOut: true,
  });
  return chosen?.value;
}

/** Asks for the export options; undefined when the user pressed Escape. */
export async function askExportOptions(t: Tr): Promise<RenderOutput | undefined> {
  const quality = await pick<RenderOutput['quality']>(t, t('Quality'), 1, [
    { label: t('High'), description: t('best for uploading (default)'), value: 'high' },
    { label: t('Medium'), description: t('smaller file'), value: 'medium' },
    { label: t('Low'), description: t('quick preview'), value: 'low' },
  ]);
  if (!quality) return undefined;
  const resolution = await pick<string>(t, t('Resolution'), 2, [
    { label: t('Same as the timeline'), description: t('default'), value: '' },
    { label: '2160p (4K)', value: '2160p' },
    { label: '1080p', value: '1080p' },
    { label: '720p', value: '720p' },
  ]);
  if (resolution === undefined) return undefined;
  const fps = await pick<number>(t, t('Frame rate'), 3, [
    { label: t('Same as the timeline'), description: t('default'), value: 0 },
    { label: '24 fps', value: 24 },
    { label: '30 fps', value: 30 },
    { label: '60 fps', value: 60 },
  ]);
  if (fps === undefined) return undefined;
  return { format: 'mp4', quality, ...(resolution ? { resolution } : {}), ...(fps ? { fps } : {}) };
}
