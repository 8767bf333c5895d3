// The business endpoints over real HTTP: token, session, claim, credits, state; their envelope and codes;
// and the malformed requests that must get a clear error while the server keeps serving.
import * as assert from 'node:assert/strict';
import { harness, json, newSession, newToken, request, str, type Harness } from './helpers';

describe('engine server: business endpoints', () => {
  let h: Harness;
  before(async () => { h = await harness(); });
  after(async () => { await h.engine.close(); });

  it('issues an anonymous nmv_usr_ token with user id, expiry and 100 credits', async () => {
    const r = await request(h.base, 'POST', '/api/auth/anonymous-token', { headers: { 'X-Client-Id': 'client-abc' } });
    assert.equal(r.status, 200);
    assert.equal(r.json.code, 0);
    assert.match(str(r.json.data.token), /^nmv_usr_[A-Za-z0-9_-]{40,}$/);
    assert.match(str(r.json.data.user_id), /^anon_/);
    assert.ok(Date.parse(str(r.json.data.expires_at)) > Date.now() + 6 * 24 * 3600 * 1000);
    assert.equal(r.json.data.credits, 100);
  });

  it('the same client id keeps its user (and so its credits); tokens differ', async () => {
    const a = await request(h.base, 'POST', '/api/auth/anonymous-token', { headers: { 'X-Client-Id': 'same-client' } });
    const b = await request(h.base, 'POST', '/api/auth/anonymous-token', { headers: { 'X-Client-Id': 'same-client' } });
    assert.equal(a.json.data.user_id, b.json.data.user_id);
    assert.notEqual(a.json.data.token, b.json.data.token);
  });

  it('[bad-input] anonymous token without X-Client-Id answers HTTP 400', async () => {
    const r = await request(h.base, 'POST', '/api/auth/anonymous-token');
    assert.equal(r.status, 400);
    assert.notEqual(r.json.code, 0);
    assert.match(str(r.json.message), /X-Client-Id/);
    const tooLong = await request(h.base, 'POST', '/api/auth/anonymous-token', { headers: { 'X-Client-Id': 'x'.repeat(65) } });
    assert.equal(tooLong.status, 400);
  });

  it('[security] every other endpoint without a token answers 1001', async () => {
    const calls: Array<[string, string]> = [
      ['POST', '/api/tasks/me/with-session/nemo_agent'],
      ['POST', '/api/auth/claim-token'],
      ['GET', '/api/credits/balance/simple'],
      ['GET', `/api/state/nemo_agent/me/${h.sessionId}/latest`],
      ['POST', `/api/upload-video/nemo_agent/me/${h.sessionId}`],
      ['POST', '/run_sse'],
    ];
    for (const [method, p] of calls) {
      const r = await request(h.base, method, p, { headers: { 'Content-Type': 'application/json' }, body: '{}' });
      assert.equal(r.status, 401, `${method} ${p}`);
      assert.equal(r.json.code, 1001, `${method} ${p}`);
    }
    const render = await request(h.base, 'GET', '/api/render/proxy/lambda/render_1');
    assert.equal(render.status, 401);
    assert.equal(render.json.success, false);
    assert.equal(render.json.code, 1001);
  });

  it('[security] a token the engine did not issue answers 1001 (forged, malformed, other scheme)', async () => {
    for (const auth of ['Bearer nmv_usr_forgedforgedforgedforgedforgedforgedforged', 'Bearer', `Basic ${h.token}`, h.token]) {
      const r = await request(h.base, 'GET', '/api/credits/balance/simple', { headers: { Authorization: auth } });
      assert.equal(r.json.code, 1001, auth.slice(0, 12));
    }
  });

  it('creates sessions with a task id and a long numeric session id', async () => {
    const r = await request(h.base, 'POST', '/api/tasks/me/with-session/nemo_agent', { token: h.token, headers: { 'Content-Type': 'application/json' }, body: json({ task_name: 'project', language: 'en' }) });
    assert.equal(r.json.code, 0);
    assert.match(str(r.json.data.session_id), /^[1-9][0-9]{18}$/);
    assert.match(str(r.json.data.task_id), /^task_/);
  });

  it('claim-token returns a clm_ token for the user\'s own session', async () => {
    const st = await h.state();
    const r = await request(h.base, 'POST', '/api/auth/claim-token', { token: h.token, body: json({ task_id: st.json.data.task_id, session_id: h.sessionId }) });
    assert.equal(r.json.code, 0);
    assert.match(str(r.json.data.claim_token), /^clm_/);
    assert.ok(Number(r.json.data.expires_in) > 0);
  });

  it('credits balance is {available, frozen, total}', async () => {
    const r = await request(h.base, 'GET', '/api/credits/balance/simple', { token: h.token });
    assert.deepEqual(r.json.data, { available: 100, frozen: 0, total: 100 });
  });

  it('state of a fresh session has the five state keys and a null draft', async () => {
    const r = await h.state();
    assert.equal(r.json.code, 0);
    assert.equal(r.json.data.session_id, h.sessionId);
    assert.match(str(r.json.data.task_id), /^task_/);
    assert.deepEqual(Object.keys(r.json.data.state).sort(), ['canvas_config', 'draft', 'generated_media', 'video_analyses', 'video_infos']);
    assert.equal(r.json.data.state.draft, null);
    assert.deepEqual(r.json.data.state.video_infos, []);
  });

  it('[bad-input] unknown, malformed and other users\' session ids answer 1002 everywhere', async () => {
    const other = await newToken(h.base);
    const otherSession = await newSession(h.base, other);
    for (const sid of ['1234567890123456789', 'not-a-number', '..%2F..%2Fetc', otherSession]) {
      const st = await h.state(sid);
      assert.equal(st.json.code, 1002, `state ${sid}`);
      assert.equal(st.status, 404);
      const up = await request(h.base, 'POST', `/api/upload-video/nemo_agent/me/${sid}`, { token: h.token, body: json({ urls: ['file:///nope.mp4'] }) });
      assert.equal(up.json.code, 1002, `upload ${sid}`);
      const chat = await request(h.base, 'POST', '/run_sse', { token: h.token, body: json({ session_id: sid, new_message: { parts: [{ text: 'hi' }] } }) });
      assert.equal(chat.json.code, 1002, `run_sse ${sid}`);
      const claim = await request(h.base, 'POST', '/api/auth/claim-token', { token: h.token, body: json({ session_id: sid }) });
      assert.equal(claim.json.code, 1002, `claim ${sid}`);
      const exp = await request(h.base, 'POST', '/api/render/proxy/lambda', { token: h.token, headers: { 'X-Skill-Source': 'generator-youtube' }, body: json({ id: 'render_1', sessionId: sid, draft: { t: [{ tt: 0, sg: [{}], d: 1 }], d: 1 } }) });
      assert.equal(exp.json.success, false, `export ${sid}`);
      assert.equal(exp.json.code, 1002, `export ${sid}`);
    }
  });

  it('[bad-input] malformed JSON bodies get a clear 4000 error and the server keeps serving', async () => {
    for (const body of ['{"task_name":', 'not json at all', '[1,2,3]', '"just a string"']) {
      const r = await request(h.base, 'POST', '/api/tasks/me/with-session/nemo_agent', { token: h.token, headers: { 'Content-Type': 'application/json' }, body });
      assert.equal(r.status, 422, body);
      assert.equal(r.json.code, 4000, body);
      assert.match(str(r.json.message), /JSON/);
    }
    const chat = await request(h.base, 'POST', '/run_sse', { token: h.token, headers: { 'Content-Type': 'application/json' }, body: '{"session_id": "1", "new_message": ' });
    assert.equal(chat.json.code, 4000);
    const exp = await request(h.base, 'POST', '/api/render/proxy/lambda', { token: h.token, headers: { 'X-Skill-Source': 'generator-youtube' }, body: '{{' });
    assert.equal(exp.json.success, false);
    assert.match(str(exp.json.error), /JSON/);
    assert.equal((await request(h.base, 'GET', '/api/credits/balance/simple', { token: h.token })).json.code, 0);
  });

  it('[bad-input] a JSON body over the size limit is refused with 413 and the server keeps serving', async () => {
    const big = Buffer.alloc(9 * 1024 * 1024, 0x20);
    const r = await request(h.base, 'POST', '/api/auth/claim-token', { token: h.token, headers: { 'Content-Type': 'application/json' }, body: big });
    assert.equal(r.status, 413);
    assert.equal(r.json.code, 4000);
    assert.equal((await h.state()).json.code, 0);
  });

  it('[bad-input] unknown routes answer 404 JSON; a wrong method answers 405', async () => {
    const r = await request(h.base, 'GET', '/api/nothing/here', { token: h.token });
    assert.equal(r.status, 404);
    assert.equal(r.json.code, 4004);
    const m = await request(h.base, 'DELETE', '/api/credits/balance/simple', { token: h.token });
    assert.equal(m.status, 405);
    assert.equal(m.headers.allow, 'GET');
    const enc = await request(h.base, 'GET', '/api/state/nemo_agent/me/%E0%A4%A/latest', { token: h.token });
    assert.equal(enc.status, 422);
  });

  it('2001 is reachable: a user without credits cannot start a chat turn', async () => {
    const poor = await harness({ initialCredits: 0 });
    try {
      const bal = await request(poor.base, 'GET', '/api/credits/balance/simple', { token: poor.token });
      assert.equal(bal.json.data.available, 0);
      const r = await request(poor.base, 'POST', '/run_sse', { token: poor.token, body: json({ session_id: poor.sessionId, new_message: { parts: [{ text: 'add an intro titled Hi' }] } }) });
      assert.equal(r.json.code, 2001);
      assert.notEqual(r.status, 402, '402 is the contract\'s "free plan cannot export", not credits');
      assert.match(str(r.json.message), /credits/i);
    } finally {
      await poor.engine.close();
    }
  });
});
