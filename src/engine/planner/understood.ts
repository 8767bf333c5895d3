// Whether the planner acts on an instruction as an edit: at least one intent, and none of them a refusal
// ('cannot'), a question back ('clarify') or a note that changes nothing ('inform'). The extension uses it
// to check a language model's restatement of a request before sending it (src/vscode/agents/restater.ts):
// a restatement is only worth sending when the planner will apply it without guessing.
import { parseIntents } from './intents';

const NOT_AN_EDIT = new Set(['cannot', 'clarify', 'inform']);

export function plannerUnderstands(instruction: string): boolean {
  const intents = parseIntents(instruction);
  return intents.length > 0 && intents.every((i) => !NOT_AN_EDIT.has(i.kind));
}
