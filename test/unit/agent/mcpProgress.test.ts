// MCP progress notifications: only when the client sent a token, strictly increasing (the spec's MUST),
// the message redacted.
import * as assert from 'node:assert/strict';
import { phase, progressSink } from '../../../src/cli/mcp/progress';

type Sent = { progress: number; message: string; progressToken: string | number };

function collect(token: string | number | undefined): { sent: Sent[]; sink: ReturnType<typeof progressSink> } {
  const sent: Sent[] = [];
  const sink = progressSink(token, async (n) => {
    sent.push(n.params);
  });
  return { sent, sink };
}

describe('MCP progress notifications', () => {
  it('sends nothing without a progress token', () => {
    const { sent, sink } = collect(undefined);
    sink.report(0.5, 'Rendering 50%');
    assert.deepEqual(sent, []);
  });

  it('each notification has a higher progress than the one before; a new message at the same percent waits', () => {
    const { sent, sink } = collect(7);
    for (const [f, m] of [[0, 'Uploading'], [0.991, 'Downloading 85%'], [0.992, 'Downloading 86%'], [0.5, 'Rendering'], [1, 'Downloading 100%']] as const) sink.report(f, m);
    assert.deepEqual(sent.map((s) => s.progress), [0, 99, 100]);
    assert.deepEqual(sent.map((s) => s.message), ['Uploading', 'Downloading 85%', 'Downloading 100%']);
    assert.ok(sent.every((s) => s.progressToken === 7));
  });

  it('a phase maps its own 0..1 into its share of the call', () => {
    const { sent, sink } = collect('t');
    const second = phase(sink, 0.5, 1);
    second.report(0, 'a');
    second.report(0.5, 'b');
    second.report(2, 'c');
    assert.deepEqual(sent.map((s) => s.progress), [50, 75, 100]);
  });

  it('[security] a token in a message is redacted', () => {
    const { sent, sink } = collect(1);
    sink.report(0.1, 'Bearer nmv_usr_secret123456 failed');
    assert.doesNotMatch(sent[0]!.message, /secret123456/);
  });
});
