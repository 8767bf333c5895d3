// The upload kit in the extension: the core's one flow (kitForJob) with this window's settings — ffmpeg
// path, language, the user's whisper.cpp — run after every download and again on "Make Upload Kit Again"
// and "Burn Captions In". A kit that cannot be made never fails the export: the video is saved already.
import * as vscode from 'vscode';
import { type KitJobOptions, kitForJob, type KitResult, type RenderJob, resolveFfmpegPaths, type Workflow } from '../../core';
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

/** After a download: the kit, or one warning saying why there is none (the video itself is fine). */
export async function kitAfterDownload(services: Services, t: Tr, workflow: Workflow, job: RenderJob, signal: AbortSignal): Promise<KitResult | undefined> {
  if (!services.config.settings.uploadKit || !job.localPath) return undefined;
  try {
    return await makeKit(services, workflow, job, { signal });
  } catch (e) {
    if (signal.aborted) return undefined;
    services.logger.warn(`kit ${job.id}: ${errorText(e)}`);
    void vscode.window.showWarningMessage(t('The video was saved, but its upload kit could not be made: {0}', errorText(e)));
    return undefined;
  }
}
