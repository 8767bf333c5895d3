// Both envelopes, the three export-status shapes, Retry-After, and the error taxonomy for every code.
import * as assert from 'node:assert/strict';
import { readRenderStatus, retryAfterMs, unwrap } from '../../../src/core/api/envelope';
import { classify, isTransient, NemoError } from '../../../src/core/api/errors';
import { messageKeys, t } from '../../../src/core/i18n';

const ctx = { lang: 'en' as const, webUrl: 'https://web.example', anonymous: true, anonUserId: 'anon_9' };

describe('core/api envelopes', () => {
  it('business envelope: code 0 → data; non-zero code is an error even with HTTP 200', () => {
    assert.deepEqual(unwrap(200, '{"code":0,"message":"ok","data":{"a":1}}'), { ok: true, data: { a: 1 } });
    assert.deepEqual(unwrap(200, '{"code":1002,"message":"session not found","data":null}'), { ok: false, failure: { httpStatus: undefined, code: 1002, message: 'session not found' } });
    assert.deepEqual(unwrap(401, '{"code":1001,"message":"expired"}'), { ok: false, failure: { httpStatus: 401, code: 1001, message: 'expired' } });
    assert.deepEqual(unwrap(200, '{"code":"0","data":{"b":2}}'), { ok: true, data: { b: 2 } });
  });

  it('render envelope: success true → data; success false → error text', () => {
    assert.deepEqual(unwrap(200, '{"success":true,"data":{"id":"r"}}'), { ok: true, data: { id: 'r' } });
    assert.deepEqual(unwrap(200, '{"success":false,"error":"bad draft"}'), { ok: false, failure: { httpStatus: undefined, message: 'bad draft' } });
    assert.deepEqual(unwrap(402, '{"success":false,"error":"Payment Required"}'), { ok: false, failure: { httpStatus: 402, message: 'Payment Required' } });
  });

  it('[bad-input] non-JSON bodies: an error when HTTP failed, "unparsable" when HTTP said OK', () => {
    assert.deepEqual(unwrap(502, '<html>Bad Gateway</html>'), { ok: false, failure: { httpStatus: 502, message: '<html>Bad Gateway</html>' } });
    assert.equal(unwrap(200, 'hello').ok, 'unparsable');
    assert.deepEqual(unwrap(500, '{"detail":"agent crashed"}'), { ok: false, failure: { httpStatus: 500, message: 'agent crashed' } });
    assert.deepEqual(unwrap(422, '{"detail":[{"loc":["body"],"msg":"field required"}]}').ok, false);
  });

  it('export status shape 1: {"success":true,"data":{id,status,progress,outputUrl,…}}', () => {
    const u = unwrap(200, JSON.stringify({ success: true, data: { id: 'render_1', status: 'completed', progress: 100, outputUrl: 'https://cdn/x.mp4', createdAt: 1, completedAt: 2 } }));
    assert.ok(u.ok === true);
    assert.deepEqual(readRenderStatus(u.data), { status: 'completed', progress: 100, outputUrl: 'https://cdn/x.mp4' });
  });

  it('export status shape 2: status at top level with output.url', () => {
    const u = unwrap(200, '{"status":"completed","progress":100,"output":{"url":"https://cdn/y.mp4"}}');
    assert.ok(u.ok === true);
    assert.deepEqual(readRenderStatus(u.data), { status: 'completed', progress: 100, outputUrl: 'https://cdn/y.mp4' });
  });

  it('export status shape 3: {taskId,status,progress,output:{url,duration,size}}', () => {
    const u = unwrap(200, '{"taskId":"t","status":"processing","progress":42.5,"output":{"url":"https://cdn/z.mp4","duration":31.2,"size":9000}}');
    assert.ok(u.ok === true);
    assert.deepEqual(readRenderStatus(u.data), { status: 'processing', progress: 42.5, outputUrl: 'https://cdn/z.mp4', size: 9000, durationSec: 31.2 });
  });

  it('export status: pending/failed, fractional progress, and no status at all', () => {
    assert.deepEqual(readRenderStatus({ status: 'pending' }), { status: 'pending', progress: 0 });
    assert.deepEqual(readRenderStatus({ status: 'failed', error: 'ffmpeg exited 1' }), { status: 'failed', progress: 0, error: 'ffmpeg exited 1' });
    assert.equal(readRenderStatus({ status: 'processing', progress: 0.5 })!.progress, 50);
    assert.equal(readRenderStatus({ id: 'x' }), null);
    assert.equal(readRenderStatus('nope'), null);
  });

  it('Retry-After as seconds or HTTP date', () => {
    assert.equal(retryAfterMs('12', 0), 12_000);
    assert.equal(retryAfterMs(new Date(60_000).toUTCString(), 30_000), 30_000);
    assert.equal(retryAfterMs(null, 0), undefined);
    assert.equal(retryAfterMs('soon', 0), undefined);
  });
});

