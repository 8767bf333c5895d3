// What one user message produces, in order (the last event is always `done`): the vocabulary every front
// end (chat panel, CLI, agents) reads from Workflow.send.
import type { Credits } from '../api/client';
import type { NemoError } from '../api/errors';
import type { UploadedFile } from '../api/schemas';
import type { Timeline } from '../draft/timeline';
import type { RenderJob } from '../render/job';

export type TurnEvent =
  /** The full visible text so far: REPLACE what was shown. */
  | { type: 'text'; text: string }
  /** Tool work in progress, e.g. "Editing timeline…". */
  | { type: 'progress'; label: string }
  /** Only heartbeats for a while: the backend is still busy. */
  | { type: 'still-working'; elapsedMs: number }
  /** What changed in the timeline, for turns that ended without text or dropped. */
  | { type: 'summary'; text: string; timeline: Timeline | null }
  /**
   * Plain information worth showing (session restarted, connection dropped and not re-sent…). `stop`: this
   * notice is the one that says what a Stop meant for the message (see TurnStop); a front end that ends with
   * its own last line (the CLI) says this text there instead of inventing its own.
   */
  | { type: 'notice'; text: string; stop?: TurnStop }
  | IntentEvent
  | { type: 'error'; error: NemoError }
  /**
   * `notUnderstood`: the backend said it understood nothing of the message and changed nothing (only the
   * local engine's planner says so; see core/sse/decode.ts). Front ends may then offer a language model's help.
   * `sent: false` (only with 'stopped'): stopped before anything reached the editor (no session yet, or the
   * message never left), so there is nothing it could still finish and nothing to check.
   */
  | { type: 'done'; outcome: TurnOutcome; notUnderstood?: true; sent?: false };

/**
 * Where a stopped message was when the user stopped it, which decides what is true to say:
 * 'no-session' — the session was still being made, the message was not sent, nothing will change;
 * 'not-sent' — the session existed but the message never left, so the editor did not get it;
 * 'may-finish' — the message (or an export submit) may have reached the editor, which may still finish it.
 */
export type TurnStop = 'no-session' | 'not-sent' | 'may-finish';

export type TurnOutcome = 'text' | 'silent' | 'dropped' | 'timed-out' | 'stopped' | 'error';

export type IntentEvent =
  | { type: 'intent'; intent: 'export'; job: RenderJob; text: string }
  | { type: 'intent'; intent: 'credits'; credits: Credits; text: string }
  | { type: 'intent'; intent: 'status'; timeline: Timeline; text: string }
  /** `needsFiles`: the user asked to upload but attached nothing; the front end should offer a picker. */
  | { type: 'intent'; intent: 'upload'; files: UploadedFile[]; text: string; needsFiles?: boolean };
