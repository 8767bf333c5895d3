// The webviews' one protocol (chat panel, and the preview panel at the end): every host ⇄ webview message, with the
// direction it travels. Both bundles import this file; the webview imports TYPES ONLY (so zod stays out of
// its bundle and its strict CSP), the host also uses the zod schema below to validate every message the
// webview sends. Anything that does not match is dropped and logged: the webview is treated as untrusted.
//
// Order: the webview posts `ready` once its script runs; only then does the host post `init` (messages
// posted to a hidden or not-yet-loaded webview are lost, so the host keeps the transcript and replays it).
import * as z from 'zod';
import type { FilmstripLayout, WaveformPeaks } from './previewManifest';

// ---------------------------------------------------------------------------------------------------------
// Limits (the host enforces them; `init` tells the webview so it can say so before sending).

export const LIMITS = {
  /** One chat message typed by the user. The local engine refuses over 20 000 characters too. */
  messageChars: 8_000,
  /** Dropped or pasted attachments in one go. */
  dropItems: 20,
  /** One dropped item (a path, file URI or URL). */
  itemChars: 4_096,
  /** Entry ids, job ids, action ids. */
  idChars: 128,
  /** A link the user clicked in a reply. */
  urlChars: 2_048,
} as const;

// ---------------------------------------------------------------------------------------------------------
// Transcript entries: plain JSON, kept by the host, persisted per session and replayed into the webview.

/** The one button an error (or a stop notice) offers; the host looks the action up by entry id, never trusting a URL from the webview. */
export interface EntryAction {
  id: 'new-session' | 'register' | 'top-up' | 'show-formats' | 'retry' | 'set-token' | 'check-status' | 'trim-or-compress' | 'open-settings' | 'none';
  label: string;
  url?: string;
}

export type AssistantStatus = 'streaming' | 'done' | 'stopped' | 'interrupted' | 'error';

export type Entry =
  | { kind: 'user'; id: string; text: string; at: number }
  /** One reply: `text` is markdown and is REPLACED on each streamed text event; `progress` are compact tool lines. */
  | { kind: 'assistant'; id: string; text: string; progress: string[]; stillWorkingMs?: number; status: AssistantStatus; at: number }
  | { kind: 'notice'; id: string; text: string; action?: EntryAction }
  /** What a silent (or dropped) turn changed in the timeline. */
  | { kind: 'summary'; id: string; text: string; tracks: string[] }
  | { kind: 'error'; id: string; text: string; action?: EntryAction }
  | { kind: 'credits'; id: string; text: string; available: number; frozen: number; total: number }
  | { kind: 'status'; id: string; text: string; tracks: string[] }
  | {
      kind: 'render';
      id: string;
      jobId: string;
      status: 'pending' | 'processing' | 'completed' | 'failed' | 'cancelled';
      progress: number;
      /** Set once the file is downloaded: Open / Reveal are offered then. */
      localPath?: string;
      /** Copy link copies this (or the local path). */
      outputUrl?: string;
      error?: string;
      /** The upload kit, once made next to the file: its title, chapter lines and thumbnail. */
      kit?: RenderKit;
    }
  | {
      kind: 'upload';
      id: string;
      name: string;
      status: 'queued' | 'uploading' | 'done' | 'failed' | 'cancelled' | 'rejected';
      sentBytes: number;
      totalBytes: number;
      error?: string;
      action?: EntryAction;
    };

export type EntryKind = Entry['kind'];

export interface RenderKit {
  title: string;
  /** `0:00 Name` lines (empty: the video has no chapters). */
  chapters: string[];
  /** Host side: the small copy of the thumbnail in the extension's own storage (a webview resource root). */
  thumbPath?: string;
  /** Set by the host on every post: the webview URI of thumbPath (webview resource origin only). */
  thumbSrc?: string;
}

// ---------------------------------------------------------------------------------------------------------
// The localised strings the webview shows (built by the host with vscode.l10n.t, sent in `init`).

