// The Render Jobs kit actions: Copy Title / Description / Tags, Choose Thumbnail (a QuickPick with a picture
// of each candidate; the chosen one becomes `<stem>.jpg`), Burn Captions In (saves the captions if you
// edited them, then writes `<stem>.captioned.mp4` with your edits) and Make Upload Kit Again.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { burnCaptionFile, resolveFfmpegPaths } from '../../core';
import { COMMANDS } from '../ids';
import type { Services } from '../services';
import { errorText } from '../ui/errors';
import type { ViewNode } from '../ui/viewNode';
import type { Renders } from './controller';
import type { TrackedJob } from '../../core';
import { type LoadedKit, loadKit } from './kitNodes';
import { makeKit } from './kitStep';
import type { RenderJobsProvider } from './provider';
import { openInSystemPlayer } from '../ui/files';

/** The kit of the row's job; from the palette (no row), the newest finished job that has one. */
function target(renders: Renders, provider: RenderJobsProvider, node?: ViewNode): { job: TrackedJob; kit: LoadedKit } | undefined {
  const jobs = node ? [provider.jobOf(node)].filter((j): j is TrackedJob => !!j) : [...renders.trackedJobs()].sort((a, b) => b.createdAt - a.createdAt);
  for (const job of jobs) {
    const kit = loadKit(job.localPath);
    if (kit) return { job, kit };
  }
  return undefined;
}

/** Swaps two files through a temporary name (same folder: rename is atomic on every file system we ship to). */
async function swap(a: string, b: string): Promise<void> {
  const tmp = `${a}.swap.tmp`;
  await fs.promises.rename(a, tmp);
  await fs.promises.rename(b, a);
  await fs.promises.rename(tmp, b);
}

export function registerKitCommands(services: Services, renders: Renders, provider: RenderJobsProvider): vscode.Disposable[] {
  const t = renders.t;
  const withKit = (fn: (x: { job: TrackedJob; kit: LoadedKit }) => unknown) => (node?: ViewNode) => {
    const x = target(renders, provider, node);
    if (!x) {
      void vscode.window.showInformationMessage(t('No upload kit yet: it is made when an export is downloaded (setting "Upload Kit").'));
      return undefined;
    }
    return fn(x);
  };
  const copy = (what: string, text: string): Thenable<void> =>
    vscode.env.clipboard.writeText(text).then(() => {
      vscode.window.setStatusBarMessage(t('{0} copied', what), 3000);
    });

  const chooseThumbnail = async ({ kit }: { kit: LoadedKit }): Promise<void> => {
    const items = kit.kit.thumbnails
      .map((f) => path.join(kit.dir, f))
      .filter((p) => fs.existsSync(p))
      .map((p, i) => ({ label: i === 0 ? t('Current thumbnail') : t('Candidate {0}', i + 1), description: path.basename(p), iconPath: vscode.Uri.file(p), file: p }));
    const pick = await vscode.window.showQuickPick(items, { title: t('Choose the thumbnail'), placeHolder: t('The chosen picture becomes {0}', kit.kit.thumbnail ?? '') });
    if (!pick || pick.file === items[0]?.file) return;
    await swap(items[0].file, pick.file);
    provider.refresh();
    await vscode.commands.executeCommand('vscode.open', vscode.Uri.file(items[0].file));
  };

  const burn = async ({ job, kit }: { job: TrackedJob; kit: LoadedKit }): Promise<void> => {
    const cap = kit.kit.captions[0];
    const srt = cap ? path.join(kit.dir, cap.srt) : undefined;
    if (!srt || !fs.existsSync(srt) || !job.localPath) {
      void vscode.window.showInformationMessage(t('There are no captions to burn in: add a .srt or .vtt next to a source clip (or attach one in the chat) and export again.'));
      return;
    }
    // Your edits count: an open, unsaved captions file is saved first.
    const open = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && path.resolve(d.uri.fsPath) === path.resolve(srt));
    if (open?.isDirty) await open.save();
    try {
      const out = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: t('Burning captions in'), cancellable: true },
        async (progress, token) => {
          const ac = new AbortController();
          token.onCancellationRequested(() => ac.abort());
          let last = 0;
          return burnCaptionFile({
            video: job.localPath!, captions: srt, ffmpeg: resolveFfmpegPaths(services.config.settings.ffmpegPath), lang: services.config.settings.language, signal: ac.signal,
            onProgress: (p) => {
              const v = Math.floor(p);
              if (v > last) progress.report({ increment: v - last, message: `${v}%` });
              last = Math.max(last, v);
            },
          });
        },
      );
      provider.refresh();
      const play = t('Open with System Player');
      if ((await vscode.window.showInformationMessage(t('Captions burned in: {0}', path.basename(out)), play)) === play) await openInSystemPlayer(out);
    } catch (e) {
      if (e instanceof Error && e.name === 'AbortError') return;
      void vscode.window.showErrorMessage(errorText(e));
    }
  };

  const again = async ({ job }: { job: TrackedJob }): Promise<void> => {
    try {
      const { workflow } = await renders.connect();
      await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: t('Making the upload kit') }, () => makeKit(services, workflow, job));
      provider.refresh();
    } catch (e) {
      void vscode.window.showErrorMessage(t('The upload kit could not be made: {0}', errorText(e)));
    }
  };

  return [
    vscode.commands.registerCommand(COMMANDS.kitCopyTitle, withKit(({ kit }) => copy(t('Title'), kit.kit.title))),
    vscode.commands.registerCommand(COMMANDS.kitCopyDescription, withKit(({ kit }) => copy(t('Description'), kit.kit.description))),
    vscode.commands.registerCommand(COMMANDS.kitCopyTags, withKit(({ kit }) => copy(t('Tags'), kit.kit.tags.join(', ')))),
    vscode.commands.registerCommand(COMMANDS.kitChooseThumbnail, withKit(chooseThumbnail)),
    vscode.commands.registerCommand(COMMANDS.kitBurnCaptions, withKit(burn)),
    vscode.commands.registerCommand(COMMANDS.kitMakeAgain, (node?: ViewNode) => {
      const job = node ? provider.jobOf(node) : undefined;
      return job ? again({ job }) : undefined;
    }),
  ];
}
