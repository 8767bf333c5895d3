// The language model behind the local planner, the part that needs no editor: what the model is asked, and
// how its answer is checked before anything is applied. The model only RESTATES a request the planner's
// rules missed as the planner's own explicit instructions; the planner then applies them deterministically.
// Its answer is refused unless every line is short, plain text that the planner itself understands.
import { redact } from '../api/logger';

export const RESTATE_LIMITS = { lines: 5, lineChars: 240, requestChars: 2000 } as const;

/** The prompt: the planner's own list of what it can do, the user's request (token-free), the answer form. */
export function restatePrompt(request: string, plannerHelp: string): string {
  return [
    'You translate a video-editing request into instructions for a rule-based video editor that only understands the phrasings below.',
    `What the editor understands (with examples): ${plannerHelp}`,
    'Rewrite the request as one to five short English instructions in those phrasings, one per line, with exact numbers (seconds, percentages) and quoted titles.',
    'Only restate what the request asks for; never add edits it did not ask for.',
    'If the request cannot be expressed with what the editor understands, answer exactly: NONE',
    'Answer with the instructions only: no explanations, no numbering, no quotes around the lines.',
    '',
    `Request: ${redact(request).slice(0, RESTATE_LIMITS.requestChars)}`,
  ].join('\n');
}

export type RestateCheck = { ok: true; lines: string[] } | { ok: false; reason: 'none' | 'empty' | 'too-long' | 'not-understood'; detail?: string };

/**
 * Checks the model's answer. `understands` is the planner's own parser: a line it does not act on is refused,
 * and so is the whole answer (applying half of a misunderstanding is worse than applying nothing).
 */
export function checkRestatement(answer: string, understands: (line: string) => boolean): RestateCheck {
  const lines = answer
    .replace(/```[a-z]*\n?/gi, '')
    .split(/\r?\n/)
    .map((l) => l.replace(/^\s*(?:[-*•]|\d+[.)])\s*/, '').trim())
    .filter((l) => l.length > 0);
  if (lines.length === 1 && /^none\.?$/i.test(lines[0]!)) return { ok: false, reason: 'none' };
  if (lines.length === 0) return { ok: false, reason: 'empty' };
  if (lines.length > RESTATE_LIMITS.lines || lines.some((l) => l.length > RESTATE_LIMITS.lineChars)) return { ok: false, reason: 'too-long' };
  const missed = lines.find((l) => !understands(l));
  if (missed !== undefined) return { ok: false, reason: 'not-understood', detail: missed };
  return { ok: true, lines };
}
