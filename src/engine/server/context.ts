// What every route handler gets: the stores, the ffmpeg status and a few settings. Built once by startEngine.
import type { FfmpegPaths, MediaInfo } from '../model';
import type { TokenStore } from './auth';
import type { Ledger } from './ledger';
import type { PreviewService } from './previews';
import type { RenderQueue } from './render-queue';
import type { SessionStore, StoredMedia } from './sessions';
import type { SignedUrls } from './signed-urls';
import type { SilenceAnalyses } from './silenceAnalyses';
import type { ToolCheck } from './toolCheck';

export interface ToolStatus {
  ok: boolean;
  missing: string[];
  hint: string;
  version: string;
}

export interface EngineContext {
  dataDir: string;
  tokens: TokenStore;
  ledger: Ledger;
  sessions: SessionStore;
  renders: RenderQueue;
  /** Preview proxies (engine-only endpoint, see README). */
  previews: PreviewService;
  urls: SignedUrls;
  /** Each uploaded clip's silences, detected in the background after its upload. */
  silences: SilenceAnalyses;
  ffmpeg: FfmpegPaths;
  /** The ffmpeg check, running beside the engine from its start (toolCheck.ts). */
  tools: ToolCheck;
  heartbeatMs: number;
  /** Per-file upload ceiling: the contract's 500 MB (tests lower it to exercise the streaming count). */
  maxUploadBytes: number;
  turnDelayMs: number;
  /** Sessions with a chat turn running now (one turn at a time per session). */
  busyTurns: Set<string>;
  /** Promises of turns still running after their stream closed; close() waits for them. */
  runningTurns: Set<Promise<void>>;
  log(line: string): void;
}

/** The full MediaInfo the planner and renderer see: path and URL rebuilt for this data folder and port. */
export function mediaInfo(ctx: Pick<EngineContext, 'sessions' | 'urls'>, sessionId: string, m: StoredMedia): MediaInfo {
  return { ...m, path: ctx.sessions.mediaPath(sessionId, m.filename), url: ctx.urls.upload(sessionId, m.id, m.filename) };
}