describe('core/api error taxonomy', () => {
  const cases: Array<[{ httpStatus?: number; code?: number }, string, string]> = [
    [{ code: 1001 }, 'auth', 'retry'],
    [{ code: 1002 }, 'session', 'new-session'],
    [{ code: 2001 }, 'credits', 'register'],
    [{ code: 4001 }, 'unsupported-type', 'show-formats'],
    [{ code: 4002 }, 'too-large', 'trim-or-compress'],
    [{ httpStatus: 400 }, 'client-id', 'retry'],
    [{ httpStatus: 401 }, 'auth', 'retry'],
    [{ httpStatus: 402 }, 'plan', 'register'], // anonymous: registering unlocks export (Round 2)
    [{ httpStatus: 403 }, 'plan', 'register'],
    [{ httpStatus: 429 }, 'rate-limit', 'retry'],
    [{ httpStatus: 503 }, 'server', 'retry'],
    [{ code: 9999 }, 'server', 'retry'],
  ];
  for (const [info, kind, act] of cases) {
    it(`${JSON.stringify(info)} → ${kind} with action ${act}, plain words (not a bare code)`, () => {
      const e = classify(ctx, { ...info, message: 'x' });
      assert.ok(e instanceof NemoError);
      assert.equal(e.kind, kind);
      assert.equal(e.action.id, act);
      assert.ok(e.action.label.length > 0);
      assert.ok(/[a-z]{4,}/i.test(e.userMessage.replace(/\d+/g, '')), e.userMessage);
      const zh = classify({ ...ctx, lang: 'zh' }, { ...info, message: 'x' });
      assert.ok(/[\u4e00-\u9fff]/.test(zh.userMessage), zh.userMessage);
    });
  }

  it('2001 for an anonymous user links to register?bind=<anon id>; for a registered user offers top-up', () => {
    assert.equal(classify(ctx, { code: 2001 }).action.url, 'https://web.example/register?bind=anon_9');
    assert.equal(classify({ ...ctx, anonymous: false }, { code: 2001 }).action.id, 'top-up');
  });

  it('business code wins over HTTP status', () => {
    assert.equal(classify(ctx, { httpStatus: 400, code: 1002 }).kind, 'session');
  });

  it('transient = network, timeout, 429, 5xx; never 4xx or business errors', () => {
    assert.equal(isTransient(classify(ctx, { httpStatus: 502 })), true);
    assert.equal(isTransient(classify(ctx, { httpStatus: 429 })), true);
    assert.equal(isTransient(classify(ctx, { httpStatus: 404 })), false);
    assert.equal(isTransient(classify(ctx, { code: 9999 })), false);
    assert.equal(isTransient(new Error('x')), false);
  });

  it('every message has a non-empty English and Chinese text', () => {
    for (const k of messageKeys()) {
      assert.ok(t('en', k).length > 0, k);
      assert.ok(t('zh', k).length > 0, k);
    }
  });
});
