// The public surface of the core: everything the extension (src/vscode), the CLI and tests build on.
// Nothing under src/core imports `vscode`. Import from here, not from the files behind it.

export { type Lang, type MessageKey, t, messageKeys, langFromLocale } from './i18n';
export { type Clock, realClock, sleepOn } from './clock';
export { PACKAGE_VERSION } from './version';

// draft → timeline
export {
  type TrackKind,
  type TimelineSegment,
  type TimelineTrack,
  type Timeline,
  decodeDraft,
  summarizeTimeline,
  describeTrack,
  trackLabel,
  isExportReady,
  diffTimelines,
  sameTimeline,
  normaliseVolume,
} from './draft/timeline';

// errors
export {
  type NemoErrorKind,
  type RecoveryAction,
  type RecoveryActionId,
  NemoError,
  isNemoError,
  isTransient,
  ACCEPTED_TYPES,
  MAX_UPLOAD_BYTES,
  formatBytes,
} from './api/errors';

// storage, transport, logging
export {
  type SecretStore,
  type StateStore,
  STORE_KEYS,
  MemorySecretStore,
  MemoryStateStore,
  FileSecretStore,
  FileStateStore,
  configDir,
} from './session/stores';
export { type Transport, globalFetchTransport, undiciTransport } from './api/transport';
export { type Logger, redact, redactingLogger, silentLogger } from './api/logger';

// the client
export {
  NemoClient,
  type NemoClientOptions,
  type TokenInfo,
  type SessionInfo,
  type ClaimLink,
  type Credits,
  type SessionStateAnswer,
  type UploadProgress,
  type RenderOutput,
  type CancelAnswer,
  type SubmitAnswer,
  DEFAULT_API_URL,
  DEFAULT_WEB_URL,
  sameOrigin,
} from './api/client';
export type { UploadedFile, UploadData } from './api/schemas';
export { readRenderStatus, type RenderStatusInfo } from './api/envelope';

// chat pieces (pure)
export { routeIntent, type Intent } from './chat/intents';
export { translateGuiPhrases } from './chat/gui';
export { dropTrailingNoise } from './chat/noise';
export { progressLabel } from './chat/progress';
export { decodeFrame, TextAccumulator, type DecodedFrame } from './sse/decode';
export { readTurn, DEFAULT_TURN_LIMITS, type TurnLimits, type StreamEvent, type StreamEnd } from './sse/turn';

// render jobs
export { type RenderJob, type RenderStatus, isFinished, newRenderId, normaliseStatus } from './render/job';
export { submitExport, pollExport, isDuplicateId, DEFAULT_EXPORT_POLL_MS, type JobWake } from './render/export';
export { downloadRender, type DownloadOptions } from './render/download';
export { exportStem, uniqueFileName, sanitizeStem, resolveOutputFolder } from './render/naming';
export { JobStore, type TrackedJob, type BackendScope, validJobs, needsWork, isLocalBackendKey, keysNeedingWork, MAX_STORED_JOBS } from './render/jobStore';

// the YouTube upload kit (made after every export, both backends) and the ffmpeg helpers it shares with the engine
export {
  buildKit,
  burnCaptionFile,
  kitForJob,
  KitUnavailableError,
  parseKit,
  loadKit,
  type LoadedKit,
  parseCaptions,
  CaptionParseError,
  kitFileNames,
  chapterStamp,
  isCaptionFile,
  ks,
  type KitResult,
  type KitJobOptions,
  type YoutubeKit,
  type Cue,
} from './kit/index';
export { resolveFfmpegPaths, type FfmpegPaths } from './media/ffmpegPaths';

// the workflow
export {
  Workflow,
  type WorkflowOptions,
  type TurnEvent,
  type TurnOutcome,
  type TurnStop,
  type IntentEvent,
  type StoredSession,
  type StatePollOptions,
  type UploadResult,
  type UploadOptions,
  type SaveExportOptions,
  type SavedExport,
  type ExportKitOptions,
  type CancelResult,
  DEFAULT_STATE_POLL,
} from './workflow/index';
export { fetchPreview, readLocalPreview, PreviewUnavailable, type LocalPreview, type PreviewManifest, type PreviewReason, type FetchPreviewOptions } from './preview/fetch';
export type { PreviewData } from './api/schemas';
export { previewFromExport, ffmpegRuns, type ExportPreview } from './preview/fromExport';
export { draftFingerprint } from './draft/fingerprint';