export const UI_STRING_KEYS = [
  'greeting',
  'starter1',
  'starter2',
  'starter3',
  'quickExport',
  'quickCredits',
  'quickStatus',
  'placeholder',
  'send',
  'stop',
  'attach',
  'busyTurn',
  'busyUploads',
  'stillWorking',
  'you',
  'assistant',
  'cancel',
  'open',
  'reveal',
  'copyLink',
  'kitHeading',
  'thumbnailAlt',
  'copyTitle',
  'copyDescription',
  'openKit',
  'rendering',
  'renderQueued',
  'renderDone',
  'renderFailed',
  'renderCancelled',
  'uploadQueued',
  'uploading',
  'uploaded',
  'uploadFailed',
  'uploadCancelled',
  'uploadRejected',
  'creditsTitle',
  'creditsAvailable',
  'creditsFrozen',
  'creditsTotal',
  'statusTitle',
  'showTimeline',
  'openPreview',
  'summaryTitle',
  'dropHere',
  'dropNoPath',
  'tooLong',
  'interrupted',
  'transcriptLabel',
  'inputLabel',
] as const;

export type UiStringKey = (typeof UI_STRING_KEYS)[number];
export type UiStrings = Record<UiStringKey, string>;

// ---------------------------------------------------------------------------------------------------------
// Host → webview

export type HostMessage =
  /** host → webview, answer to `ready`: everything needed to draw the panel from scratch. */
  | { type: 'init'; strings: UiStrings; entries: Entry[]; busy: BusyState; limits: { messageChars: number }; lang: 'en' | 'zh' }
  /** host → webview: add an entry, or replace the entry with the same id. */
  | { type: 'upsert'; entry: Entry }
  /** host → webview: drop an entry (an empty reply bubble once its turn ended). */
  | { type: 'remove'; id: string }
  /** host → webview: the whole transcript changed (new session, reopened session). */
  | { type: 'reset'; entries: Entry[] }
  /** host → webview: whether sending is allowed now, and why not. */
  | { type: 'busy'; busy: BusyState }
  /** host → webview: put the caret in the input (the view was revealed). */
  | { type: 'focus' };

export interface BusyState {
  /** A chat turn is streaming: Stop is shown, Send is disabled. */
  turn: boolean;
  /** Uploads still running: Send is disabled until they finish. */
  uploads: number;
}

// ---------------------------------------------------------------------------------------------------------
// Webview → host (validated with zod in the host: strict objects, bounded strings)

const id = z.string().min(1).max(LIMITS.idChars);

export const webviewMessageSchema = z.discriminatedUnion('type', [
  /** webview → host: the script is running; post `init` now. */
  z.strictObject({ type: z.literal('ready') }),
  /** webview → host: the user sent a message (typed, a starter chip or a quick button). */
  z.strictObject({ type: z.literal('send'), text: z.string().min(1).max(LIMITS.messageChars) }),
  /** webview → host: Stop (stop listening; the backend may still finish). */
  z.strictObject({ type: z.literal('stop') }),
  /** webview → host: the attach button; the host shows a file picker. */
  z.strictObject({ type: z.literal('attach') }),
  /** webview → host: items dropped or pasted (file URIs from text/uri-list, absolute paths, http(s) URLs). */
  z.strictObject({ type: z.literal('drop'), items: z.array(z.string().min(1).max(LIMITS.itemChars)).min(1).max(LIMITS.dropItems) }),
  /** webview → host: cancel one upload (entry id). */
  z.strictObject({ type: z.literal('cancelUpload'), entryId: id }),
  /** webview → host: a link in a reply was clicked; the host opens it only if it is https. */
  z.strictObject({ type: z.literal('openLink'), url: z.string().min(1).max(LIMITS.urlChars) }),
  /** webview → host: the action button of an error/notice/upload entry. */
  z.strictObject({ type: z.literal('entryAction'), entryId: id }),
  /** webview → host: a render card button. */
  z.strictObject({ type: z.literal('renderAction'), entryId: id, action: z.enum(['open', 'reveal', 'copy', 'copyTitle', 'copyDescription', 'openKit']) }),
  /** webview → host: show the Timeline view. */
  z.strictObject({ type: z.literal('showTimeline') }),
  /** webview → host: the Preview button; the host opens the preview panel (Generator YouTube: Preview). */
  z.strictObject({ type: z.literal('openPreview') }),
]);

