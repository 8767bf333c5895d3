// The chat's side of the language model behind the local planner (src/vscode/chat/plannerHelp.ts) with a
// scripted helper in place of the model: one notice updated in place, the instructions handed back only
// when the model's restatement passed the planner's check, nothing at all without a model, and Stop wins.
import * as assert from 'node:assert/strict';
import type { Entry } from '../../../src/shared/protocol';
import type { PlannerHelper, Restatement } from '../../../src/vscode/contracts';
import { askPlannerHelper, type HelpHost } from '../../../src/vscode/chat/plannerHelp';
import { english } from '../../../src/vscode/ui/l10n';

function host(): HelpHost & { puts: Entry[]; warnings: string[] } {
  let n = 0;
  const puts: Entry[] = [];
  const warnings: string[] = [];
  return { puts, warnings, put: (e) => puts.push(e), newId: () => `e${++n}`, tr: english, warn: (m) => warnings.push(m) };
}

/** A scripted helper: says it asks `model` (unless undefined) and answers `result`. */
function scripted(model: string | undefined, result: Restatement | undefined | Error, beforeAnswer?: () => void): PlannerHelper {
  return {
    timeoutMs: 20_000,
    async restate(_request, { onAsking }) {
      if (model) onAsking?.(model);
      beforeAnswer?.();
      if (result instanceof Error) throw result;
      return result;
    },
  };
}

const notices = (h: { puts: Entry[] }): string[] => h.puts.map((e) => (e.kind === 'notice' ? `${e.id}: ${e.text}` : `?${e.kind}`));

describe('chat: language-model help for the local planner (scripted helper)', () => {
  it('a checked restatement: one notice (asking, then what was understood), the instructions as one message', async () => {
    const h = host();
    const sent = await askPlannerHelper(h, scripted('Stand-in', { ok: true, model: 'Stand-in', instructions: ['trim the first 2 seconds', 'remove silences'] }), 'tighten it', new AbortController().signal);
    assert.equal(sent, 'trim the first 2 seconds\nremove silences');
    assert.deepEqual(notices(h), [
      'e1: The local editor did not understand that. Asking Stand-in (a language model) to restate it as instructions the editor understands… Stop cancels.',
      'e1: Stand-in (a language model) read your request as:\n- trim the first 2 seconds\n- remove silences\nSending that to the local editor, which applies it; the model changes nothing itself.',
    ]);
  });

  it('a refused answer says why in plain words and sends nothing', async () => {
    for (const [reason, why] of [
      ['not-understood', 'its answer was not something the local editor understands'],
      ['none', 'it said the request cannot be done with the edits the local editor knows'],
      ['timeout', 'it did not answer within 20 seconds'],
      ['failed', 'the request to the model failed'],
    ] as const) {
      const h = host();
      const sent = await askPlannerHelper(h, scripted('M', { ok: false, model: 'M', reason }), 'x', new AbortController().signal);
      assert.equal(sent, undefined);
      assert.equal(notices(h).at(-1), `e1: M (a language model) could not restate the request safely (${why}), so nothing was changed. Try one of the phrasings listed above.`);
    }
  });

  it('without a model nothing is said and nothing is sent', async () => {
    const h = host();
    assert.equal(await askPlannerHelper(h, scripted(undefined, undefined), 'x', new AbortController().signal), undefined);
    assert.deepEqual(h.puts, []);
  });

  it('Stop while the model works: "stopped", nothing sent, even if an answer still arrives', async () => {
    const stop = new AbortController();
    const h = host();
    const sent = await askPlannerHelper(h, scripted('M', { ok: true, model: 'M', instructions: ['remove silences'] }, () => stop.abort()), 'x', stop.signal);
    assert.equal(sent, undefined);
    assert.equal(notices(h).at(-1), 'e1: Stopped asking the language model. Nothing was changed.');
  });

  it('a helper that throws is logged and changes nothing', async () => {
    const h = host();
    assert.equal(await askPlannerHelper(h, scripted('M', new Error('boom')), 'x', new AbortController().signal), undefined);
    assert.deepEqual(h.warnings, ['chat: planner help failed: boom']);
    assert.equal(notices(h).at(-1), 'e1: Nothing was changed.');
  });
});
