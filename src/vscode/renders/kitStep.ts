// The upload kit in the extension: this window's settings — ffmpeg path, language, the user's whisper.cpp —
// for the kit the core's export flow makes after every download (Workflow.saveExport), and for the core's
// kitForJob on "Make Upload Kit Again" and "Burn Captions In". A kit that cannot be made never fails the
// export: the video is saved already.
import * as vscode from 'vscode';
import { type ExportKitOptions, type KitJobOptions, kitForJob, type KitResult, type RenderJob, resolveFfmpegPaths, type Workflow } from '../../core';
import type { Services } from '../services';
import { errorText } from '../ui/errors';
import type { Tr } from '../ui/l10n';

export async function makeKit(
  services: Services,
  workflow: Workflow,
  job: RenderJob,
  opts: Pick<KitJobOptions, 'burn' | 'outputCaptions' | 'signal' | 'onProgress'> = {},
): Promise<KitResult> {
  const s = services.config.settings;
  const res = await kitForJob(workflow.kitDeps(), job, {
    lang: s.language,
    ffmpeg: resolveFfmpegPaths(s.ffmpegPath),
    whisper: { bin: s.whisperCliPath, model: s.whisperModel },
    ...opts,
  });
  for (const n of res.notices) services.logger.info(`kit ${job.id}: ${n}`);
  return res;
}

/**
 * The kit options for the core's export flow (Workflow.saveExport), from this window's settings; false when
 * the "Upload Kit" setting is off. `starting` runs once as the kit begins (the row stops showing the download).
 */
export function kitOptions(services: Services, starting: () => void): ExportKitOptions | false {
  const s = services.config.settings;
  if (!s.uploadKit) return false;
  let started = false;
  return {
    ffmpeg: s.ffmpegPath,
    whisper: { bin: s.whisperCliPath, model: s.whisperModel },
    onProgress: () => {
      if (started) return;
      started = true;
      starting();
    },
  };
}

/** The kit could not be made after a download: one warning saying why (the video itself is fine). */
export function kitFailed(services: Services, t: Tr, job: RenderJob, e: unknown): void {
  services.logger.warn(`kit ${job.id}: ${errorText(e)}`);
  void vscode.window.showWarningMessage(t('The video was saved, but its upload kit could not be made: {0}', errorText(e)));
}
