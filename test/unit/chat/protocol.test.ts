// The host validates every message the chat webview sends: a discriminated union of strict objects with
// bounded strings. Anything else is dropped (the webview is untrusted input).
import * as assert from 'node:assert/strict';
import { LIMITS, parseWebviewMessage } from '../../../src/shared/protocol';

const ok = (m: unknown): void => {
  const r = parseWebviewMessage(m);
  assert.ok(r.ok, `expected valid: ${JSON.stringify(m)} (${r.ok ? '' : r.reason})`);
};
const bad = (m: unknown): string => {
  const r = parseWebviewMessage(m);
  assert.ok(!r.ok, `expected invalid: ${JSON.stringify(m)?.slice(0, 200)}`);
  return r.reason;
};

describe('chat protocol: webview → host validation', () => {
  it('accepts every documented message', () => {
    ok({ type: 'ready' });
    ok({ type: 'send', text: 'generate my video clips' });
    ok({ type: 'stop' });
    ok({ type: 'attach' });
    ok({ type: 'drop', items: ['file:///tmp/a.mp4', '/tmp/b.mov', 'https://example.com/c.mp4'] });
    ok({ type: 'cancelUpload', entryId: 'e1-3' });
    ok({ type: 'openLink', url: 'https://nemovideo.com/help' });
    ok({ type: 'entryAction', entryId: 'e1-4' });
    ok({ type: 'renderAction', entryId: 'e1-5', action: 'open' });
    ok({ type: 'renderAction', entryId: 'e1-5', action: 'reveal' });
    ok({ type: 'renderAction', entryId: 'e1-5', action: 'copy' });
    ok({ type: 'showTimeline' });
    ok({ type: 'openPreview' });
    bad({ type: 'openPreview', command: 'workbench.action.terminal.new' });
  });

  it('[bad-input] drops non-objects, unknown types and missing fields', () => {
    for (const m of [null, undefined, 42, 'ready', [], [{ type: 'ready' }], {}, { type: 'launch' }, { type: 'send' }, { type: 'drop' }, { type: 'renderAction', entryId: 'x' }]) bad(m);
  });

  it('[security] strict objects: an extra key is refused, not stripped', () => {
    assert.match(bad({ type: 'ready', command: 'workbench.action.terminal.new' }), /command|unrecognized/i);
    bad({ type: 'send', text: 'hi', attachments: ['/etc/passwd'] });
    bad({ type: 'openLink', url: 'https://x.example', __proto__x: 1 });
  });

  it('[bad-input] wrong types and enum values are refused', () => {
    bad({ type: 'send', text: 42 });
    bad({ type: 'send', text: '' });
    bad({ type: 'renderAction', entryId: 'e1', action: 'delete' });
    bad({ type: 'drop', items: 'file:///tmp/a.mp4' });
    bad({ type: 'drop', items: [] });
    bad({ type: 'drop', items: [42] });
    bad({ type: 'cancelUpload', entryId: '' });
  });

  it('[security] oversized strings and arrays are refused', () => {
    ok({ type: 'send', text: 'x'.repeat(LIMITS.messageChars) });
    bad({ type: 'send', text: 'x'.repeat(LIMITS.messageChars + 1) });
    bad({ type: 'send', text: 'x'.repeat(5_000_000) });
    bad({ type: 'openLink', url: `https://a.example/${'x'.repeat(LIMITS.urlChars)}` });
    bad({ type: 'drop', items: Array.from({ length: LIMITS.dropItems + 1 }, (_, i) => `/tmp/${i}.mp4`) });
    bad({ type: 'drop', items: ['/tmp/' + 'a'.repeat(LIMITS.itemChars)] });
    bad({ type: 'entryAction', entryId: 'e'.repeat(LIMITS.idChars + 1) });
  });
});
