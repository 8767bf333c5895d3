// /run_sse over real HTTP with the real planner: ADK frames (camelCase, functionCall → functionResponse with
// the draft in actions.stateDelta, partial text then one aggregated event), silent edits, heartbeats, one
// turn at a time per session, the credits it spends, 2001 in the middle of a stream, and a dropped client.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { FFMPEG, FFPROBE, tempDir, testMedia, toolPath, type TestMedia } from '../../support/media';
import { arr, harness, json, num, request, runSse, str, type Harness, type Loose } from './helpers';

const parts = (e: Loose): Loose[] => arr(e.content?.parts ?? []);
const texts = (events: Loose[]) => events.filter((e) => parts(e).some((p) => typeof p.text === 'string'));

describe('engine server: chat (/run_sse)', () => {
  let m: TestMedia;
  let h: Harness;
  before(async () => {
    m = await testMedia();
    h = await harness();
    const up = await h.upload([{ filename: 'clip.mp4', file: m.clip }, { filename: 'talk.mp4', file: m.silences }]);
    assert.equal(up.json.code, 0, up.text);
  });
  after(async () => { await h.engine.close(); });

  it('streams an edit as ADK events: functionCall, functionResponse with the draft, partial text, one aggregated text', async () => {
    const before = (await request(h.base, 'GET', '/api/credits/balance/simple', { token: h.token })).json.data.available;
    const turn = await runSse(h.base, h.token, h.sessionId, 'trim the first 2 seconds');
    assert.equal(turn.status, 200);
    assert.match(String(turn.headers['content-type']), /^text\/event-stream/);
    assert.ok(!/\n(event|id):/.test(`\n${turn.raw}`), 'no event:/id: lines, as ADK');
    assert.ok(!turn.raw.includes('[DONE]'));
    const ev = turn.events;
    assert.ok(ev.length >= 3, turn.raw);
    const invocation = ev[0].invocationId;
    for (const e of ev) {
      assert.equal(e.author, 'nemo_agent');
      assert.equal(e.invocationId, invocation);
      assert.match(str(e.id), /^[0-9a-f]+$/);
      const ts = num(e.timestamp);
      assert.ok(ts > 1.7e9 && ts < 1e10, 'float seconds like ADK');
      assert.equal(typeof e.partial, 'boolean');
    }
    const calls = ev.filter((e) => parts(e).some((p) => p.functionCall));
    const responses = ev.filter((e) => parts(e).some((p) => p.functionResponse));
    assert.ok(calls.length >= 1);
    assert.equal(calls.length, responses.length);
    calls.forEach((c, i) => {
      const call = parts(c)[0].functionCall;
      const resp = parts(responses[i])[0].functionResponse;
      assert.equal(c.content.role, 'model');
      assert.equal(responses[i].content.role, 'user');
      assert.equal(resp.id, call.id);
      assert.equal(resp.name, call.name);
      assert.equal(typeof call.args, 'object');
      assert.equal(typeof resp.response.summary, 'string');
    });
    assert.ok(calls.some((c) => /trim|cut|keep/.test(str(parts(c)[0].functionCall.name))), 'a cut tool was called');
    const delta = responses[responses.length - 1].actions.stateDelta.draft;
    assert.ok(Array.isArray(delta.t), 'the last functionResponse carries the new draft');
    const textEvents = texts(ev);
    const partials = textEvents.filter((e) => (e.partial as unknown) === true);
    const finals = textEvents.filter((e) => (e.partial as unknown) === false);
    assert.ok(partials.length >= 1);
    assert.equal(finals.length, 1);
    assert.equal(partials.map((e) => str(parts(e)[0].text)).join(''), parts(finals[0])[0].text, 'the aggregate replaces the partials');
    assert.equal(ev[ev.length - 1], finals[0], 'the aggregated text ends the turn');
    // The state endpoint shows the same draft, and the edit cost credits.
    const state = await h.state();
    assert.deepEqual(state.json.data.state.draft, delta);
    const after = (await request(h.base, 'GET', '/api/credits/balance/simple', { token: h.token })).json.data.available;
    assert.ok(num(after) < num(before), `credits spent: ${String(before)} → ${String(after)}`);
  });

  it('the final text event says what the planner made of the message in ADK customMetadata (plannerOutcome), and only it does', async () => {
    const missed = await runSse(h.base, h.token, h.sessionId, 'shave two secs off the front');
    const missedTexts = texts(missed.events);
    const last = missedTexts[missedTexts.length - 1];
    assert.match(str(parts(last)[0].text), /^I did not understand that request/);
    assert.deepEqual(last.customMetadata, { plannerOutcome: 'not-understood' });
    assert.equal(missed.events.filter((e) => e.customMetadata !== undefined).length, 1, 'only the aggregated text carries it');
    const edit = await runSse(h.base, h.token, h.sessionId, 'make it black and white');
    assert.deepEqual(texts(edit.events).at(-1)?.customMetadata, { plannerOutcome: 'edit' });
  });

  it('a canvas-only edit is silent: tool events and no text at all, and the draft still changes', async () => {
    const before = (await h.state()).json.data.state.draft;
    const turn = await runSse(h.base, h.token, h.sessionId, 'make it 9:16 for Shorts');
    assert.equal(texts(turn.events).length, 0, turn.raw);
    assert.ok(turn.events.some((e) => parts(e).some((p) => p.functionCall)));
    const after = (await h.state()).json.data.state;
    assert.notDeepEqual(after.draft, before);
    assert.equal(after.canvas_config.width, 1080);
    assert.equal(after.canvas_config.height, 1920);
  });

  it('an unknown request gets a short help text, no tool events, and costs nothing', async () => {
    const before = (await request(h.base, 'GET', '/api/credits/balance/simple', { token: h.token })).json.data.available;
    const turn = await runSse(h.base, h.token, h.sessionId, 'please bake me a cake');
    assert.equal(turn.events.filter((e) => parts(e).some((p) => p.functionCall)).length, 0);
    assert.ok(texts(turn.events).length >= 1);
    const after = (await request(h.base, 'GET', '/api/credits/balance/simple', { token: h.token })).json.data.available;
    assert.equal(after, before);
  });

  it('sends `: heartbeat` comments while a turn works', async () => {
    const slow = await harness({ heartbeatMs: 20, turnDelayMs: 1500 });
    try {
      const turn = await runSse(slow.base, slow.token, slow.sessionId, 'hello');
      assert.ok(turn.comments.includes('heartbeat'), turn.raw.slice(0, 300));
      assert.ok(texts(turn.events).length >= 1, 'and the turn still ends normally');
    } finally {
      await slow.engine.close();
    }
  });

  it('[bad-input] a second turn on the same session while one runs answers 409 (code 4009); other sessions are not blocked', async () => {
    const slow = await harness({ turnDelayMs: 3000 });
    try {
      let started!: () => void;
      const running = new Promise<void>((r) => { started = r; });
      const first = runSse(slow.base, slow.token, slow.sessionId, 'hello', () => started());
      await running;
      const second = await request(slow.base, 'POST', '/run_sse', { token: slow.token, body: json({ session_id: slow.sessionId, new_message: { parts: [{ text: 'again' }] } }) });
      assert.equal(second.status, 409);
      assert.equal(second.json.code, 4009);
      assert.match(str(second.json.message), /do not re-send/);
      const otherSession = str((await request(slow.base, 'POST', '/api/tasks/me/with-session/nemo_agent', { token: slow.token, body: '{}' })).json.data.session_id);
      const other = await runSse(slow.base, slow.token, otherSession, 'hello');
      assert.equal(other.status, 200);
      assert.equal((await first).status, 200);
      const third = await runSse(slow.base, slow.token, slow.sessionId, 'hello');
      assert.equal(third.status, 200, 'the session is free again after the turn');
    } finally {
      await slow.engine.close();
    }
  });

  it('2001 in the middle of a stream: an edit the user cannot pay for arrives as an error frame and changes nothing', async () => {
    const poor = await harness({ initialCredits: 1 });
    try {
      await poor.upload([{ filename: 'talk.mp4', file: m.silences }]);
      const turn = await runSse(poor.base, poor.token, poor.sessionId, 'generate a YouTube-ready video with intro, cuts, and outro from my raw footage');
      assert.equal(turn.status, 200);
      const last = turn.events[turn.events.length - 1];
      assert.equal(last.code, 2001, turn.raw);
      assert.match(str(last.error), /credits/i);
      assert.equal((await poor.state()).json.data.state.draft, null, 'nothing applied');
      assert.equal((await request(poor.base, 'GET', '/api/credits/balance/simple', { token: poor.token })).json.data.available, 1);
    } finally {
      await poor.engine.close();
    }
  });

  it('a client that drops the stream does not stop the turn: the draft is saved and the state shows it', async () => {
    // The engine's own log says when the turn has ended (its draft is saved before that line): waited for as
    // it is written, not polled.
    let turnEnded: () => void = () => undefined;
    const ended = new Promise<void>((resolve) => (turnEnded = resolve));
    const slow = await harness({ turnDelayMs: 800, log: (l) => { if (/^turn \S+: (\d+ tool call|error)/.test(l)) turnEnded(); } });
    try {
      await slow.upload([{ filename: 'clip.mp4', file: m.clip }]);
      await new Promise<void>((resolve, reject) => {
        const body = JSON.stringify({ session_id: slow.sessionId, new_message: { parts: [{ text: 'add an intro titled Dropped' }] } });
        const req = http.request(new URL('/run_sse', slow.base), { method: 'POST', agent: false, headers: { Authorization: `Bearer ${slow.token}`, 'Content-Length': Buffer.byteLength(body) } }, (res) => {
          assert.equal(res.statusCode, 200);
          res.destroy();
          resolve();
        });
        req.on('error', reject);
        req.end(body);
      });
      await ended;
      const draft = (await slow.state()).json.data.state.draft as Loose | null;
      assert.ok(draft, 'the turn finished without a listener');
      assert.ok(JSON.stringify(draft).includes('Dropped'));
    } finally {
      await slow.engine.close();
    }
  });

  it('[fault] a failure inside the turn arrives as a data: {"error"} frame; nothing is applied or charged; the next turn works', async () => {
    // A scripted fault: real ffmpeg, except that silence detection fails (naming its input, as ffmpeg does), so
    // both the detection started with the upload and the turn's own one fail.
    const bin = tempDir('gy-nosilence-');
    fs.writeFileSync(path.join(bin, 'ffmpeg'), [
      '#!/bin/sh',
      'case "$*" in',
      '  *"-af silencedetect="*) echo "scripted fault: cannot read $*" >&2; exit 1 ;;',
      'esac',
      `exec '${toolPath(FFMPEG)}' "$@"`,
    ].join('\n'), { mode: 0o755 });
    fs.symlinkSync(toolPath(FFPROBE), path.join(bin, 'ffprobe'));
    const own = await harness({ ffmpegPath: bin });
    try {
      assert.equal((await own.upload([{ filename: 'talk.mp4', file: m.silences }])).status, 200);
      const turn = await runSse(own.base, own.token, own.sessionId, 'remove silences');
      assert.equal(turn.status, 200);
      const last = turn.events[turn.events.length - 1];
      assert.match(str(last.error), /talk\.mp4/, turn.raw);
      assert.equal(turn.events.filter((e) => parts(e).some((p) => p.functionCall)).length, 0);
      assert.equal((await own.state()).json.data.state.draft, null);
      assert.equal((await request(own.base, 'GET', '/api/credits/balance/simple', { token: own.token })).json.data.available, 100);
      const next = await runSse(own.base, own.token, own.sessionId, 'hello');
      assert.equal(next.status, 200, 'the session is not left busy');
      assert.ok(texts(next.events).length >= 1);
    } finally {
      await own.engine.close();
    }
  });

  it('[bad-input] a message without text gets 4000 before any stream starts', async () => {
    for (const body of [{ session_id: h.sessionId }, { session_id: h.sessionId, new_message: { parts: [{ text: '   ' }] } }, { session_id: h.sessionId, new_message: { parts: 'x' } }]) {
      const r = await request(h.base, 'POST', '/run_sse', { token: h.token, body: json(body) });
      assert.equal(r.status, 422);
      assert.equal(r.json.code, 4000);
    }
  });
});
