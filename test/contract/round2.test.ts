// The contract's "Round 2" rules against a scripted server on 127.0.0.1, through the same Workflow the
// extension and the CLI use. Where the contract says "accept both", both shapes are scripted.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { NemoError } from '../../src/core/api/errors';
import { collect, harness, outcome } from '../support/core-harness';
import { adkText, eachTestServer, fail, ok, scriptBasics, type Scripted, ScriptedServer } from '../support/scripted-server';

function isKind(kind: string, check: (e: NemoError) => boolean = () => true): (e: unknown) => boolean {
  return (e) => e instanceof NemoError && e.kind === kind && check(e);
}

/** A typed-shape frame (`{"type":…}`), as older official docs show them. */
const typed = (v: Record<string, unknown>): { data: string } => ({ data: JSON.stringify(v) });
const READY = { t: [{ tt: 0, sg: [{ s: 0, d: 1000 }] }], d: 1000 };

describe('contract round 2: /run_sse refusals before the stream', () => {
  let server: ScriptedServer;
  let tmp: string;
  beforeEach(async () => {
    server = await ScriptedServer.start();
    scriptBasics(server);
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gyt-round2-'));
  });
  afterEach(async () => {
    await server.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('[fault] HTTP 200 JSON {"code":2001} is the out-of-credits error with the register link (anonymous), not a silent turn', async () => {
    server.on('POST', '/run_sse', fail(2001, 'Insufficient credits'));
    const h = harness(server.url);
    const events = await collect(h.workflow.send('add a title'));
    assert.equal(outcome(events), 'error');
    const err = events.find((e) => e.type === 'error');
    assert.ok(err && err.type === 'error');
    assert.equal(err.error.kind, 'credits');
    assert.equal(err.error.action.url, `https://nemovideo.com/register?bind=anon_1`);
    assert.ok(!events.some((e) => e.type === 'summary'), 'no "finished without a reply" summary');
    assert.equal(server.calls('/run_sse').length, 1, 'credits are not retried');
  });

  it('[fault] the same 2001 for a registered token offers top-up, not register', async () => {
    server.on('POST', '/run_sse', fail(2001, 'no credits'));
    const h = harness(server.url);
    await h.client.setToken('nmv_usr_registered');
    const err = (await collect(h.workflow.send('add a title'))).find((e) => e.type === 'error');
    assert.ok(err && err.type === 'error' && err.error.kind === 'credits' && err.error.action.id === 'top-up');
  });

  for (const [name, answer] of [
    ['HTTP 200 JSON {"code":1002}', fail(1002, 'Session not found')],
    ['an event-stream whose whole body is {"code":1002}', { headers: { 'content-type': 'text/event-stream' }, body: JSON.stringify({ code: 1002, message: 'Session not found', data: null }) }],
  ] as Array<[string, Scripted]>) {
    it(`[fault] ${name}: new session, the files of the lost session uploaded into it again, the message sent once more, the user told`, async () => {
      const file = path.join(tmp, 'clip.mp4');
      fs.writeFileSync(file, Buffer.alloc(2000, 7));
      let sessions = 0;
      server.on('POST', '/api/tasks/me/with-session/nemo_agent', () => ok({ task_id: `task_${++sessions}`, session_id: `sess_${sessions}` }));
      server.on('POST', /^\/api\/upload-video\//, ok({ files: [{ filename: 'clip.mp4' }] }));
      server.on('POST', '/run_sse', answer, { sse: [adkText('Added a title.')] });
      const h = harness(server.url);
      await h.workflow.upload([file]);
      const events = await collect(h.workflow.send('add a title'));
      assert.equal(outcome(events), 'text');
      const runs = server.calls('/run_sse');
      assert.equal(runs.length, 2, 'sent once more, exactly once');
      assert.equal((runs[1]!.json as { session_id: string }).session_id, 'sess_2');
      const uploads = server.calls(/^\/api\/upload-video\//);
      assert.deepEqual(uploads.map((u) => u.path), ['/api/upload-video/nemo_agent/me/sess_1', '/api/upload-video/nemo_agent/me/sess_2']);
      assert.equal(uploads[1]!.bodyBytes, uploads[0]!.bodyBytes, 'the same file, uploaded again');
      const upIndex = server.requests.indexOf(uploads[1]!);
      assert.ok(upIndex < server.requests.indexOf(runs[1]!), 're-upload before the message is sent again');
      const notice = events.find((e) => e.type === 'notice');
      assert.ok(notice && notice.type === 'notice' && /new one was started/.test(notice.text) && /clip\.mp4/.test(notice.text), JSON.stringify(notice));
      assert.equal(h.workflow.session?.sessionId, 'sess_2');
      assert.deepEqual(h.workflow.session?.uploads, [file], 'the new session remembers the file for a later loss');
    });
  }

  it('[fault] 1002 twice in a row: one new session only, then the error (no loop)', async () => {
    server.on('POST', '/run_sse', fail(1002, 'Session not found'));
    const h = harness(server.url);
    const events = await collect(h.workflow.send('add a title'));
    assert.equal(outcome(events), 'error');
    assert.equal(server.calls('/run_sse').length, 2);
    assert.equal(server.calls('/api/tasks/me/with-session/nemo_agent').length, 2, 'the first session and one new one');
  });

  for (const [name, answer] of [
    ['code 1001', fail(1001, 'token expired')],
    ['code 1010', fail(1010, 'token invalid')],
    ['code 1011', fail(1011, 'unauthorized')],
    ['HTTP 401', { status: 401, body: { detail: 'Not authenticated' } }],
    ['code 1010 as the whole body of an event stream', { headers: { 'content-type': 'text/event-stream' }, body: JSON.stringify({ code: 1010, message: 'token invalid' }) }],
  ] as Array<[string, Scripted]>) {
    it(`[fault] ${name} on /run_sse: one new anonymous token with the SAME client id, the message sent once more`, async () => {
      server.on('POST', '/run_sse', answer, { sse: [adkText('Done.')] });
      const h = harness(server.url);
      const events = await collect(h.workflow.send('add a title'));
      assert.equal(outcome(events), 'text', JSON.stringify(events));
      assert.equal(server.calls('/run_sse').length, 2);
      const anon = server.calls('/api/auth/anonymous-token');
      assert.equal(anon.length, 2);
      assert.equal(anon[0]!.headers['x-client-id'], anon[1]!.headers['x-client-id']);
    });
  }

  it('[fault] auth refused twice (1011 can mean missing attribution): one renewal, then the error — never a loop', async () => {
    server.on('POST', '/run_sse', fail(1011, 'unauthorized'));
    const h = harness(server.url);
    const events = await collect(h.workflow.send('add a title'));
    assert.equal(outcome(events), 'error');
    assert.equal(server.calls('/run_sse').length, 2);
    assert.equal(server.calls('/api/auth/anonymous-token').length, 2);
  });

  it('[security] the user\'s own token refused (1010): "rejected, Set Token", no anonymous token behind their back', async () => {
    server.on('GET', '/api/credits/balance/simple', fail(1010, 'invalid token'));
    const h = harness(server.url);
    await h.client.setToken('nmv_usr_mine');
    await assert.rejects(h.workflow.credits(), isKind('auth', (e) => e.action.id === 'set-token' && /rejected your token/.test(e.userMessage)));
    assert.equal(server.calls('/api/auth/anonymous-token').length, 0);
    assert.equal(await h.secrets.get(`nemo.token:${h.client.backendKey}`), 'nmv_usr_mine', 'the user\'s token is kept');
  });

  it('[bad-input] a /run_sse answer that is a web page (HTTP 200 text/html) is an error, not an empty turn', async () => {
    server.on('POST', '/run_sse', { headers: { 'content-type': 'text/html' }, body: '<html>maintenance</html>' });
    const h = harness(server.url);
    const events = await collect(h.workflow.send('add a title'));
    assert.equal(outcome(events), 'error');
    const err = events.find((e) => e.type === 'error');
    assert.ok(err && err.type === 'error' && err.error.kind === 'bad-response');
    assert.equal(server.calls('/run_sse').length, 1);
  });

  it('SSE frames under a wrong Content-Type (text/plain) are still the turn', async () => {
    server.on('POST', '/run_sse', { headers: { 'content-type': 'text/plain' }, body: `data: ${adkText('Hello from a proxy').data}\n\n` });
    const h = harness(server.url);
    const events = await collect(h.workflow.send('say hello'));
    assert.equal(outcome(events), 'text');
    assert.ok(events.some((e) => e.type === 'text' && e.text === 'Hello from a proxy'));
  });
});

describe('contract round 2: the typed stream shape', () => {
  let server: ScriptedServer;
  eachTestServer((s) => (server = s));

  it('text frames are shown (content appended), tool frames are progress, heartbeats ignored, no raw JSON', async () => {
    server.on('POST', '/run_sse', {
      sse: [
        typed({ type: 'heartbeat' }),
        typed({ type: 'tool_call', name: 'edit_timeline' }),
        typed({ type: 'tool_result', name: 'edit_timeline', result: { ok: true } }),
        typed({ type: 'text', content: 'Added the ' }),
        typed({ type: 'text', content: 'intro.' }),
        typed({ type: 'done' }),
      ],
    });
    const h = harness(server.url);
    const events = await collect(h.workflow.send('add an intro'));
    assert.equal(outcome(events), 'text');
    const texts = events.filter((e) => e.type === 'text').map((e) => (e.type === 'text' ? e.text : ''));
    assert.equal(texts[texts.length - 1], 'Added the intro.');
    assert.ok(texts.every((x) => !x.includes('{')), 'never raw JSON');
    assert.ok(events.some((e) => e.type === 'progress' && e.label === 'Editing timeline…'));
  });

  it('{"type":"done"} ends the turn even when the server keeps the connection open', async () => {
    server.on('POST', '/run_sse', { sse: [typed({ type: 'text', content: 'All set.' }), typed({ type: 'done' }), { delayMs: 60_000 }] });
    const h = harness(server.url);
    const events = await collect(h.workflow.send('add an intro'));
    assert.equal(outcome(events), 'text');
    assert.ok(events.some((e) => e.type === 'text' && e.text === 'All set.'));
  });

  it('[fault] {"type":"error","message":…} ends the turn with that message', async () => {
    server.on('POST', '/run_sse', { sse: [typed({ type: 'text', content: 'Working' }), typed({ type: 'error', message: 'render farm unavailable' })] });
    const h = harness(server.url);
    const events = await collect(h.workflow.send('add an intro'));
    assert.equal(outcome(events), 'error');
    const err = events.find((e) => e.type === 'error');
    assert.ok(err && err.type === 'error' && /render farm unavailable/.test(err.error.userMessage));
  });

  it('ADK events and typed frames in one stream are both decoded', async () => {
    server.on('POST', '/run_sse', { sse: [adkText('From ADK.'), typed({ type: 'text', content: ' And typed.' })] });
    const events = await collect(harness(server.url).workflow.send('hi'));
    const last = events.filter((e) => e.type === 'text').pop();
    assert.ok(last && last.type === 'text' && /From ADK\./.test(last.text) && /And typed\./.test(last.text), JSON.stringify(last));
  });
});

describe('contract round 2: 402/403 decided by the body', () => {
  let server: ScriptedServer;
  eachTestServer((s) => (server = s), READY);

  const cases: Array<[string, Scripted, string, RegExp]> = [
    ['402 "Insufficient credits"', { status: 402, body: { success: false, error: 'Insufficient credits' } }, 'credits', /register\?bind=anon_1$/],
    ['402 {"code":2001}', { status: 402, body: { code: 2001, message: 'payment required' } }, 'credits', /register\?bind=anon_1$/],
    ['402 "余额不足"', { status: 402, body: { detail: '积分余额不足' } }, 'credits', /register\?bind=anon_1$/],
    ['403 "Upgrade your plan to export"', { status: 403, body: { success: false, error: 'Upgrade your plan to export' } }, 'plan', /register\?bind=anon_1$/],
    ['402 "Subscription required"', { status: 402, body: { detail: 'Subscription required' } }, 'plan', /register\?bind=anon_1$/],
    ['403 with a body that says neither', { status: 403, body: { detail: 'Forbidden' } }, 'plan', /register\?bind=anon_1$/],
  ];
  for (const [name, answer, kind, link] of cases) {
    it(`[fault] export answered ${name} → ${kind}`, async () => {
      server.on('POST', '/api/render/proxy/lambda', answer);
      const h = harness(server.url);
      await assert.rejects(h.workflow.startExport(), isKind(kind, (e) => link.test(e.action.url ?? '')));
      assert.equal(server.calls('/api/render/proxy/lambda').length, 1, 'not retried with a new id');
    });
  }

  it('[fault] anonymous token without the render scope: the plan message says registering unlocks export; a registered user sees plans', async () => {
    server.on('POST', '/api/render/proxy/lambda', { status: 403, body: { detail: 'token lacks render scope' } });
    const anon = harness(server.url);
    await assert.rejects(anon.workflow.startExport(), isKind('plan', (e) => /Register to unlock export/.test(e.userMessage) && e.action.id === 'register'));
    const registered = harness(server.url, { env: { NEMO_TOKEN: 'nmv_usr_registered' } });
    await assert.rejects(registered.workflow.startExport(), isKind('plan', (e) => /plan/.test(e.userMessage) && /\/pricing$/.test(e.action.url ?? '') && e.action.label === 'See plans'));
  });
});

describe('contract round 2: submit answers, duplicate id, resolution, cancel', () => {
  let server: ScriptedServer;
  eachTestServer((s) => (server = s), READY);

  it('submit {"success":true,"data":{id,status,progress}}: the job starts from what the server said', async () => {
    server.on('POST', '/api/render/proxy/lambda', (r) => ({ body: { success: true, data: { id: (r.json as { id: string }).id, status: 'processing', progress: 5 } } }));
    const job = await harness(server.url).workflow.startExport();
    assert.equal(job.status, 'processing');
    assert.equal(job.progress, 5);
    assert.equal(job.id, (server.calls('/api/render/proxy/lambda')[0]!.json as { id: string }).id);
  });

  it('submit {"render_id":…,"status":…} (no envelope): the job is polled by that id', async () => {
    server.on('POST', '/api/render/proxy/lambda', { body: { render_id: 'render_server_42', status: 'pending' } });
    server.on('GET', '/api/render/proxy/lambda/render_server_42', { body: { success: true, data: { status: 'completed', progress: 100, outputUrl: 'https://cdn.example/x.mp4' } } });
    const h = harness(server.url);
    const job = await h.workflow.startExport();
    assert.equal(job.id, 'render_server_42');
    const done = await h.workflow.pollExport(job);
    assert.equal(done.status, 'completed');
  });

  for (const [name, refusal] of [
    ['HTTP 409 {"success":false,"error":"duplicate id"}', { status: 409, body: { success: false, error: 'duplicate id' } }],
    ['HTTP 200 {"success":false,"error":"Render id already exists"}', { body: { success: false, error: 'Render id already exists' } }],
  ] as Array<[string, Scripted]>) {
    it(`[fault] submit refused with ${name}: one retry with a NEW id, and the job carries it`, async () => {
      server.on('POST', '/api/render/proxy/lambda', refusal, { body: { success: true, data: { status: 'pending' } } });
      const h = harness(server.url);
      const job = await h.workflow.startExport();
      const ids = server.calls('/api/render/proxy/lambda').map((r) => (r.json as { id: string }).id);
      assert.equal(ids.length, 2);
      assert.notEqual(ids[0], ids[1]);
      assert.equal(job.id, ids[1]);
      assert.ok(h.logs.some((l) => /duplicate/.test(l)), 'the log says why');
    });
  }

  it('[fault] a duplicate id twice: the error is reported after exactly two submits', async () => {
    server.on('POST', '/api/render/proxy/lambda', { status: 409, body: { success: false, error: 'duplicate id' } });
    await assert.rejects(harness(server.url).workflow.startExport());
    assert.equal(server.calls('/api/render/proxy/lambda').length, 2);
  });

  it('output.resolution goes out as a string ("1080p"), fps as a number', async () => {
    server.on('POST', '/api/render/proxy/lambda', { body: { success: true, data: {} } });
    await harness(server.url).workflow.startExport({ output: { resolution: '1080p', fps: 30 } });
    assert.deepEqual((server.calls('/api/render/proxy/lambda')[0]!.json as { output: unknown }).output, { format: 'mp4', quality: 'high', resolution: '1080p', fps: 30 });
  });

  it('cancel: POST …/lambda/<id>/cancel without a body; the stored job becomes "cancelled"; without an id the session\'s running export is meant', async () => {
    server.on('POST', '/api/render/proxy/lambda', { body: { success: true, data: { status: 'processing' } } });
    server.on('POST', /^\/api\/render\/proxy\/lambda\/[^/]+\/cancel$/, (r) => ({ body: { success: true, data: { id: r.path.split('/')[5], status: 'cancelled' } } }));
    const h = harness(server.url);
    const job = await h.workflow.startExport();
    const r = await h.workflow.cancelExport();
    assert.equal(r.outcome, 'cancelled');
    assert.match(r.text, /was cancelled/);
    const call = server.calls(`/api/render/proxy/lambda/${job.id}/cancel`, 'POST');
    assert.equal(call.length, 1);
    assert.equal(call[0]!.bodyBytes, 0);
    assert.equal(h.workflow.renderJobs().find((j) => j.id === job.id)?.status, 'cancelled');
    await assert.rejects(h.workflow.cancelExport(), isKind('bad-input', (e) => /No export is running/.test(e.userMessage)), 'nothing left to cancel');
  });

  it('[fault] cancel on an older server (404, but the job\'s status is there): stop following, say the backend may still finish it, keep the job listed as it was', async () => {
    server.on('POST', '/api/render/proxy/lambda', { body: { success: true, data: { status: 'processing', progress: 40 } } });
    server.on('POST', /\/cancel$/, { status: 404, body: { detail: 'Not Found' } });
    server.on('GET', /^\/api\/render\/proxy\/lambda\/[^/]+$/, { body: { success: true, data: { status: 'processing', progress: 40 } } });
    const h = harness(server.url);
    const job = await h.workflow.startExport();
    const r = await h.workflow.cancelExport(job.id);
    assert.equal(r.outcome, 'not-supported');
    assert.match(r.text, /may still finish it/);
    const kept = h.workflow.renderJobs().find((j) => j.id === job.id);
    assert.equal(kept?.status, 'processing', 'still listed, unchanged');
    // Whatever the missing route's 404 says (a web page, either envelope): the job's status decides.
    for (const body of ['<html><body>Not Found</body></html>', { code: 4004, message: 'no such route', data: null }, { success: false, error: 'Not Found' }]) {
      server.on('POST', /\/cancel$/, { status: 404, body });
      assert.equal((await h.workflow.cancelExport(job.id)).outcome, 'not-supported', JSON.stringify(body));
    }
  });

  it('[fault] cancel an id the server does not know (404, and 404 on its status too): says so plainly, nothing is running; the stored job ends with that reason', async () => {
    server.on('POST', '/api/render/proxy/lambda', { body: { success: true, data: { status: 'processing', progress: 40 } } });
    // A render-envelope failure without a code (as the contract shows them), and the local engine's (with its code).
    for (const body of [{ success: false, error: 'render job not found' }, { success: false, error: 'Render job "x" not found', code: 4040 }]) {
      server.on('POST', /\/cancel$/, { status: 404, body });
      server.on('GET', /^\/api\/render\/proxy\/lambda\/[^/]+$/, { status: 404, body });
      const h = harness(server.url);
      const job = await h.workflow.startExport();
      const r = await h.workflow.cancelExport(job.id);
      assert.equal(r.outcome, 'unknown-job', JSON.stringify(body));
      assert.equal(r.text, `The server has no export ${job.id}: nothing is running there, so there was nothing to cancel.`);
      assert.doesNotMatch(r.text, /may still finish/);
      const ended = h.workflow.renderJobs().find((j) => j.id === job.id);
      assert.equal(ended?.status, 'failed', 'no longer listed as running');
      assert.equal(ended?.error, r.text);
      // An id this client never stored: the same answer, nothing stored.
      assert.equal((await h.workflow.cancelExport('render_elsewhere')).outcome, 'unknown-job');
      assert.equal(h.workflow.renderJobs().some((j) => j.id === 'render_elsewhere'), false);
    }
    assert.equal(server.calls(/^\/api\/render\/proxy\/lambda\/[^/]+$/, 'GET').length, 4, 'one status check per cancel');
    const zh = await harness(server.url, { lang: 'zh' }).workflow.cancelExport('render_1');
    assert.equal(zh.text, '服务器上没有导出 render_1：那里没有任何任务在运行，无需取消。');
  });

  it('a job the server reports "canceled" (either spelling) ends polling as cancelled', async () => {
    server.on('POST', '/api/render/proxy/lambda', { body: { success: true, data: {} } });
    server.on('GET', /^\/api\/render\/proxy\/lambda\/[^/]+$/, { body: { success: true, data: { status: 'processing', progress: 10 } } }, { body: { status: 'canceled', progress: 10 } });
    const h = harness(server.url);
    const done = await h.workflow.pollExport(await h.workflow.startExport());
    assert.equal(done.status, 'cancelled');
    assert.equal(h.workflow.renderJobs()[0]?.status, 'cancelled');
  });
});
