// The kit for one finished render job: the draft it was exported from (its snapshot, else the current
// state), the session's caption sources and the MP4 the job saved. The workflow calls this after every
// download; Render Jobs' "Burn captions in" and `generator-youtube kit <render-id>` call it again.
import * as fs from 'node:fs';
import type { FfmpegPaths } from '../media/ffmpegPaths';
import type { RenderJob } from '../render/job';
import type { StateStore } from '../session/stores';
import { buildKit, type KitInput, type KitResult } from './build';
import type { MediaRef } from './editMap';
import { captionSources, exportSnapshot } from './records';
import type { KitLang } from './strings';
import type { WhisperConfig } from './transcribe';

export interface KitJobDeps {
  store: StateStore;
  backendKey: string;
  /** The session's current draft and media, when the job has no snapshot (exported by an older version). */
  currentState(signal?: AbortSignal): Promise<{ draft: unknown; media: MediaRef[] }>;
}

export interface KitJobOptions {
  lang: KitLang;
  ffmpeg: FfmpegPaths | null;
  whisper?: WhisperConfig;
  /** Burn captions into `<stem>.captioned.mp4`; default: when the draft asks for it (`m.burnCaptions`). */
  burn?: boolean;
  /** Use this caption file (already in the video's time, e.g. the kit's .srt after the user edited it). */
  outputCaptions?: string;
  signal?: AbortSignal;
  onProgress?: KitInput['onProgress'];
}

export class KitUnavailableError extends Error {}

export function draftWantsBurn(draft: unknown): boolean {
  const m = draft && typeof draft === 'object' ? (draft as { m?: unknown }).m : undefined;
  return !!m && typeof m === 'object' && (m as { burnCaptions?: unknown }).burnCaptions === true;
}

export async function kitForJob(deps: KitJobDeps, job: RenderJob, opts: KitJobOptions): Promise<KitResult> {
  if (!job.localPath || !fs.existsSync(job.localPath)) {
    throw new KitUnavailableError(job.localPath ? `${job.localPath} is missing` : `${job.id} was not downloaded`);
  }
  const snap = exportSnapshot(deps.store, deps.backendKey, job.id);
  const { draft, media } = snap ?? (await deps.currentState(opts.signal));
  return buildKit({
    video: job.localPath,
    draft,
    media,
    captionSources: captionSources(deps.store, deps.backendKey, job.sessionId),
    outputCaptions: opts.outputCaptions,
    lang: opts.lang,
    ffmpeg: opts.ffmpeg,
    whisper: opts.whisper,
    burnCaptions: opts.burn ?? draftWantsBurn(draft),
    signal: opts.signal,
    onProgress: opts.onProgress,
  });
}