export type WebviewMessage = z.infer<typeof webviewMessageSchema>;

/** Validates a message from the webview; returns undefined (and why) for anything unexpected. */
export function parseWebviewMessage(raw: unknown): { ok: true; message: WebviewMessage } | { ok: false; reason: string } {
  const r = webviewMessageSchema.safeParse(raw);
  if (r.success) return { ok: true, message: r.data };
  const issue = r.error.issues[0];
  return { ok: false, reason: issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'invalid message' };
}

// =========================================================================================================
// The preview panel (src/vscode/preview ⇄ src/webview/preview): same rules — the webview imports types only,
// the host validates what the webview sends with the schema below.

export const PREVIEW_STRING_KEYS = [
  'title',
  'player',
  'timelineLabel',
  'play',
  'pause',
  'loading',
  'rendering',
  'outOfDate',
  'lanesHint',
  'blockAt',
  'noLanes',
  'laneVideo',
  'laneAudio',
  'laneText',
  'laneOther',
] as const;

export type PreviewStringKey = (typeof PREVIEW_STRING_KEYS)[number];
export type PreviewStrings = Record<PreviewStringKey, string>;

/** One segment drawn to scale. `id` is the Timeline view's node id (`track/<t>/seg/<s>`). */
export interface PreviewBlock {
  id: string;
  startMs: number;
  endMs: number;
  label: string;
  /** On-screen text (text lanes draw it in the block). */
  text?: string;
}

export interface PreviewLane {
  id: string;
  kind: 'video' | 'audio' | 'text' | 'other';
  label: string;
  blocks: PreviewBlock[];
}

export interface PreviewMedia {
  /** Webview URI of the proxy (or the export on the cloud backend). */
  src: string;
  /** A new key = a new file; the webview keeps the play position across same-length swaps. */
  key: string;
  durationMs: number;
  width: number;
  height: number;
  filmstrip?: FilmstripLayout & { src: string };
  peaks?: WaveformPeaks;
}

/** The one action a problem line offers; the host maps it to a command (never a URL from the webview). */
export type PreviewActionId = 'openChat' | 'upload' | 'ffmpegSettings' | 'retry' | 'export';

export interface PreviewStatus {
  phase: 'idle' | 'loading' | 'rendering' | 'ready' | 'problem';
  /** 0–100 while rendering. */
  progress?: number;
  /** The media shown is not the current timeline (an edit is rendering, or the cloud's export is older). */
  stale?: boolean;
  /** A line under the player (problem text, or a note such as "sound needs ffmpeg"). */
  text?: string;
  action?: { id: PreviewActionId; label: string };
}

export type PreviewHostMessage =
  /** host → webview, answer to `previewReady`: strings, then the current timeline, media and status. */
  | { type: 'previewInit'; strings: PreviewStrings; lang: 'en' | 'zh' }
  | { type: 'previewTimeline'; lanes: PreviewLane[]; durationMs: number }
  | { type: 'previewMedia'; media: PreviewMedia | null }
  | { type: 'previewStatus'; status: PreviewStatus }
  /** host → webview: move the playhead (a segment was selected in the Timeline view). */
  | { type: 'previewSeek'; ms: number };

export const previewMessageSchema = z.discriminatedUnion('type', [
  /** webview → host: the script runs; send everything. */
  z.strictObject({ type: z.literal('previewReady') }),
  /** webview → host: the button of the status line. */
  z.strictObject({ type: z.literal('previewAction'), action: z.enum(['openChat', 'upload', 'ffmpegSettings', 'retry', 'export']) }),
  /** webview → host: the video could not be decoded (reported so the host can say so and log it). */
  z.strictObject({ type: z.literal('previewMediaError'), detail: z.string().max(500) }),
]);

export type PreviewWebviewMessage = z.infer<typeof previewMessageSchema>;

export function parsePreviewMessage(raw: unknown): { ok: true; message: PreviewWebviewMessage } | { ok: false; reason: string } {
  const r = previewMessageSchema.safeParse(raw);
  if (r.success) return { ok: true, message: r.data };
  const issue = r.error.issues[0];
  return { ok: false, reason: issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'invalid message' };
}
