// The one button each export error gets (pure): 402 is a plan limit with a link, not a credits problem.
import * as assert from 'node:assert/strict';
import { classify, cancelledError, networkError } from '../../../src/core/api/errors';
import { COMMANDS } from '../../../src/vscode/ids';
import { errorButton } from '../../../src/vscode/renders/errorAction';
import { english } from '../../../src/vscode/timeline/format';

const ctx = { lang: 'en' as const, webUrl: 'https://web.example', anonymous: true, anonUserId: 'anon_1' };

describe('export error buttons (pure)', () => {
  it('[fault] HTTP 402 reads as a plan limit: "See plans" with the plans link, no credits wording', () => {
    const e = classify(ctx, { httpStatus: 402, message: 'Payment Required' });
    assert.equal(e.kind, 'plan');
    assert.doesNotMatch(e.userMessage, /credit/i);
    const b = errorButton(e, english, true);
    assert.deepEqual(b, { label: 'See plans', kind: 'open-url', url: 'https://web.example/pricing' });
  });

  it('[fault] out of credits (2001) offers registration for an anonymous user', () => {
    const b = errorButton(classify(ctx, { code: 2001 }), english, true);
    assert.equal(b?.kind, 'open-url');
    assert.equal(b?.kind === 'open-url' && b.url, 'https://web.example/register?bind=anon_1');
  });

  it('[fault] a network failure offers "Try again" only when there is something to retry', () => {
    const e = networkError('en', new Error('ECONNREFUSED'));
    assert.deepEqual(errorButton(e, english, true), { label: 'Try again', kind: 'retry' });
    assert.equal(errorButton(e, english, false), undefined);
  });

  it('a lost session points to the chat; a cancel has no button', () => {
    assert.deepEqual(errorButton(classify(ctx, { code: 1002 }), english, true), { label: 'Open Chat', kind: 'command', command: COMMANDS.openChat });
    assert.equal(errorButton(cancelledError('en'), english, true), undefined);
  });
});
