// Every error code of the contract table, against a real server: the automatic recovery happens exactly
// once (never a loop), and what cannot be recovered reaches the user as plain words plus one action.
import * as assert from 'node:assert/strict';
import { NemoError } from '../../src/core/api/errors';
import { STORE_KEYS } from '../../src/core/session/stores';
import { collect, harness, outcome } from '../support/core-harness';
import { eachTestServer, fail, ok, scriptBasics, ScriptedServer } from '../support/scripted-server';

function isKind(kind: string, check: (e: NemoError) => boolean = () => true): (e: unknown) => boolean {
  return (e) => e instanceof NemoError && e.kind === kind && check(e);
}

describe('contract: error codes and their recovery', () => {
  let server: ScriptedServer;
  eachTestServer((s) => (server = s));

  it('1001: gets a new anonymous token with the same client id and retries once', async () => {
    server.on('GET', '/api/credits/balance/simple', fail(1001, 'token expired'), ok({ available: 5, frozen: 0, total: 5 }));
    server.on('POST', '/api/auth/anonymous-token', ok({ token: 'nmv_usr_first', user_id: 'anon_1' }), ok({ token: 'nmv_usr_second', user_id: 'anon_1' }));
    const h = harness(server.url);
    const c = await h.workflow.credits();
    assert.equal(c.available, 5);
    const anon = server.calls('/api/auth/anonymous-token');
    assert.equal(anon.length, 2);
    assert.equal(anon[0]!.headers['x-client-id'], anon[1]!.headers['x-client-id']);
    const calls = server.calls('/api/credits/balance/simple');
    assert.deepEqual(calls.map((r) => r.headers.authorization), ['Bearer nmv_usr_first', 'Bearer nmv_usr_second']);
    assert.equal(await h.secrets.get(STORE_KEYS.token(server.url)), 'nmv_usr_second');
  });

  it('[fault] 1001 twice: one retry only, then a plain error (no loop)', async () => {
    server.on('GET', '/api/credits/balance/simple', fail(1001, 'token expired'));
    const h = harness(server.url);
    await assert.rejects(h.workflow.credits(), isKind('auth', (e) => e.code === 1001 && !/1001/.test(e.userMessage)));
    assert.equal(server.calls('/api/credits/balance/simple').length, 2);
    assert.equal(server.calls('/api/auth/anonymous-token').length, 2);
  });

  it('[security] 1001 with NEMO_TOKEN set: no silent switch to an anonymous identity', async () => {
    server.on('GET', '/api/credits/balance/simple', { status: 401, body: { code: 1001, message: 'invalid' } });
    const h = harness(server.url, { env: { NEMO_TOKEN: 'nmv_usr_fromenv' } });
    await assert.rejects(h.workflow.credits(), isKind('auth', (e) => e.action.id === 'set-token' && /NEMO_TOKEN/.test(e.userMessage)));
    assert.equal(server.calls('/api/auth/anonymous-token').length, 0);
    assert.equal(server.calls('/api/credits/balance/simple')[0]!.headers.authorization, 'Bearer nmv_usr_fromenv');
  });

  it('1002: creates a new session, retries once and tells the user the timeline restarted', async () => {
    server.on('POST', '/api/tasks/me/with-session/nemo_agent', ok({ task_id: 't1', session_id: '111' }), ok({ task_id: 't2', session_id: '222' }));
    server.on('GET', /^\/api\/state\//, (req) => (req.path.includes('/111/') ? fail(1002, 'session not found') : ok({ state: { draft: { t: [] } } })));
    server.on('POST', '/run_sse', (req) =>
      (req.json as { session_id: string }).session_id === '111' ? { status: 404, body: { code: 1002, message: 'session not found' } } : { sse: [{ data: JSON.stringify({ content: { role: 'model', parts: [{ text: 'Hi' }] } }) }] },
    );
    const h = harness(server.url);
    await h.workflow.ensureSession();
    const events = await collect(h.workflow.send('hello'));
    assert.equal(outcome(events), 'text');
    assert.ok(events.some((e) => e.type === 'notice' && /new one was started/.test(e.text)));
    assert.equal(h.workflow.session?.sessionId, '222');
    assert.equal(server.calls('/run_sse').length, 2, 'the first was refused before any work started; one retry on the new session');
  });

  it('2001 anonymous: register link with the anonymous user id; registered: top up', async () => {
    server.on('POST', '/run_sse', fail(2001, 'insufficient credits', 402));
    const anon = harness(server.url);
    const events = await collect(anon.workflow.send('make a video'));
    const err = events.find((e) => e.type === 'error');
    assert.ok(err && err.type === 'error');
    assert.equal(err.error.kind, 'credits');
    assert.equal(err.error.action.id, 'register');
    assert.equal(err.error.action.url, 'https://nemovideo.com/register?bind=anon_1');
    const registered = harness(server.url);
    await registered.client.setToken('nmv_usr_registered');
    const ev2 = await collect(registered.workflow.send('make a video'));
    const err2 = ev2.find((e) => e.type === 'error');
    assert.ok(err2 && err2.type === 'error' && err2.error.action.id === 'top-up' && /Top up/.test(err2.error.userMessage));
  });

  it('4001 / 4002 from the server: accepted types, trim-or-compress', async () => {
    server.on('POST', /^\/api\/upload-video\//, fail(4001, 'unsupported'), fail(4002, 'too large'));
    const h = harness(server.url);
    await assert.rejects(h.workflow.upload(['https://example.invalid/a.flv']), isKind('unsupported-type', (e) => e.action.id === 'show-formats' && /mp4, mov, avi/.test(e.userMessage)));
    await assert.rejects(h.workflow.upload(['https://example.invalid/b.mp4']), isKind('too-large', (e) => e.action.id === 'trim-or-compress'));
  });

  it('HTTP 400 on the anonymous token: makes a new client id, persists it, retries once', async () => {
    server.on('POST', '/api/auth/anonymous-token', { status: 400, body: { detail: 'X-Client-Id required' } }, ok({ token: 'nmv_usr_ok' }));
    const h = harness(server.url);
    await h.state.update(STORE_KEYS.clientId, 'old-id');
    await h.workflow.credits();
    const anon = server.calls('/api/auth/anonymous-token');
    assert.equal(anon.length, 2);
    assert.equal(anon[0]!.headers['x-client-id'], 'old-id');
    const fresh = h.state.get<string>(STORE_KEYS.clientId);
    assert.ok(fresh && fresh !== 'old-id' && fresh.length <= 64);
    assert.equal(anon[1]!.headers['x-client-id'], fresh);
  });

  it('HTTP 402 on export: a plan message, not a credits message', async () => {
    scriptBasics(server, { t: [{ tt: 0, sg: [{ s: 0, d: 1000 }] }] });
    server.on('POST', '/api/render/proxy/lambda', { status: 402, body: { success: false, error: 'Payment Required' } });
    const h = harness(server.url, { env: { NEMO_TOKEN: 'nmv_usr_registered' } });
    await assert.rejects(h.workflow.startExport(), isKind('plan', (e) => /plan/.test(e.userMessage) && !/credits/i.test(e.userMessage)));
    assert.equal(server.calls('/api/render/proxy/lambda').length, 1, 'a 402 is not retried');
  });

  it('HTTP 429: waits Retry-After (or 30 s) and retries once; a second 429 is reported', async () => {
    server.on('GET', '/api/credits/balance/simple', { status: 429, headers: { 'retry-after': '7' }, body: { detail: 'slow down' } }, ok({ available: 1, frozen: 0 }));
    const h = harness(server.url);
    assert.equal((await h.workflow.credits()).total, 1);
    assert.deepEqual(h.sleeps, [7000]);
    server.on('GET', '/api/credits/balance/simple', { status: 429, body: 'Too Many Requests' });
    await assert.rejects(h.workflow.credits(), isKind('rate-limit', (e) => e.action.id === 'retry'));
    assert.deepEqual(h.sleeps, [7000, 30_000]);
  });

  it('[bad-input] a non-JSON 502 and a garbled 200 become plain errors', async () => {
    // A GET retries one transient failure, so the 502 comes twice before it reaches the user.
    server.on('GET', '/api/credits/balance/simple', { status: 502, body: '<html>Bad Gateway</html>' }, { status: 502, body: '<html>Bad Gateway</html>' }, { body: 'not json at all' });
    const h = harness(server.url);
    await assert.rejects(h.workflow.credits(), isKind('server', (e) => e.httpStatus === 502 && e.action.id === 'retry'));
    await assert.rejects(h.workflow.credits(), isKind('bad-response'));
  });

  it('[bad-input] an answer missing required fields is a bad-response error, not a crash', async () => {
    server.on('GET', '/api/credits/balance/simple', ok({ balance: 'lots' }));
    const h = harness(server.url);
    await assert.rejects(h.workflow.credits(), isKind('bad-response', (e) => /available/.test(e.detail ?? '')));
  });

  it('identity: NEMO_TOKEN wins; NEMO_CLIENT_ID wins; the stored token and client id are reused', async () => {
    const envd = harness(server.url, { env: { NEMO_TOKEN: 'nmv_usr_env', NEMO_CLIENT_ID: 'ci-from-env' } });
    await envd.workflow.credits();
    assert.equal(server.calls('/api/auth/anonymous-token').length, 0);
    const h = harness(server.url, { env: { NEMO_CLIENT_ID: 'ci-from-env' } });
    await h.workflow.credits();
    await h.workflow.credits();
    const anon = server.calls('/api/auth/anonymous-token');
    assert.equal(anon.length, 1, 'one anonymous token, then reused');
    assert.equal(anon[0]!.headers['x-client-id'], 'ci-from-env');
    const plain = harness(server.url);
    await plain.workflow.credits();
    const id = plain.state.get<string>(STORE_KEYS.clientId);
    assert.ok(id);
    assert.equal(server.calls('/api/auth/anonymous-token')[1]!.headers['x-client-id'], id);
  });

  it('[fault] export: submit fails once → one retry with a new id; transient poll failures retried with the same id', async () => {
    scriptBasics(server, { t: [{ tt: 0, sg: [{ s: 0, d: 1000 }] }] });
    server.on('POST', '/api/render/proxy/lambda', { status: 503, body: { success: false, error: 'busy' } }, { body: { success: true, data: {} } });
    let polls = 0;
    server.on('GET', /^\/api\/render\/proxy\/lambda\//, () => {
      polls++;
      if (polls === 1) return { status: 500, body: 'oops' };
      if (polls === 2) return { body: { success: true, data: { id: 'x', status: 'processing', progress: 40 } } };
      return { body: { taskId: 'x', status: 'completed', progress: 100, output: { url: '/files/x.mp4', duration: 8, size: 1234 } } };
    });
    const h = harness(server.url);
    const job = await h.workflow.startExport();
    const submits = server.calls('/api/render/proxy/lambda').map((r) => (r.json as { id: string }).id);
    assert.equal(submits.length, 2);
    assert.notEqual(submits[0], submits[1]);
    assert.equal(job.id, submits[1]);
    const seen: number[] = [];
    const done = await h.workflow.pollExport(job, { onUpdate: (j) => seen.push(j.progress) });
    assert.equal(done.status, 'completed');
    assert.equal(done.outputUrl, '/files/x.mp4');
    assert.equal(done.size, 1234);
    assert.equal(done.durationSec, 8);
    assert.deepEqual(seen, [40, 100]);
    assert.ok(server.calls(/^\/api\/render\/proxy\/lambda\//).every((r) => r.path === `/api/render/proxy/lambda/${job.id}`));
    assert.equal(h.workflow.renderJobs()[0]!.status, 'completed', 'the job record is persisted');
  });

  it('[fault] export poll: a 4xx is never retried', async () => {
    scriptBasics(server, { t: [{ tt: 0, sg: [{ s: 0, d: 1000 }] }] });
    server.on('POST', '/api/render/proxy/lambda', { body: { success: true, data: {} } });
    server.on('GET', /^\/api\/render\/proxy\/lambda\//, { status: 404, body: { success: false, error: 'unknown render' } });
    const h = harness(server.url);
    const job = await h.workflow.startExport();
    await assert.rejects(h.workflow.pollExport(job), NemoError);
    assert.equal(server.calls(/^\/api\/render\/proxy\/lambda\//).length, 1);
    assert.equal(h.workflow.renderJobs()[0]!.status, 'failed');
  });

  it('[bad-input] export of an empty timeline is refused with a clear message and nothing is submitted', async () => {
    const h = harness(server.url);
    await assert.rejects(h.workflow.startExport(), isKind('bad-input', (e) => /timeline is empty/.test(e.userMessage)));
    assert.equal(server.calls('/api/render/proxy/lambda').length, 0);
  });

  it('errors before the stream starts ({"detail"} JSON) are reported, and the turn is not re-sent', async () => {
    server.on('POST', '/run_sse', { status: 500, body: { detail: 'agent crashed' } });
    const h = harness(server.url);
    const events = await collect(h.workflow.send('hello'));
    const err = events.find((e) => e.type === 'error');
    assert.ok(err && err.type === 'error' && err.error.kind === 'server' && /agent crashed/.test(err.error.detail ?? ''));
    assert.equal(server.calls('/run_sse').length, 1);
  });

  it('[fault] a refused connection on /run_sse is an error (nothing reached the server), not a drop to poll', async () => {
    const gone = await ScriptedServer.start();
    const url = gone.url;
    await gone.close(); // nothing listens on this port any more: ECONNREFUSED
    const h = harness(url, { env: { NEMO_TOKEN: 'nmv_usr_x' } });
    await h.state.update(STORE_KEYS.session(h.client.backendKey), { taskId: 't', sessionId: '1', createdAt: 1 });
    const events = await collect(h.workflow.send('add captions'));
    assert.equal(outcome(events), 'error');
    const err = events.find((e) => e.type === 'error');
    assert.ok(err && err.type === 'error' && err.error.kind === 'network' && /ECONNREFUSED/.test(err.error.detail ?? ''));
    assert.ok(!events.some((e) => e.type === 'notice'), 'no "connection dropped, checking what changed" for a refusal');
  });

  it('[security] the token never appears in logs', async () => {
    server.on('GET', '/api/credits/balance/simple', fail(1001, 'token nmv_usr_testtoken123 expired'), ok({ available: 1, frozen: 0 }));
    const h = harness(server.url);
    await h.workflow.credits();
    const all = h.logs.join('\n');
    assert.ok(h.logs.length > 0);
    assert.ok(!all.includes('nmv_usr_testtoken123'), all);
  });
});
