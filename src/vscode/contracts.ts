// The few entry points features offer each other. activate() wires them explicitly, in dependency order:
//   renders (exports + Render Jobs view) → timeline view → chat (uses renders) → status bar → commands (use all).
// Feature folders never import each other: what one offers another is an interface here.
import type * as vscode from 'vscode';
import type { Credits, RenderJob, RenderOutput, SavedExport, TokenInfo, TurnEvent, TurnOutcome } from '../core';

/** Owned by src/vscode/renders/: every export the user starts goes through here, whatever the way in. */
export interface RenderController {
  /**
   * Exports the current draft: refuses with a clear message when it is not ready, submits, shows a
   * cancellable progress notification (cancel = stop waiting; the job continues in the Render Jobs view),
   * polls, downloads into the output folder, then offers Open / Reveal / Copy link.
   * Resolves with the job as it ended (or as it was when the user stopped waiting); undefined if refused.
   * `signal` (quiet exports only): stop waiting once the job is submitted and resolve with it as it stands;
   * the caller decides whether to cancel it on the backend (Workflow.cancelExport).
   */
  exportCurrent(opts?: { output?: RenderOutput; quiet?: boolean; outDir?: string; signal?: AbortSignal }): Promise<RenderJob | undefined>;
  /**
   * The upload kit the core's export flow made with the last download of this job in this window (`kit`), or
   * why it could not (`kitError`); undefined when none was made (the Upload Kit setting is off, no download).
   */
  lastKit(jobId: string): Pick<SavedExport, 'kit' | 'kitError'> | undefined;
  /** Tracks a job submitted elsewhere (the chat's export intent): persisted, polled, downloaded. */
  track(job: RenderJob): Promise<RenderJob>;
  /** Every update of any job (progress, completion, download, removal). */
  readonly onDidUpdateJob: vscode.Event<RenderJob>;
  jobs(): readonly RenderJob[];
}

/** Owned by src/vscode/chat/: the chat panel and its transcript. */
export interface ChatController {
  /** Shows and focuses the chat view. */
  reveal(): Promise<void>;
  /**
   * Sends a message as if the user typed it (with optional local files to upload first), streaming the reply
   * into the transcript. Resolves when the turn ends. Never sends while another turn is running: it
   * then rejects with an Error saying a turn is in progress. `onEvent` sees every event of the turn as the
   * transcript does (the agent tools read the reply from it). `signal` is a Stop from the caller (an agent's
   * cancellation): like the panel's Stop button it stops listening (outcome 'stopped') and never re-sends.
   */
  send(text: string, opts?: { attachments?: string[]; onEvent?: (ev: TurnEvent) => void; signal?: AbortSignal }): Promise<TurnOutcome>;
  /** Adds a line from the extension itself (e.g. "Uploaded 2 files") to the transcript. */
  notice(text: string): void;
  /** True while a turn is streaming. */
  readonly busy: boolean;
}

/** Owned by src/vscode/statusBar/: the credit balance shown in the status bar. */
export interface CreditsDisplay {
  /** Fetches the balance again (after something that can spend credits). Never throws. */
  refresh(): Promise<void>;
  /** Shows a balance fetched elsewhere, without another request. */
  show(credits: Credits, identity: TokenInfo): void;
}

/** What the local planner's rules missed, restated by a language model (src/vscode/agents/restater.ts). */
export type Restatement =
  | { ok: true; model: string; instructions: string[] }
  /** The model answered but its answer cannot be applied safely (or it had none, or took too long). */
  | { ok: false; model: string; reason: 'none' | 'empty' | 'too-long' | 'not-understood' | 'timeout' | 'failed' };

/** Owned by src/vscode/agents/: used by the chat after a local turn that ended with `notUnderstood`. */
export interface PlannerHelper {
  /**
   * When VS Code has a language model and the backend is local: the model's restatement of `request`,
   * checked by the planner's parser. Undefined when there is no model or the user stopped (nothing changes).
   */
  restate(request: string, opts: { signal: AbortSignal; onAsking?: (model: string) => void }): Promise<Restatement | undefined>;
  /** How long the model may take (reason 'timeout' after it). */
  readonly timeoutMs: number;
}
