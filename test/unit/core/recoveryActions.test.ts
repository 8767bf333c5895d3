// The one action each error carries (pure, in the core): what the editor's one presenter offers as the
// button everywhere (src/vscode/ui/errorActions.ts). 402 is a plan limit with the plans link, not credits.
import * as assert from 'node:assert/strict';
import { cancelledError, classify, networkError } from '../../../src/core/api/errors';

const ctx = { lang: 'en' as const, webUrl: 'https://web.example', anonymous: true, anonUserId: 'anon_1' };

describe('error recovery actions (pure)', () => {
  it('[fault] HTTP 402 reads as a plan limit: "See plans" with the plans link, no credits wording', () => {
    const registered = { ...ctx, anonymous: false };
    const e = classify(registered, { httpStatus: 402, message: 'Payment Required' });
    assert.equal(e.kind, 'plan');
    assert.doesNotMatch(e.userMessage, /credit/i);
    assert.deepEqual(e.action, { id: 'top-up', label: 'See plans', url: 'https://web.example/pricing' });
    assert.equal(classify({ ...registered, lang: 'zh' }, { httpStatus: 402 }).action.label, '查看套餐');
  });

  it('[fault] HTTP 402/403 for an anonymous token (no render scope): registering unlocks export, with the register link', () => {
    const e = classify(ctx, { httpStatus: 403, message: 'Forbidden' });
    assert.equal(e.kind, 'plan');
    assert.match(e.userMessage, /Register to unlock export/);
    assert.deepEqual(e.action, { id: 'register', label: 'Register', url: 'https://web.example/register?bind=anon_1' });
  });

  it('[fault] out of credits (2001) offers registration for an anonymous user, top-up for a registered one', () => {
    assert.deepEqual(classify(ctx, { code: 2001 }).action, { id: 'register', label: 'Register', url: 'https://web.example/register?bind=anon_1' });
    assert.deepEqual(classify({ ...ctx, anonymous: false }, { code: 2001 }).action, { id: 'top-up', label: 'Top up credits', url: 'https://web.example/pricing' });
  });

  it('[fault] a network failure offers "Try again"; a lost session a new one; a cancel nothing', () => {
    assert.equal(networkError('en', new Error('ECONNREFUSED')).action.id, 'retry');
    assert.equal(classify(ctx, { code: 1002 }).action.id, 'new-session');
    assert.equal(cancelledError('en').action.id, 'none');
  });
});
