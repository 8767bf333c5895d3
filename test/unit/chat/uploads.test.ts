// The panel's upload queue against the real local engine on 127.0.0.1: refused items cost nothing and say
// why at once, accepted ones upload one after another with progress, and Cancel stops one upload without
// touching the others.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startEngine, type RunningEngine } from '../../../src/engine/server/index';
import type { Entry } from '../../../src/shared/protocol';
import { UploadQueue, type UploadSink } from '../../../src/vscode/chat/uploads';
import { testMedia } from '../../support/media';
import { harness, type Harness } from '../../support/core-harness';

type UploadEntry = Extract<Entry, { kind: 'upload' }>;

function sink(onPut: (e: UploadEntry, q: () => UploadQueue) => void = () => undefined): { sink: UploadSink; history: UploadEntry[]; counts: number[]; bind(q: UploadQueue): void } {
  const history: UploadEntry[] = [];
  const counts: number[] = [];
  let queue: UploadQueue | undefined;
  let n = 0;
  return {
    history,
    counts,
    bind: (q) => (queue = q),
    sink: {
      put: (e) => {
        history.push(e);
        onPut(e, () => queue as UploadQueue);
      },
      newId: () => `u${++n}`,
      rejection: (reason, detail) => `${reason}: ${detail}`,
      showFormatsLabel: 'Show accepted formats',
      trimLabel: 'Trim or compress the file',
      countChanged: (c) => counts.push(c),
      notice: () => undefined,
    },
  };
}

const last = (h: UploadEntry[], id: string): UploadEntry | undefined => [...h].reverse().find((e) => e.id === id);

describe('chat upload queue (real engine on 127.0.0.1)', function () {
  this.timeout(120_000);
  let engine: RunningEngine;
  let dataDir: string;
  let tmp: string;
  let h: Harness;
  let clip: string;

  before(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gy-chat-up-engine-'));
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gy-chat-up-'));
    engine = await startEngine({ dataDir });
    clip = (await testMedia()).clip;
  });
  after(async () => {
    await engine.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(tmp, { recursive: true, force: true });
  });
  beforeEach(() => {
    h = harness(engine.url);
  });

  it('uploads a real clip with progress and ends "done"; the session is created on the way', async () => {
    const s = sink();
    const q = new UploadQueue(async () => h.workflow, s.sink);
    s.bind(q);
    const outcomes = await q.add([clip]);
    assert.deepEqual(outcomes, ['done']);
    const statuses = s.history.map((e) => e.status);
    assert.deepEqual([statuses[0], statuses[1], statuses[statuses.length - 1]], ['queued', 'uploading', 'done']);
    assert.ok(s.history.some((e) => e.status === 'uploading' && e.sentBytes > 0), 'progress was reported');
    const done = s.history[s.history.length - 1];
    // The bar counts request bytes (the file plus its multipart framing), and ends full.
    assert.ok(done.totalBytes >= fs.statSync(clip).size && done.sentBytes === done.totalBytes, JSON.stringify(done));
    assert.ok(h.workflow.session, 'a session exists after the upload');
    assert.deepEqual(s.counts, [1, 0]);
  });

  it('[bad-input] refuses a wrong type and a missing file at once, uploading nothing; the good one still goes', async () => {
    const txt = path.join(tmp, 'notes.txt');
    fs.writeFileSync(txt, 'hello');
    const s = sink();
    const q = new UploadQueue(async () => h.workflow, s.sink);
    const outcomes = await q.add([txt, path.join(tmp, 'gone.mp4'), clip]);
    assert.deepEqual(outcomes, ['rejected', 'rejected', 'done']);
    const rejected = s.history.filter((e) => e.status === 'rejected');
    assert.equal(rejected.length, 2);
    assert.ok(rejected[0].error?.startsWith('type: mp4, mov'));
    assert.deepEqual(rejected[0].action, { id: 'show-formats', label: 'Show accepted formats' });
    assert.ok(rejected[1].error?.startsWith('missing: '));
  });

  it('[fault] Cancel during an upload ends it "cancelled"; cancelling a queued one means it never starts; the rest still upload', async () => {
    const big = path.join(tmp, 'big.mp4');
    fs.writeFileSync(big, Buffer.alloc(64 * 1024 * 1024, 7));
    const queuedCopy = path.join(tmp, 'queued.mp4');
    fs.copyFileSync(clip, queuedCopy);
    let cancelledRunning = false;
    let cancelledQueued = false;
    const s = sink((e, q) => {
      if (!cancelledRunning && e.name === 'big.mp4' && e.status === 'uploading' && e.sentBytes > 0) {
        cancelledRunning = q().cancel(e.id);
        const waiting = s.history.find((x) => x.name === 'queued.mp4');
        if (waiting) cancelledQueued = q().cancel(waiting.id);
      }
    });
    const q = new UploadQueue(async () => h.workflow, s.sink);
    s.bind(q);
    const outcomes = await q.add([big, queuedCopy, clip]);
    assert.ok(cancelledRunning && cancelledQueued, 'both cancels reached their uploads');
    // (On loopback the body may be fully handed over before the abort lands; what matters is that the
    // upload is reported cancelled, not uploaded, and that the queue goes on.)
    assert.deepEqual(outcomes, ['cancelled', 'cancelled', 'done']);
    const queuedStates = s.history.filter((e) => e.name === 'queued.mp4').map((e) => e.status);
    assert.deepEqual(queuedStates, ['queued', 'cancelled'], 'the queued upload never started');
    const bigId = s.history.find((e) => e.name === 'big.mp4')?.id ?? '';
    assert.equal(last(s.history, bigId)?.status, 'cancelled');
    assert.equal(q.active, 0);
  });
});
