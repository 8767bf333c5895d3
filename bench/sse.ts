// Benchmark 6: events/s through the core's stream decoder (readTurn: eventsource-parser → decodeFrame →
// TextAccumulator → StreamEvents, with its turn timers) on the engine's frame shapes: per message two tool
// events (functionCall + functionResponse), four partial text chunks, the aggregated text and three
// `: heartbeat` comments. Reference (the floor): JSON.parse of the same `data:` payloads, nothing else.
import { readTurn, realClock } from '../src/core';
import { emit, log, median, round, type Row } from './lib';

const MESSAGES_PER_TURN = 20;

function event(i: number, body: Record<string, unknown>): string {
  return JSON.stringify({
    author: 'nemo_agent', invocationId: 'e-bench', id: `ev-${i}`, timestamp: 1_790_000_000 + i / 1000, partial: false,
    actions: { stateDelta: {}, artifactDelta: {}, requestedAuthConfigs: {} }, ...body,
  });
}

/** One turn's SSE body and the JSON payloads it carries. */
function turnBody(): { text: string; payloads: string[]; frames: number } {
  const frames: string[] = [];
  const payloads: string[] = [];
  let n = 0;
  const data = (json: string) => {
    payloads.push(json);
    frames.push(`data: ${json}\n\n`);
  };
  for (let msg = 0; msg < MESSAGES_PER_TURN; msg++) {
    const call = `call-${msg}`;
    data(event(n++, { content: { role: 'model', parts: [{ functionCall: { id: call, name: 'edit_timeline', args: { op: 'trim', start: 1.5, end: 3 } } }] }, longRunningToolIds: [] }));
    frames.push(': heartbeat\n\n');
    data(event(n++, { content: { role: 'user', parts: [{ functionResponse: { id: call, name: 'edit_timeline', response: { status: 'success', summary: 'Removed 1.5 s of silence' } } }] } }));
    const words = ['Done: trimmed the silence ', 'between 0:01 and 0:03, ', 'added the title card ', `and kept the music under the speech (${msg}).`];
    for (const w of words) data(event(n++, { content: { role: 'model', parts: [{ text: w }] }, partial: true }));
    frames.push(': heartbeat\n\n');
    data(event(n++, { content: { role: 'model', parts: [{ text: words.join('') }] }, turnComplete: msg === MESSAGES_PER_TURN - 1 }));
    frames.push(': heartbeat\n\n');
  }
  return { text: frames.join(''), payloads, frames: frames.length };
}

function responseOf(bytes: Uint8Array, chunk = 4096): Response {
  let at = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (at >= bytes.length) {
        controller.close();
        return;
      }
      controller.enqueue(bytes.subarray(at, at + chunk));
      at += chunk;
    },
  });
  return new Response(stream, { headers: { 'content-type': 'text/event-stream' } });
}

async function decodeTurns(bytes: Uint8Array, turns: number): Promise<{ ms: number; events: number }> {
  let events = 0;
  const t0 = performance.now();
  for (let i = 0; i < turns; i++) {
    for await (const ev of readTurn(responseOf(bytes), { clock: realClock })) {
      events++;
      if (ev.type === 'end' && ev.end !== 'closed') throw new Error(`stream ended ${ev.end}`);
    }
  }
  return { ms: performance.now() - t0, events };
}

function parseAll(payloads: string[], turns: number): number {
  let sink = 0;
  const t0 = performance.now();
  for (let i = 0; i < turns; i++) for (const p of payloads) sink += (JSON.parse(p) as { id: string }).id.length;
  const ms = performance.now() - t0;
  if (sink === 0) throw new Error('nothing parsed');
  return ms;
}

async function main(): Promise<void> {
  const body = turnBody();
  const bytes = new TextEncoder().encode(body.text);
  const turns = 250; // 250 turns × 200 frames = 50 000 frames per sample
  const frames = body.frames * turns;
  // Warm-up (JIT) on both sides, then interleaved samples.
  await decodeTurns(bytes, 20);
  parseAll(body.payloads, 20);
  const decoderRates: number[] = [];
  const parseRates: number[] = [];
  let streamEvents = 0;
  for (let s = 0; s < 5; s++) {
    const d = await decodeTurns(bytes, turns);
    streamEvents = d.events;
    decoderRates.push(frames / (d.ms / 1000));
    parseRates.push(frames / (parseAll(body.payloads, turns) / 1000));
  }
  // One long stream (all messages in a single turn) shows whether the decoder's cost grows with the turn.
  const longBody = Array.from({ length: 25 }, () => body.text).join('');
  const long = await decodeTurns(new TextEncoder().encode(longBody), 1);
  const longRate = (body.frames * 25) / (long.ms / 1000);
  const subject = median(decoderRates);
  const reference = median(parseRates);
  log(`sse: decoder ${Math.round(subject)}/s, JSON.parse ${Math.round(reference)}/s, one long turn ${Math.round(longRate)}/s`);
  const rows: Row[] = [{
    id: 'sse-decode', what: 'SSE decoding (readTurn: text, tool, heartbeat mix)',
    subject: Math.round(subject), reference: Math.round(reference), referenceLabel: 'JSON.parse of the same payloads', unit: 'events/s',
    ratio: round(subject / reference, 3), goal: '≥ 20 000 events/s', pass: subject >= 20_000,
    details: {
      framesPerSample: frames, framesPerTurn: body.frames, dataFramesPerTurn: body.payloads.length, streamEventsOut: streamEvents,
      decoderSamples: decoderRates.map(Math.round), jsonParseSamples: parseRates.map(Math.round),
      oneLongTurn: { frames: body.frames * 25, eventsPerSecond: Math.round(longRate) },
    },
  }];
  emit(rows);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
