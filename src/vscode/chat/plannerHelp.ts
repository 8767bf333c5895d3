// The chat's side of the language model that helps the local planner (the helper itself is
// src/vscode/agents/restater.ts, reached through contracts.ts): after a turn the planner did not understand,
// ask the helper, say so in ONE notice updated in place (asking → what was understood, or why nothing was
// done), and hand back the instructions to send. No vscode import: unit-tested with a scripted helper.
import type { Entry } from '../../shared/protocol';
import type { PlannerHelper, Restatement } from '../contracts';
import type { Tr } from '../ui/l10n';

export interface HelpHost {
  put(entry: Entry): void;
  newId(): string;
  tr: Tr;
  warn(message: string): void;
}

/** The language model's restatement as one message for the planner, or undefined (then nothing is sent). */
export async function askPlannerHelper(host: HelpHost, helper: PlannerHelper, request: string, signal: AbortSignal): Promise<string | undefined> {
  const { tr } = host;
  const id = host.newId();
  let asked = false;
  const result = await helper
    .restate(request, {
      signal,
      onAsking: (model) => {
        asked = true;
        host.put({ kind: 'notice', id, text: askingText(tr, model) });
      },
    })
    .catch((e: unknown) => {
      host.warn(`chat: planner help failed: ${e instanceof Error ? e.message : String(e)}`);
      return undefined;
    });
  if (!result) {
    // No model: nothing was said and nothing is. A model that was asked gets a closing word.
    if (asked) host.put({ kind: 'notice', id, text: signal.aborted ? stoppedText(tr) : tr('Nothing was changed.') });
    return undefined;
  }
  if (signal.aborted) {
    host.put({ kind: 'notice', id, text: stoppedText(tr) });
    return undefined;
  }
  host.put({ kind: 'notice', id, text: restatedText(tr, result, Math.round(helper.timeoutMs / 1000)) });
  return result.ok ? instructionsMessage(result.instructions) : undefined;
}

/** The request restated as one message for the planner: one instruction per line. */
export function instructionsMessage(instructions: readonly string[]): string {
  return instructions.join('\n');
}

export function askingText(tr: Tr, model: string): string {
  return tr('The local editor did not understand that. Asking {0} (a language model) to restate it as instructions the editor understands… Stop cancels.', model);
}

export function stoppedText(tr: Tr): string {
  return tr('Stopped asking the language model. Nothing was changed.');
}

/** The notice after the model answered: what will be sent, or why nothing is. */
export function restatedText(tr: Tr, r: Restatement, timeoutSeconds: number): string {
  if (r.ok) {
    const lines = r.instructions.map((l) => `- ${l}`).join('\n');
    return [tr('{0} (a language model) read your request as:', r.model), lines, tr('Sending that to the local editor, which applies it; the model changes nothing itself.')].join('\n');
  }
  const why = {
    none: tr('it said the request cannot be done with the edits the local editor knows'),
    empty: tr('its answer was empty'),
    'too-long': tr('its answer was longer than a few short instructions'),
    'not-understood': tr('its answer was not something the local editor understands'),
    timeout: tr('it did not answer within {0} seconds', timeoutSeconds),
    failed: tr('the request to the model failed'),
  }[r.reason];
  return tr('{0} (a language model) could not restate the request safely ({1}), so nothing was changed. Try one of the phrasings listed above.', r.model, why);
}
