// Faults on the REST calls against a real server on 127.0.0.1: transient failures (5xx, resets) on state,
// credits and export polls; 4xx never retried; token expiry (1001), lost sessions (1002), rate limits (429);
// export submit failures and failed renders. Every recovery happens at most once — never a loop.
import * as assert from 'node:assert/strict';
import { NemoError } from '../../src/core/api/errors';
import type { RenderJob } from '../../src/core/render/job';
import { STORE_KEYS } from '../../src/core/session/stores';
import { FakeClock } from '../support/core-fake-clock';
import { collect, harness, outcome } from '../support/core-harness';
import { resetConnection } from '../support/fault-server';
import { eachTestServer, fail, ok, scriptBasics, type Scripted, ScriptedServer } from '../support/scripted-server';

const DRAFT = { d: 5000, t: [{ tt: 0, d: 5000, m: { name: 'intro' }, sg: [{ s: 0, d: 5000 }] }] };
const STATUS = /^\/api\/render\/proxy\/lambda\/render_[\w]+$/;

/** The transient failures issue 8 names. */
const TRANSIENTS: Array<[string, () => Scripted]> = [
  ['HTTP 500', () => ({ status: 500, body: { code: 500, message: 'internal error', data: null } })],
  ['HTTP 502', () => ({ status: 502, body: '<html>Bad Gateway</html>' })],
  ['HTTP 503', () => ({ status: 503, body: 'Service Unavailable', headers: { 'content-type': 'text/plain' } })],
  ['a connection reset', () => resetConnection()],
];

function pendingJob(id: string): RenderJob {
  return { id, sessionId: '1234567890123', status: 'pending', progress: 0, createdAt: 1, updatedAt: 1 };
}

/** Rejects with a NemoError matching `check`. */
async function rejectsWith(p: Promise<unknown>, check: (e: NemoError) => boolean): Promise<NemoError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof NemoError, `not a NemoError: ${String(e)}`);
    assert.ok(check(e), `unexpected error ${JSON.stringify(e)}`);
    return e;
  }
  assert.fail('expected a rejection');
}

