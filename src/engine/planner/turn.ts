// One chat turn as the families see it: the working draft, what was applied (tool calls: the ONLY source
// of the "Done" sentence), notes (plain statements of what was not done and why), and at most one question.
import type { MediaInfo, PlanContext, ToolCall } from '../model';
import type { Draft } from './format';
import type { Intent } from './intents';
import type { Scan } from './scan';
import { type Lang, say } from './say';

export interface Turn {
  draft: Draft;
  media: MediaInfo[];
  ctx: PlanContext;
  lang: Lang;
  calls: ToolCall[];
  notes: string[];
  /** A short clarifying question; when set, the planner discards every edit of the turn and only asks. */
  question: string | null;
  /** Records an applied edit; its summary is what the reply says. */
  call(name: string, args: Record<string, unknown>, en: string, zh: string): void;
  note(en: string, zh: string): void;
  ask(en: string, zh: string): void;
  /** Applies another family's intent (the one-shot "generate" is made of single edits). */
  apply(it: Intent): Promise<void>;
}

/**
 * One edit family: how its intents are read from a message and how they change the draft. A family only
 * claims (via turn.call) what it actually changed.
 */
export interface Family<I extends Intent = Intent> {
  kinds: ReadonlyArray<I['kind']>;
  parse(s: Scan, original: string, out: Intent[]): void;
  apply(turn: Turn, it: I): Promise<void> | void;
}

export function makeTurn(draft: Draft, media: MediaInfo[], ctx: PlanContext, lang: Lang, calls: ToolCall[], apply: (t: Turn, it: Intent) => Promise<void>): Turn {
  const turn: Turn = {
    draft, media, ctx, lang, calls, notes: [], question: null,
    call: (name, args, en, zh) => { calls.push({ name, args, summary: say(lang, en, zh) }); },
    note: (en, zh) => { turn.notes.push(say(lang, en, zh)); },
    ask: (en, zh) => { turn.question ??= say(lang, en, zh); },
    apply: (it) => apply(turn, it),
  };
  return turn;
}
