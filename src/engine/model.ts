// The seam between the engine's HTTP server (src/engine/server/) and its editing brain
// (src/engine/planner/ turns instructions into draft edits, src/engine/render/ turns a draft into an MP4).
// The server owns uploads, sessions, persistence and jobs; it never looks inside a draft. The planner and
// renderer never touch HTTP. Types only: the implementations live in those folders.

/** One uploaded file after ffprobe ingest; persisted by the server, shown in state.video_infos. */
export interface MediaInfo {
  /** Stable id within the session (used by draft segments as their `src`). */
  id: string;
  /** Sanitised file name as stored (unique within the session). */
  filename: string;
  /** Absolute path inside the engine's data folder. */
  path: string;
  kind: 'video' | 'audio' | 'image';
  /** Seconds; 0 for images. */
  duration: number;
  width: number;
  height: number;
  fps: number;
  hasAudio: boolean;
  /** sha256 of the file's bytes, hex. */
  hash: string;
  size: number;
  /** URL the server serves the file at (cdn_url in the contract). */
  url: string;
}

/**
 * The compact draft, in the contract's shape (`t` tracks, `tt` type 0 video / 1 audio / 7 text, `sg`
 * segments, `d` duration ms, `m` metadata). The planner defines the segment fields it uses (all times in ms);
 * the server stores and returns it verbatim.
 */
export interface CompactDraft {
  t: Array<{ tt: number; sg: Array<Record<string, unknown>>; d: number; m?: Record<string, unknown> }>;
  d: number;
  m?: Record<string, unknown>;
}

export interface ToolCall {
  /** e.g. "add_intro_card", "trim", "remove_silences", "add_bgm", "set_aspect" */
  name: string;
  args: Record<string, unknown>;
  /** One line for humans: "Added intro card \"My Trip\" (3 s)". */
  summary: string;
}

export interface PlanContext {
  draft: CompactDraft | null;
  media: MediaInfo[];
  /** Silence intervals [startSec, endSec] of a media file's audio (ffmpeg silencedetect); cached by the caller. */
  detectSilences(media: MediaInfo): Promise<Array<[number, number]>>;
  language: Lang;
}

export interface PlanResult {
  /** The new draft (unchanged object if nothing was done). */
  draft: CompactDraft | null;
  toolCalls: ToolCall[];
  /** What to say, one or two sentences; null = a silent edit (tool events only, as the cloud sometimes does). */
  reply: string | null;
  /** Credits this turn spends in the local ledger (0 for help/unknown requests). */
  credits: number;
  /**
   * False when no family of the planner recognised anything in the message (the reply then lists what
   * works). A front end that restates free text for the planner (e.g. a language model) should retry with
   * a restatement when this is false, and may show `reply` as is otherwise.
   */
  understood: boolean;
  /**
   * What the turn amounted to:
   *   'edit'           every recognised request was applied (toolCalls says what; the reply names each)
   *   'partial'        some were applied, the reply says plainly which were not and why
   *   'refusal'        recognised, but nothing could be done (cloud-only, not found, already so): no change
   *   'question'       too vague to act on: `reply` is ONE short question and the draft is unchanged
   *   'no-change'      recognised but nothing to do (e.g. no upload yet)
   *   'not-understood' nothing recognised (`understood` is false); only a first turn's timeline is built
   */
  kind: 'edit' | 'partial' | 'refusal' | 'question' | 'no-change' | 'not-understood';
}

export interface RenderRequest {
  draft: CompactDraft;
  media: MediaInfo[];
  /** Final path; the renderer writes `<outPath>.part` files and renames at the end. */
  outPath: string;
  /** Scratch folder for the audio mix and graph scripts (the caller deletes it). */
  workDir: string;
  ffmpeg: FfmpegPaths;
  onProgress(percent: number): void;
  signal: AbortSignal;
}

export interface RenderResult {
  durationMs: number;
  size: number;
  width: number;
  height: number;
  fps: number;
}

import type { FfmpegPaths } from '../core/media/ffmpegPaths';
import type { Lang } from '../core/i18n';

export type { FfmpegPaths };
