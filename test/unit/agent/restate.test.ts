// The language model behind the local planner, the parts without an editor: the prompt (what the model is
// told and shown) and the check of its answer, with the planner's own parser as the judge.
import * as assert from 'node:assert/strict';
import { checkRestatement, RESTATE_LIMITS, restatePrompt } from '../../../src/core/agent';
import { helpText } from '../../../src/engine/planner/index';
import { plannerUnderstands } from '../../../src/engine/planner/understood';

describe('core/agent restate: prompt and answer check', () => {
  it('the prompt lists what the planner understands and carries the request with credentials removed', () => {
    const p = restatePrompt('shave two secs off the front, my token is nmv_usr_abcdefghijklmnop1234', helpText('en'));
    assert.ok(p.includes('trim the first 10 seconds'), 'the planner\'s own phrasings are in the prompt');
    assert.ok(p.includes('answer exactly: NONE'));
    assert.match(p, /Request: shave two secs off the front, my token is /);
    assert.ok(!p.includes('abcdefghijklmnop1234'), p.slice(-120));
    assert.ok(restatePrompt('x'.repeat(5000), 'h').length < RESTATE_LIMITS.requestChars + 1000, 'long requests are cut');
  });

  it('accepts instructions the planner acts on, cleaning list marks and code fences', () => {
    assert.deepEqual(checkRestatement('trim the first 2 seconds', plannerUnderstands), { ok: true, lines: ['trim the first 2 seconds'] });
    assert.deepEqual(checkRestatement('```\n1. remove silences\n- make it black and white\n```', plannerUnderstands), { ok: true, lines: ['remove silences', 'make it black and white'] });
  });

  it('refuses NONE, empty, over-long and any line the planner does not act on (the whole answer)', () => {
    assert.deepEqual(checkRestatement('NONE', plannerUnderstands), { ok: false, reason: 'none' });
    assert.deepEqual(checkRestatement('  \n ', plannerUnderstands), { ok: false, reason: 'empty' });
    assert.equal(checkRestatement(Array(6).fill('remove silences').join('\n'), plannerUnderstands).ok, false);
    assert.deepEqual(checkRestatement(`add title '${'x'.repeat(300)}'`, plannerUnderstands), { ok: false, reason: 'too-long' });
    assert.deepEqual(checkRestatement('remove silences\nblorp the zorp 42', plannerUnderstands), { ok: false, reason: 'not-understood', detail: 'blorp the zorp 42' });
  });

  it('the planner\'s check refuses what it would refuse, ask about or only note: those are not edits', () => {
    assert.equal(plannerUnderstands('trim the first 2 seconds'), true);
    assert.equal(plannerUnderstands('blorp the zorp'), false);
    assert.equal(plannerUnderstands('make it look like an old film'), false, 'a refusal (cannot)');
    assert.equal(plannerUnderstands('make it snappier'), false, 'a question back (clarify)');
    assert.equal(plannerUnderstands('make it louder'), false, 'a note that changes nothing (inform)');
  });
});