describe('faults: REST recoveries', () => {
  let server: ScriptedServer;
  eachTestServer((s) => (server = s), DRAFT);

  for (const [name, failure] of TRANSIENTS) {
    it(`[fault] export status poll: ${name} is retried after the poll interval with the SAME render id`, async () => {
      const clock = new FakeClock();
      server.on('GET', STATUS, failure(), failure(), { body: { success: true, data: { id: 'render_42', status: 'processing', progress: 50 } } }, { body: { status: 'completed', progress: 100, output: { url: `${server.url}/out.mp4` } } });
      const h = harness(server.url, { workflow: { clock, exportPollMs: 30_000 } });
      let finished: RenderJob | undefined;
      const polling = h.workflow.pollExport(pendingJob('render_42')).then((j) => (finished = j));
      // Each poll is awaited as it reaches the server (no timer): the fake clock alone moves the poller on.
      await server.waitForCalls(STATUS, 1);
      await clock.advance(29_000);
      assert.equal(server.calls(STATUS).length, 1, 'no retry before the interval: a back-off, not a hammer');
      for (let n = 2; n <= 4; n++) {
        await clock.advance(1_000 + (n > 2 ? 29_000 : 0));
        await server.waitForCalls(STATUS, n);
      }
      await polling;
      assert.equal(finished?.status, 'completed');
      const ids = server.calls(STATUS).map((r) => r.path);
      assert.equal(ids.length, 4);
      assert.ok(ids.every((p) => p === '/api/render/proxy/lambda/render_42'), ids.join(', '));
      assert.ok(h.logs.some((l) => /poll failed/.test(l)));
    });
  }

  it('[fault] export status poll: a 4xx is not retried and the stored job says why', async () => {
    server.on('GET', STATUS, { status: 404, body: { success: false, error: 'render not found' } });
    const h = harness(server.url);
    await rejectsWith(h.workflow.pollExport(pendingJob('render_404')), (e) => e.httpStatus === 404);
    assert.equal(server.calls(STATUS).length, 1);
    const stored = h.workflow.renderJobs().find((j) => j.id === 'render_404');
    assert.equal(stored?.status, 'failed');
    assert.ok(stored?.error && stored.error.length > 0);
  });

  it('[fault] export status poll: a persistent 503 gives up after a bounded number of tries and keeps the job resumable', async () => {
    server.on('GET', STATUS, { status: 503, body: 'down' });
    const h = harness(server.url);
    await h.state.update(STORE_KEYS.renderJobs(h.client.backendKey), [pendingJob('render_9')]);
    await rejectsWith(h.workflow.pollExport(pendingJob('render_9')), (e) => e.kind === 'server');
    const tries = server.calls(STATUS).length;
    assert.ok(tries > 1 && tries <= 10, `tries: ${tries}`);
    assert.equal(h.workflow.renderJobs().find((j) => j.id === 'render_9')?.status, 'pending', 'not marked failed: polling can resume later');
  });

  it('[fault] credits: HTTP 500, 502, 503 and a connection reset are each retried once and the balance arrives', async () => {
    const failedOn: string[] = [];
    for (const [name, failure] of TRANSIENTS) {
      const s = await ScriptedServer.start();
      try {
        scriptBasics(s);
        s.on('GET', '/api/credits/balance/simple', failure(), ok({ available: 90, frozen: 10, total: 100 }));
        const h = harness(s.url);
        const c = await h.workflow.credits().catch((e: unknown) => e);
        if (!(c && typeof c === 'object' && 'available' in c) || s.calls('/api/credits/balance/simple').length !== 2) failedOn.push(`${name}: ${String(c)}`);
        else if (!h.sleeps.some((ms) => ms > 0)) failedOn.push(`${name}: retried without any pause (no back-off)`);
      } finally {
        await s.close();
      }
    }
    assert.deepEqual(failedOn, [], 'credits must survive one transient failure');
  });

  it('[fault] session state: HTTP 500, 502, 503 and a connection reset are each retried once and the timeline arrives', async () => {
    const failedOn: string[] = [];
    for (const [name, failure] of TRANSIENTS) {
      const s = await ScriptedServer.start();
      try {
        scriptBasics(s);
        let calls = 0;
        const good = ok({ state: { draft: DRAFT } });
        s.on('GET', /^\/api\/state\//, () => (++calls === 1 ? failure() : good));
        const h = harness(s.url);
        const tl = await h.workflow.refreshState().catch((e: unknown) => e);
        if (!(tl && typeof tl === 'object' && 'tracks' in tl) || calls !== 2) failedOn.push(`${name}: ${String(tl)}`);
        else if (!h.sleeps.some((ms) => ms > 0)) failedOn.push(`${name}: retried without any pause (no back-off)`);
      } finally {
        await s.close();
      }
    }
    assert.deepEqual(failedOn, [], 'a state fetch must survive one transient failure');
  });

  it('[fault] credits and state: a 4xx is not retried', async () => {
    server.on('GET', '/api/credits/balance/simple', { status: 403, body: { code: 403, message: 'forbidden', data: null } });
    server.on('GET', /^\/api\/state\//, { status: 404, body: { detail: 'Not Found' } });
    const h = harness(server.url);
    await rejectsWith(h.workflow.credits(), (e) => e.httpStatus === 403);
    await rejectsWith(h.workflow.refreshState(), (e) => e.httpStatus === 404);
    assert.equal(server.calls('/api/credits/balance/simple').length, 1);
    assert.equal(server.calls(/^\/api\/state\//).length, 1);
  });

  it('[fault] 1001 mid-session: one new token with the SAME client id, the call succeeds once', async () => {
    let tokens = 0;
    server.on('POST', '/api/auth/anonymous-token', () => ok({ token: `nmv_usr_tok${++tokens}`, user_id: 'anon_1' }));
    server.on('GET', '/api/credits/balance/simple', ok({ available: 5, frozen: 0, total: 5 }), fail(1001, 'token expired'), ok({ available: 4, frozen: 0, total: 4 }));
    const h = harness(server.url);
    await h.workflow.credits(); // token 1
    const c = await h.workflow.credits(); // 1001 → token 2 → retry
    assert.equal(c.available, 4);
    const anon = server.calls('/api/auth/anonymous-token');
    assert.equal(anon.length, 2);
    assert.equal(anon[0]!.headers['x-client-id'], anon[1]!.headers['x-client-id'], 'same client id (the anonymous quota is per client)');
    const credits = server.calls('/api/credits/balance/simple');
    assert.deepEqual(credits.map((r) => r.headers.authorization), ['Bearer nmv_usr_tok1', 'Bearer nmv_usr_tok1', 'Bearer nmv_usr_tok2']);
    assert.equal(await h.secrets.get(STORE_KEYS.token(h.client.backendKey)), 'nmv_usr_tok2', 'the new token replaced the old one');
  });

  it('[fault] a second 1001 right after a new token stops with a message: no loop', async () => {
    let tokens = 0;
    server.on('POST', '/api/auth/anonymous-token', () => ok({ token: `nmv_usr_tok${++tokens}` }));
    server.on('GET', '/api/credits/balance/simple', fail(1001, 'token invalid'));
    const h = harness(server.url);
    const err = await rejectsWith(h.workflow.credits(), (e) => e.kind === 'auth');
    assert.ok(err.userMessage.length > 10 && !/^\s*1001\s*$/.test(err.userMessage), 'plain words, not a bare code');
    assert.equal(server.calls('/api/credits/balance/simple').length, 2);
    assert.equal(server.calls('/api/auth/anonymous-token').length, 2, 'first token + exactly one refresh');
  });

  it('[fault] 1001 with NEMO_TOKEN set: no anonymous token replaces the user\'s own, the user is told to set a new one', async () => {
    server.on('GET', '/api/credits/balance/simple', fail(1001, 'token expired'));
    const h = harness(server.url, { env: { NEMO_TOKEN: 'nmv_usr_fromenv_1234' } });
    const err = await rejectsWith(h.workflow.credits(), (e) => e.kind === 'auth');
    assert.equal(err.action.id, 'set-token');
    assert.equal(server.calls('/api/auth/anonymous-token').length, 0);
    assert.equal(server.calls('/api/credits/balance/simple').length, 1);
  });

  it('[fault] credits: an answer cut after its headers (Content-Length not met) is a transient failure, retried once', async () => {
    const body = JSON.stringify({ code: 0, message: 'success', data: { available: 77, frozen: 0, total: 77 } });
    server.on(
      'GET',
      '/api/credits/balance/simple',
      {
        handle: (_req, res) => {
          res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(body.length) });
          res.write(body.slice(0, 12), () => setTimeout(() => res.socket?.destroy(), 20));
        },
      },
      ok({ available: 77, frozen: 0, total: 77 }),
    );
    const h = harness(server.url);
    assert.equal((await h.workflow.credits()).available, 77);
    assert.equal(server.calls('/api/credits/balance/simple').length, 2);
  });

  it('[fault] 1001 when opening /run_sse (before any stream): new token, the message goes out once more — the turn never began', async () => {
    let tokens = 0;
    server.on('POST', '/api/auth/anonymous-token', () => ok({ token: `nmv_usr_sse${++tokens}` }));
    server.on('POST', '/run_sse', fail(1001, 'token expired', 401), { sse: [{ data: JSON.stringify({ content: { role: 'model', parts: [{ text: 'Title added.' }] } }) }] });
    const h = harness(server.url);
    const events = await collect(h.workflow.send('add a title'));
    assert.equal(outcome(events), 'text');
    const sse = server.calls('/run_sse');
    assert.deepEqual(sse.map((r) => r.headers.authorization), ['Bearer nmv_usr_sse1', 'Bearer nmv_usr_sse2']);
  });

  it('[fault] an auth error INSIDE a running stream is reported, never answered by re-sending the message', async () => {
    server.on('POST', '/run_sse', { sse: [{ data: JSON.stringify({ content: { role: 'model', parts: [{ text: 'Working' }] }, partial: true }) }, { data: JSON.stringify({ errorCode: '1001', errorMessage: 'token expired' }) }] });
    const h = harness(server.url);
    const events = await collect(h.workflow.send('add a title'));
    assert.equal(outcome(events), 'error');
    assert.equal(server.calls('/run_sse').length, 1);
  });

  it('[fault] 1002 when opening /run_sse: one new session, the user is told the timeline restarted, the message is sent once to it', async () => {
    let sessions = 0;
    server.on('POST', '/api/tasks/me/with-session/nemo_agent', () => ok({ task_id: `task_${++sessions}`, session_id: `77700000000${sessions}` }));
    server.on('POST', '/run_sse', (req) =>
      (req.json as { session_id: string }).session_id === '777000000001' ? fail(1002, 'session not found', 404) : { sse: [{ data: JSON.stringify({ content: { role: 'model', parts: [{ text: 'Started fresh.' }] } }) }] },
    );
    const h = harness(server.url);
    await h.workflow.ensureSession();
    const events = await collect(h.workflow.send('add a title'));
    assert.equal(outcome(events), 'text');
    assert.deepEqual(server.calls('/run_sse').map((r) => (r.json as { session_id: string }).session_id), ['777000000001', '777000000002']);
    assert.ok(events.some((e) => e.type === 'notice' && /restart|new/i.test(e.text)), JSON.stringify(events));
  });

  it('[fault] HTTP 400 on the anonymous token (client id refused): a new client id is made, persisted, and used once', async () => {
    server.on('POST', '/api/auth/anonymous-token', { status: 400, body: { detail: 'X-Client-Id required' } }, ok({ token: 'nmv_usr_after400' }));
    const h = harness(server.url);
    await h.state.update(STORE_KEYS.clientId, 'gyt-old-client');
    await h.workflow.credits();
    const anon = server.calls('/api/auth/anonymous-token');
    assert.equal(anon.length, 2);
    assert.equal(anon[0]!.headers['x-client-id'], 'gyt-old-client');
    const fresh = String(anon[1]!.headers['x-client-id']);
    assert.notEqual(fresh, 'gyt-old-client');
    assert.ok(fresh.length > 0 && fresh.length <= 64);
    assert.equal(h.state.get(STORE_KEYS.clientId), fresh, 'the new client id is persisted (the anonymous quota is per client)');
  });

  it('[fault] 1002 mid-session: one new session, the call succeeds, the user hears the timeline restarted', async () => {
    let sessions = 0;
    server.on('POST', '/api/tasks/me/with-session/nemo_agent', () => ok({ task_id: `task_${++sessions}`, session_id: `99900000000${sessions}` }));
    server.on('GET', /^\/api\/state\//, (req) => (req.path.includes('999000000001') ? fail(1002, 'session not found') : ok({ state: { draft: DRAFT } })));
    server.on('POST', '/run_sse', { sse: [{ data: JSON.stringify({ content: { role: 'model', parts: [{ text: 'Added.' }] } }) }] });
    const h = harness(server.url);
    await h.workflow.ensureSession();
    const events = await collect(h.workflow.send('status'));
    assert.ok(events.some((e) => e.type === 'intent' && e.intent === 'status'));
    assert.equal(sessions, 2);
    assert.equal(h.workflow.session?.sessionId, '999000000002');
    const notices: string[] = [];
    const h2 = harness(server.url, { workflow: { onNotice: (t) => notices.push(t) } });
    await h2.state.update(STORE_KEYS.session(h2.client.backendKey), { taskId: 'task_1', sessionId: '999000000001', createdAt: 1 });
    await h2.workflow.refreshState();
    assert.equal(notices.length, 1);
    assert.match(notices[0]!, /restart|new/i);
  });

  it('[fault] 1002 again on the new session stops: exactly one new session, no loop', async () => {
    let sessions = 0;
    server.on('POST', '/api/tasks/me/with-session/nemo_agent', () => ok({ task_id: `task_${++sessions}`, session_id: `88800000000${sessions}` }));
    server.on('GET', /^\/api\/state\//, fail(1002, 'session not found'));
    const h = harness(server.url);
    await h.workflow.ensureSession();
    await rejectsWith(h.workflow.refreshState(), (e) => e.kind === 'session');
    assert.equal(sessions, 2);
    assert.equal(server.calls(/^\/api\/state\//).length, 2);
  });

  it('[fault] 429 with Retry-After: waits what the server asked (seconds and HTTP date), then one retry', async () => {
    server.on('GET', '/api/credits/balance/simple', { status: 429, headers: { 'retry-after': '7' }, body: { detail: 'slow down' } }, ok({ available: 1, frozen: 0, total: 1 }));
    const h = harness(server.url);
    assert.equal((await h.workflow.credits()).available, 1);
    assert.deepEqual(h.sleeps, [7000]);
    const now = 1_800_000_000_000;
    server.on('GET', '/api/credits/balance/simple', { status: 429, headers: { 'retry-after': new Date(now + 12_000).toUTCString() }, body: 'Too Many Requests' }, ok({ available: 2, frozen: 0, total: 2 }));
    const h2 = harness(server.url, { client: { now: () => now } });
    assert.equal((await h2.workflow.credits()).available, 2);
    assert.deepEqual(h2.sleeps, [12_000]);
  });

  it('[fault] 429 without Retry-After waits 30 s, retries once; a second 429 is reported, not looped', async () => {
    server.on('GET', '/api/credits/balance/simple', { status: 429, body: { detail: 'rate limited' } });
    const h = harness(server.url);
    const err = await rejectsWith(h.workflow.credits(), (e) => e.kind === 'rate-limit');
    assert.deepEqual(h.sleeps, [30_000]);
    assert.equal(server.calls('/api/credits/balance/simple').length, 2);
    assert.ok(err.userMessage.length > 10);
  });

  it('[fault] 429 on /run_sse before the stream starts: waits, then sends the message once more (it never began)', async () => {
    server.on('POST', '/run_sse', { status: 429, headers: { 'retry-after': '3' }, body: { detail: 'busy' } }, { sse: [{ data: JSON.stringify({ content: { role: 'model', parts: [{ text: 'OK.' }] } }) }] });
    const h = harness(server.url);
    const events = await collect(h.workflow.send('add a title'));
    assert.equal(outcome(events), 'text');
    assert.deepEqual(h.sleeps, [3000]);
    assert.equal(server.calls('/run_sse').length, 2);
  });

  it('[fault] export submit fails once: one retry with a NEW render id, and the job carries that id', async () => {
    server.on('POST', '/api/render/proxy/lambda', { status: 502, body: 'Bad Gateway' }, { body: { success: true, data: {} } });
    const h = harness(server.url);
    const job = await h.workflow.startExport();
    const submits = server.calls('/api/render/proxy/lambda');
    assert.equal(submits.length, 2);
    const [a, b] = submits.map((r) => (r.json as { id: string }).id);
    assert.notEqual(a, b);
    assert.equal(job.id, b);
    assert.match(String(b), /^render_\d+/);
    assert.equal(h.workflow.renderJobs()[0]?.id, b, 'the stored job is the accepted one');
  });

  it('[fault] export submit fails twice: the error is reported, exactly two submits, nothing stored', async () => {
    server.on('POST', '/api/render/proxy/lambda', { status: 500, body: { success: false, error: 'render farm down' } });
    const h = harness(server.url);
    const err = await rejectsWith(h.workflow.startExport(), (e) => e.kind === 'server');
    assert.equal(server.calls('/api/render/proxy/lambda').length, 2);
    assert.equal(h.workflow.renderJobs().length, 0);
    assert.equal(err.action.id, 'retry');
  });

  it('[fault] status "failed": the reason reaches the job (and the store) and a download is refused with it', async () => {
    server.on('GET', STATUS, { body: { success: true, data: { id: 'render_7', status: 'failed', progress: 40, error: 'source clip missing: beach.mp4' } } });
    const h = harness(server.url);
    const job = await h.workflow.pollExport(pendingJob('render_7'));
    assert.equal(job.status, 'failed');
    assert.match(job.error ?? '', /source clip missing: beach\.mp4/);
    assert.match(h.workflow.renderJobs()[0]?.error ?? '', /source clip missing/);
    const err = await rejectsWith(h.workflow.download(job, '/nonexistent-never-created'), (e) => /source clip missing/.test(e.userMessage));
    assert.ok(['check-status', 'retry'].includes(err.action.id));
  });
});
