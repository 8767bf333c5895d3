// Faults on the chat stream (/run_sse) against a real server on 127.0.0.1: drops at every point of a turn,
// heartbeat-only streams and the 15-minute cap on a fake clock, hostile frames, servers that never answer.
// The invariant checked everywhere: ONE /run_sse per user message, whatever happens.
// (The core's own contract tests cover a drop after tool+partial text, 5 unchanged polls, and an
// {"error"} frame next to an invalid-JSON frame; these add the other cases issue 8 lists.)
import * as assert from 'node:assert/strict';
import type { TurnEvent } from '../../src/core/workflow/index';
import { FakeClock, settle } from '../support/core-fake-clock';
import { collect, harness, outcome } from '../support/core-harness';
import { headersThenEnd, neverRespond, openStream, resetConnection } from '../support/fault-server';
import { adkText, adkTool, eachTestServer, ok, ScriptedServer } from '../support/scripted-server';

const DRAFT = { d: 8000, t: [{ tt: 0, d: 8000, m: { name: 'beach clip' }, sg: [{ s: 0, d: 8000 }] }] };
const MIN = 60_000;

/** State: empty for the first `emptyCalls` answers, then DRAFT (the edit landed on the backend). */
function stateChangesAfter(server: ScriptedServer, emptyCalls: number): void {
  let calls = 0;
  server.on('GET', /^\/api\/state\//, () => ok({ state: { draft: ++calls > emptyCalls ? DRAFT : { t: [] } } }));
}

function summaryOf(events: TurnEvent[]): string {
  const s = events.find((e) => e.type === 'summary');
  assert.ok(s && s.type === 'summary', `no summary in ${JSON.stringify(events.map((e) => e.type))}`);
  return s.text;
}

function textsOf(events: TurnEvent[]): string[] {
  return events.flatMap((e) => (e.type === 'text' ? [e.text] : []));
}


/**
 * Runs a message in the background; `result` settles when its last event arrives; `arrived(pred)` resolves
 * when an event matching `pred` has arrived (at once if one has), as it arrives — no polling.
 */
function background(events: AsyncIterable<TurnEvent>): { got: TurnEvent[]; done: () => boolean; result: Promise<TurnEvent[]>; arrived(pred: (e: TurnEvent) => boolean): Promise<void> } {
  const got: TurnEvent[] = [];
  const waiters = new Set<(e: TurnEvent) => void>();
  let finished = false;
  const result = (async () => {
    for await (const e of events) {
      got.push(e);
      for (const w of [...waiters]) w(e);
    }
    finished = true;
    return got;
  })();
  const arrived = (pred: (e: TurnEvent) => boolean): Promise<void> =>
    new Promise((resolve) => {
      if (got.some(pred)) return resolve();
      const w = (e: TurnEvent): void => {
        if (!pred(e)) return;
        waiters.delete(w);
        resolve();
      };
      waiters.add(w);
    });
  return { got, done: () => finished, result, arrived };
}

describe('faults: the chat stream', () => {
  let server: ScriptedServer;
  eachTestServer((s) => (server = s));

  it('[fault] drop after text: the text is kept, no second /run_sse, the state is polled and the change reported', async () => {
    stateChangesAfter(server, 2);
    server.on('POST', '/run_sse', { sse: [adkText('Adding the beach clip now.'), { delayMs: 20 }, { drop: true }] });
    const h = harness(server.url);
    const events = await collect(h.workflow.send('add the beach clip'));
    assert.equal(outcome(events), 'dropped');
    assert.equal(server.calls('/run_sse').length, 1);
    assert.deepEqual(textsOf(events), ['Adding the beach clip now.']);
    assert.match(summaryOf(events), /added Video: beach clip/);
    assert.ok(server.calls(/^\/api\/state\//).length >= 3, 'state before the turn + polls until the change');
  });

  it('[fault] drop right after a tool call (no text yet): progress shown, one /run_sse, change reported', async () => {
    stateChangesAfter(server, 1);
    server.on('POST', '/run_sse', { sse: [adkTool('edit_timeline'), { delayMs: 20 }, { drop: true }] });
    const h = harness(server.url);
    const events = await collect(h.workflow.send('put the beach clip first'));
    assert.equal(outcome(events), 'dropped');
    assert.equal(server.calls('/run_sse').length, 1);
    assert.ok(events.some((e) => e.type === 'progress'));
    assert.ok(events.some((e) => e.type === 'notice' && /not sent again/i.test(e.text)));
    assert.match(summaryOf(events), /added Video: beach clip/);
  });

  it('[fault] connection reset before any response byte: the message is not re-sent and the state is polled', async () => {
    // The request reached the server (the backend may be working on it): this is a drop, not a refusal.
    stateChangesAfter(server, 1);
    server.on('POST', '/run_sse', resetConnection());
    const h = harness(server.url);
    const events = await collect(h.workflow.send('make the intro shorter'));
    assert.equal(server.calls('/run_sse').length, 1, 'never re-sent');
    assert.ok(server.calls(/^\/api\/state\//).length >= 2, `the state must be polled after the drop; events: ${JSON.stringify(events)}`);
    assert.match(summaryOf(events), /added Video: beach clip/);
    assert.equal(outcome(events), 'dropped');
  });

  it('[fault] a backend that refuses the connection (nothing listening): a plain error at once, no polling as if it were a drop', async () => {
    const closed = await ScriptedServer.start();
    const deadUrl = closed.url;
    await closed.close(); // the port is free again: connections are refused
    const h = harness(deadUrl);
    const events = await collect(h.workflow.send('add a title'));
    assert.equal(outcome(events), 'error');
    const err = events.find((e) => e.type === 'error');
    assert.ok(err && err.type === 'error' && err.error.kind === 'network' && err.error.action.id === 'retry', JSON.stringify(err));
    assert.ok(!events.some((e) => e.type === 'summary'), 'nothing to poll: the message never left');
  });

  it('[fault] headers then a clean close without a byte: a silent turn, summarised from the state', async () => {
    stateChangesAfter(server, 1);
    server.on('POST', '/run_sse', headersThenEnd());
    const h = harness(server.url);
    const events = await collect(h.workflow.send('add the beach clip'));
    assert.equal(server.calls('/run_sse').length, 1);
    assert.equal(outcome(events), 'silent');
    assert.match(summaryOf(events), /added Video: beach clip/);
  });

  it('[fault] state polls after a drop survive 503s and resets, then report the change', async () => {
    let calls = 0;
    server.on('GET', /^\/api\/state\//, () => {
      calls++;
      if (calls === 1) return ok({ state: { draft: { t: [] } } });
      if (calls === 2) return { status: 503, body: 'Service Unavailable' };
      if (calls === 3) return resetConnection();
      return ok({ state: { draft: DRAFT } });
    });
    server.on('POST', '/run_sse', { sse: [{ drop: true }] });
    const h = harness(server.url);
    const events = await collect(h.workflow.send('add the beach clip'));
    assert.equal(server.calls('/run_sse').length, 1);
    assert.match(summaryOf(events), /added Video: beach clip/);
    assert.equal(calls, 4);
  });

  it('[fault] only heartbeats for 10 minutes (fake clock): "still working" every 2 min, then timed out, said plainly', async () => {
    const clock = new FakeClock();
    const stream = openStream();
    server.on('POST', '/run_sse', stream);
    const h = harness(server.url, { workflow: { clock } });
    const run = background(h.workflow.send('render a long montage'));
    await stream.opened;
    await clock.whenPending(3); // the turn timers: cap, still-working, idle
    for (let minute = 1; minute <= 9; minute++) {
      stream.comment('heartbeat');
      stream.data('{"type":"heartbeat"}');
      stream.data('');
      await settle();
      await clock.advance(MIN);
    }
    assert.equal(run.done(), false, 'nine minutes of heartbeats: still listening');
    await clock.advance(MIN);
    const events = await run.result;
    assert.equal(outcome(events), 'timed-out');
    assert.equal(events.filter((e) => e.type === 'still-working').length, 4, 'at 2, 4, 6 and 8 minutes');
    const err = events.find((e) => e.type === 'error');
    assert.ok(err && err.type === 'error' && err.error.kind === 'timeout' && /10 minutes/.test(err.error.userMessage), JSON.stringify(err));
    await stream.closed;
    assert.equal(stream.clientClosed, true, 'the client stopped listening (closed the connection)');
    assert.equal(server.calls('/run_sse').length, 1);
  });

  it('[fault] the 15-minute cap ends a stream that keeps sending real events', async () => {
    const clock = new FakeClock();
    const stream = openStream();
    server.on('POST', '/run_sse', stream);
    const h = harness(server.url, { workflow: { clock } });
    const run = background(h.workflow.send('make three versions'));
    await stream.opened;
    await clock.whenPending(3); // the turn timers
    // A real event every 4 minutes keeps the heartbeat-only timer from firing; only the cap can end it.
    for (let i = 1; i <= 3; i++) {
      stream.data(adkText(`Version ${i} in progress`, true).data);
      await run.arrived((e) => e.type === 'text' && e.text.includes(`Version ${i}`));
      await clock.advance(4 * MIN);
    }
    assert.equal(run.done(), false, '12 minutes with activity: still listening');
    await clock.advance(3 * MIN);
    const events = await run.result;
    assert.equal(outcome(events), 'timed-out');
    const err = events.find((e) => e.type === 'error');
    assert.ok(err && err.type === 'error' && /15 minutes/.test(err.error.userMessage), JSON.stringify(err));
    assert.ok(textsOf(events).some((x) => x.includes('Version 3')), 'what arrived is kept');
    await stream.closed;
    assert.equal(server.calls('/run_sse').length, 1);
  });

  it('[fault] a server that never sends headers cannot hang the turn: the turn timers end it (fake clock)', async () => {
    const clock = new FakeClock();
    const silent = neverRespond();
    server.on('POST', '/run_sse', silent);
    const h = harness(server.url, { workflow: { clock } });
    const run = background(h.workflow.send('add captions'));
    await silent.opened;
    await settle();
    // Past the 10-minute heartbeat-only limit and the 15-minute cap: the client must have given up.
    await clock.advance(16 * MIN);
    // Not a pause: this resolves the moment the turn ends; the real-time bound only turns a hang (nothing
    // guarding the wait for headers) into a clear failure instead of the suite's timeout.
    let bound: NodeJS.Timeout | undefined;
    const hung = new Promise<'hung'>((r) => (bound = setTimeout(() => r('hung'), 5_000)));
    const ended = await Promise.race([run.result.then(() => 'ended' as const), hung]);
    clearTimeout(bound);
    assert.equal(ended, 'ended', 'the turn is still waiting for headers after 16 (fake) minutes');
    const events = await run.result;
    assert.equal(outcome(events), 'timed-out');
    assert.equal(server.calls('/run_sse').length, 1);
  });

  it('[fault] a server that never sends headers: Stop ends the wait at once and nothing is re-sent', async () => {
    const silent = neverRespond();
    server.on('POST', '/run_sse', silent);
    const h = harness(server.url);
    const stop = new AbortController();
    const run = background(h.workflow.send('add captions', { signal: stop.signal }));
    await silent.opened;
    stop.abort();
    const events = await run.result;
    assert.equal(outcome(events), 'stopped');
    await silent.closed;
    assert.equal(server.calls('/run_sse').length, 1);
  });

  it('[fault] frames that are not JSON are skipped; the turn goes on and ends normally', async () => {
    server.on('POST', '/run_sse', {
      sse: [
        { data: 'not json at all' },
        adkText('Trimmed ', true),
        { data: '{"content": {"parts": [{"text": "unterminated' },
        { data: '<html>502 Bad Gateway</html>' },
        { raw: 'data: {"broken":\ndata: still broken\n\n' },
        adkText('Trimmed the ending to 30 s.'),
      ],
    });
    const h = harness(server.url);
    const events = await collect(h.workflow.send('trim the ending to 30 s'));
    assert.equal(outcome(events), 'text');
    assert.equal(textsOf(events).at(-1), 'Trimmed the ending to 30 s.');
    assert.ok(!events.some((e) => e.type === 'error'));
    assert.ok(h.logs.filter((l) => /not JSON/.test(l)).length >= 3);
  });

  it('[fault] an {"error"} frame with no text before it: the error is shown in plain words, nothing re-sent', async () => {
    server.on('POST', '/run_sse', { sse: [adkTool('render_preview'), { data: JSON.stringify({ error: { message: 'GPU worker lost' } }) }] });
    const h = harness(server.url);
    const events = await collect(h.workflow.send('preview it'));
    assert.equal(outcome(events), 'error');
    const err = events.find((e) => e.type === 'error');
    assert.ok(err && err.type === 'error' && /GPU worker lost/.test(err.error.userMessage));
    assert.ok(!/^\s*\{/.test(err.error.userMessage), 'plain words, not raw JSON');
    assert.equal(server.calls('/run_sse').length, 1);
  });

  it('[fault] unknown event shapes and unknown part kinds are ignored without breaking the turn', async () => {
    const odd = [
      { foo: 1 },
      { content: 'a string where an object belongs' },
      { content: { parts: 'not an array' } },
      { content: { role: 'model', parts: [null, 7, { inlineData: { mimeType: 'image/png', data: 'AAAA' } }, { executableCode: { code: 'x' } }] } },
      { actions: { stateDelta: { draft: { t: [] } }, transferToAgent: 'other' }, longRunningToolIds: ['x'], timestamp: 1700000000123 },
      [1, 2, 3],
      42,
      null,
      { type: 'progress', value: 0.5 },
    ];
    server.on('POST', '/run_sse', { sse: [...odd.map((o) => ({ data: JSON.stringify(o) })), adkText('Done: colours warmed up.')] });
    const h = harness(server.url);
    const events = await collect(h.workflow.send('warm up the colours'));
    assert.equal(outcome(events), 'text');
    assert.deepEqual(textsOf(events), ['Done: colours warmed up.']);
  });

  it('[fault] a 5 MB text frame is read whole (or dropped cleanly) and the turn still ends', async () => {
    const big = 'x'.repeat(5 * 1024 * 1024);
    server.on('POST', '/run_sse', { sse: [adkText(big), adkText('After the big frame.')] });
    const h = harness(server.url);
    const events = await collect(h.workflow.send('write a very long script'));
    assert.equal(outcome(events), 'text');
    const last = textsOf(events).at(-1) ?? '';
    assert.ok(last.endsWith('After the big frame.'));
    assert.ok(last.length === big.length + 2 + 'After the big frame.'.length || last === 'After the big frame.', `unexpected text length ${last.length}`);
    assert.equal(server.calls('/run_sse').length, 1);
  });
});
