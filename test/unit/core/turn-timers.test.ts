// The turn reader's timers on a fake clock: still-working every 2 min of heartbeats only, timed out after
// 10 min of heartbeats only, the 15-min hard cap, stop by AbortSignal, drop and close.
import * as assert from 'node:assert/strict';
import { readTurn, type StreamEvent } from '../../../src/core/sse/turn';
import { FakeClock, settle } from '../../support/core-fake-clock';

const MIN = 60_000;

/** A Response whose body the test writes frame by frame. */
function controlledResponse(): { res: Response; write(s: string): void; close(): void; fail(): void; cancelled: () => boolean } {
  let ctrl!: ReadableStreamDefaultController<Uint8Array>;
  let cancelled = false;
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      ctrl = c;
    },
    cancel() {
      cancelled = true;
    },
  });
  const enc = new TextEncoder();
  return {
    res: new Response(body, { headers: { 'content-type': 'text/event-stream' } }),
    write: (s) => {
      if (!cancelled) ctrl.enqueue(enc.encode(s));
    },
    close: () => ctrl.close(),
    fail: () => ctrl.error(new TypeError('terminated')),
    cancelled: () => cancelled,
  };
}

function start(opts: { signal?: AbortSignal } = {}) {
  const clock = new FakeClock();
  const stream = controlledResponse();
  const fetchController = new AbortController();
  const events: StreamEvent[] = [];
  const finished = (async () => {
    for await (const e of readTurn(stream.res, { clock, signal: opts.signal, fetchController })) events.push(e);
  })();
  return { clock, stream, events, finished, fetchController };
}

const text = (t: string, partial = false): string => `data: ${JSON.stringify({ content: { role: 'model', parts: [{ text: t }] }, partial })}\n\n`;

describe('core/sse turn timers (fake clock)', () => {
  it('says "still working" every 2 minutes of heartbeats only, in all three heartbeat forms', async () => {
    const { clock, stream, events, finished } = start();
    for (let i = 0; i < 9; i++) {
      stream.write([': keep-alive\n\n', 'data: \n\n', 'data: {"type":"heartbeat"}\n\n'][i % 3]!);
      await clock.advance(30_000);
    }
    // 4.5 min of heartbeats: still-working at 2 and 4 min
    assert.deepEqual(events.filter((e) => e.type === 'still-working').map((e) => (e.type === 'still-working' ? e.elapsedMs : 0)), [2 * MIN, 4 * MIN]);
    stream.close();
    await finished;
    assert.equal(events.at(-1)?.type, 'end');
    const end = events.at(-1);
    assert.ok(end && end.type === 'end' && end.end === 'closed');
    assert.equal(clock.pending, 0, 'no timer left behind');
  });

  it('real events restart the heartbeat-only clock', async () => {
    const { clock, stream, events, finished } = start();
    await clock.advance(100_000);
    stream.write(text('working'));
    await clock.advance(100_000); // 200 s since start, only 100 s since the text
    assert.equal(events.filter((e) => e.type === 'still-working').length, 0);
    await clock.advance(20_000);
    assert.equal(events.filter((e) => e.type === 'still-working').length, 1);
    stream.close();
    await finished;
  });

  it('[fault] 10 minutes of heartbeats only = timed out: stops listening and aborts the fetch', async () => {
    const { clock, stream, events, finished, fetchController } = start();
    stream.write(text('Starting'));
    for (let i = 0; i < 20; i++) {
      stream.write(': ping\n\n');
      await clock.advance(30_000);
    }
    await finished;
    const end = events.at(-1);
    assert.ok(end && end.type === 'end');
    assert.equal(end.end, 'timed-out');
    assert.equal(end.text, 'Starting');
    assert.ok(fetchController.signal.aborted);
    assert.ok(stream.cancelled());
    assert.equal(events.filter((e) => e.type === 'still-working').length, 4); // 2, 4, 6, 8 min
  });

  it('[fault] the 15-minute hard cap ends a stream that keeps sending real events', async () => {
    const { clock, stream, events, finished } = start();
    for (let i = 0; i < 31; i++) {
      stream.write(text(`step ${i}`, true));
      await clock.advance(30_000);
    }
    await finished;
    const end = events.at(-1);
    assert.ok(end && end.type === 'end');
    assert.equal(end.end, 'hard-cap');
    assert.equal(clock.now() - 1_700_000_000_000 >= 15 * MIN, true);
  });

  it('stop (AbortSignal) ends with "stopped" immediately and aborts the request', async () => {
    const ac = new AbortController();
    const { clock, stream, events, finished, fetchController } = start({ signal: ac.signal });
    stream.write(text('Hello', true));
    await clock.advance(1000);
    ac.abort();
    await finished;
    const end = events.at(-1);
    assert.ok(end && end.type === 'end' && end.end === 'stopped' && end.text === 'Hello');
    assert.ok(fetchController.signal.aborted);
    assert.equal(clock.pending, 0);
  });

  it('[fault] a network error mid-stream ends with "dropped" and keeps the text so far', async () => {
    const { clock, stream, events, finished } = start();
    stream.write(text('Half a sen', true));
    await clock.advance(10);
    stream.fail();
    await finished;
    const end = events.at(-1);
    assert.ok(end && end.type === 'end' && end.end === 'dropped' && end.text === 'Half a sen');
  });

  it('a frame split across chunks and a trailing frame without blank line are both decoded', async () => {
    const { stream, events, finished } = start();
    const frame = text('split frame');
    stream.write(frame.slice(0, 17));
    await settle();
    stream.write(frame.slice(17));
    stream.write(`data: ${JSON.stringify({ content: { role: 'model', parts: [{ text: 'last' }] } })}\n`);
    stream.close();
    await finished;
    const end = events.at(-1);
    assert.ok(end && end.type === 'end');
    assert.equal(end.text, 'split frame\n\nlast');
  });

  it('[fault] {"error"} frame → end "error" with the message; unparsable frames are skipped', async () => {
    const { stream, events, finished } = start();
    stream.write('data: {"error": broken json\n\n');
    stream.write(text('Still fine'));
    stream.write('data: {"error":"GPU quota"}\n\n');
    stream.close();
    await finished;
    const end = events.at(-1);
    assert.ok(end && end.type === 'end');
    assert.equal(end.end, 'error');
    assert.equal(end.errorMessage, 'GPU quota');
    assert.equal(end.text, 'Still fine');
  });
});
