// globalState read back right after a write (src/vscode/platform/stores.ts echoSafe). The Memento here is a
// scripted stand-in of VS Code's extension-host Memento (extHostMemento.ts in VS Code 1.100): update() changes
// its in-memory copy and sends a snapshot of it; the main thread stores the snapshot, reports the change back
// (the host then replaces its whole copy with it), and only then answers the write. Messages arrive in order.
// Batched, as VS Code really does it: update() only marks the key, and the copy is sent when its 0 ms
// scheduler runs (`flush()` here), as it is THEN, for every update made since.
import * as assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import { echoSafe } from '../../../src/vscode/platform/stores';

class ScriptedHostMemento {
  private value: Record<string, unknown> = {};
  /** What the main thread sends back, in order: each write's echo, then its answer. */
  private readonly channel: Array<() => void> = [];
  /** Batched: updates waiting for the scheduler (their promises are answered with the write that sends them). */
  private waiting: Array<() => void> = [];

  constructor(private readonly batched = false) {}

  keys(): string[] {
    return Object.keys(this.value).filter((k) => this.value[k] !== undefined);
  }

  get<T>(key: string): T | undefined {
    return this.value[key] as T | undefined;
  }

  update(key: string, v: unknown): Promise<void> {
    this.value[key] = v === undefined ? undefined : JSON.parse(JSON.stringify(v));
    if (this.batched) return new Promise((answered) => this.waiting.push(answered));
    return this.send([]);
  }

  /** The scheduler runs: the copy as it is now goes to the main thread, for every update made since. */
  flush(): void {
    const answers = this.waiting;
    if (answers.length === 0) return;
    this.waiting = [];
    void this.send(answers);
  }

  private send(answers: Array<() => void>): Promise<void> {
    const snapshot = JSON.stringify(this.value);
    return new Promise((answered) => {
      this.channel.push(() => (this.value = JSON.parse(snapshot) as Record<string, unknown>));
      this.channel.push(() => {
        answered();
        for (const a of answers) a();
      });
    });
  }

  /** Another window wrote: its change is reported like our own. */
  foreignWrite(key: string, v: unknown): void {
    const next = { ...this.value, [key]: v };
    this.channel.push(() => (this.value = next));
  }

  deliver(n = 1): void {
    for (let i = 0; i < n; i++) this.channel.shift()?.();
  }

  get backlog(): number {
    return this.channel.length;
  }
}

/** Delivers everything queued, runs the scheduler for every update made meanwhile, until nothing is left. */
async function settleAll(host: ScriptedHostMemento): Promise<void> {
  for (let i = 0; i < 50; i++) {
    host.flush();
    if (host.backlog === 0) return;
    host.deliver(host.backlog);
    for (let j = 0; j < 5; j++) await new Promise((r) => setImmediate(r));
  }
  assert.fail('the writes never settled');
}

/**
 * Batched, as VS Code does it: session 1 is stored, then something else is saved (the chat's transcript) and
 * sent; that write's echo, still on its way, holds session 1.
 */
async function transcriptSentAfterSessionOne() {
  const host = new ScriptedHostMemento(true);
  const state = echoSafe(host as unknown as vscode.Memento);
  const key = 'nemo.session:local-engine';
  const first = state.update(key, { sessionId: '1' });
  host.flush();
  host.deliver(2);
  await first;
  const transcript = state.update('transcripts', { n: 1 });
  host.flush();
  return { host, state, key, transcript };
}

describe('globalState: a value written is the value read back', () => {
  it('an earlier write\'s echo does not bring an older value back (the "new session read as the previous one" race)', async () => {
    const host = new ScriptedHostMemento();
    const state = echoSafe(host as unknown as vscode.Memento);
    const first = state.update('nemo.session:local-engine', { sessionId: '1' });
    const second = state.update('nemo.session:local-engine', { sessionId: '2' });
    host.deliver(1); // the first write's echo
    assert.deepEqual(host.get('nemo.session:local-engine'), { sessionId: '1' }, 'the stand-in shows the race: the Memento alone reads the old session');
    assert.deepEqual(state.get('nemo.session:local-engine'), { sessionId: '2' });
    host.deliver(1); // the first write's answer
    await first;
    assert.deepEqual(state.get('nemo.session:local-engine'), { sessionId: '2' }, 'still the later write while it is in flight');
    host.deliver(2);
    await second;
    assert.equal(host.backlog, 0);
    assert.deepEqual(host.get('nemo.session:local-engine'), { sessionId: '2' });
    assert.deepEqual(state.get('nemo.session:local-engine'), { sessionId: '2' });
  });

  it('keeps a copy (the caller\'s object changing later changes nothing), deletes, keys and defaults', async () => {
    const host = new ScriptedHostMemento();
    const state = echoSafe(host as unknown as vscode.Memento);
    const job = { id: 'render_1', status: 'processing' };
    const writing = state.update('jobs', [job]);
    job.status = 'completed';
    assert.deepEqual(state.get('jobs'), [{ id: 'render_1', status: 'processing' }]);
    const deleting = state.update('gone', undefined);
    assert.equal(state.get('gone', 'fallback'), 'fallback');
    assert.deepEqual([...state.keys()].sort(), ['jobs']);
    host.deliver(4);
    await Promise.all([writing, deleting]);
    assert.deepEqual(state.keys(), ['jobs']);
  });

  it('another window\'s write shows through for keys this window is not writing, and wrappers of one Memento agree', async () => {
    const host = new ScriptedHostMemento();
    const a = echoSafe(host as unknown as vscode.Memento);
    const b = echoSafe(host as unknown as vscode.Memento);
    const mine = a.update('mine', 1);
    host.foreignWrite('theirs', 'x');
    host.deliver(3);
    await mine;
    assert.equal(b.get('theirs'), 'x');
    assert.equal(b.get('mine'), 1);
    const again = a.update('mine', 2);
    assert.equal(b.get('mine'), 2, 'a second wrapper of the same Memento sees the write in flight');
    host.deliver(2);
    await again;
  });

  it('[fault] an old echo arriving before a batched write is sent does not lose that write (the session stored stays the new one)', async () => {
    const { host, state, key, transcript } = await transcriptSentAfterSessionOne();
    // New Session: the new id goes into the copy, to be sent when the scheduler runs …
    const second = state.update(key, { sessionId: '2' });
    host.deliver(1); // … but the transcript's echo lands first and replaces the copy
    host.flush(); // the copy sent holds session 1: the new session is lost in the Memento alone
    host.deliver(1);
    await transcript;
    host.deliver(2);
    await second;
    assert.deepEqual(state.get(key), { sessionId: '2' }, 'read back as written');
    await settleAll(host);
    assert.deepEqual(host.get(key), { sessionId: '2' }, 'and stored as written (written again)');
    assert.deepEqual(state.get(key), { sessionId: '2' });
    assert.deepEqual(host.get('transcripts'), { n: 1 });
  });

  it('[fault] a write of another key sent while an old echo is in the copy does not store the old value again', async () => {
    const { host, state, key, transcript } = await transcriptSentAfterSessionOne();
    const second = state.update(key, { sessionId: '2' });
    host.flush(); // sent with session 2
    host.deliver(1); // the transcript's echo: the copy holds session 1 again
    const jobs = state.update('jobs', ['render_1']);
    host.flush(); // this write sends the copy: session 1, after session 2
    host.deliver(1);
    await transcript;
    host.deliver(2);
    await second;
    host.deliver(1); // the jobs write's echo: the Memento alone now says session 1 for good
    assert.deepEqual(host.get(key), { sessionId: '1' }, 'the stand-in shows the race: session 1 was stored again');
    assert.deepEqual(state.get(key), { sessionId: '2' }, 'read back as written');
    host.deliver(1);
    await jobs;
    await settleAll(host);
    assert.deepEqual(host.get(key), { sessionId: '2' }, 'and stored as written (written again)');
    assert.deepEqual(host.get('jobs'), ['render_1']);
  });

  it('another window\'s later value for a key this window wrote is kept, not overwritten', async () => {
    const host = new ScriptedHostMemento(true);
    const state = echoSafe(host as unknown as vscode.Memento);
    const mine = state.update('jobs', ['a']);
    host.flush();
    host.deliver(2);
    await mine;
    host.foreignWrite('jobs', ['a', 'b']);
    host.deliver(1);
    assert.deepEqual(state.get('jobs'), ['a', 'b']);
    const other = state.update('other', 1);
    await settleAll(host);
    await other;
    assert.deepEqual(host.get('jobs'), ['a', 'b']);
    assert.deepEqual(state.get('jobs'), ['a', 'b']);
  });

  it('[fault] a window that keeps writing back one of our older values wins after a few repairs: no write war between windows', async () => {
    const host = new ScriptedHostMemento(true);
    let ourWrites = 0;
    const bare = host.update.bind(host);
    host.update = (k: string, v: unknown) => {
      if (k === 'session') ourWrites++;
      return bare(k, v);
    };
    const state = echoSafe(host as unknown as vscode.Memento);
    for (const id of ['1', '2']) {
      const w = state.update('session', id);
      await settleAll(host);
      await w;
    }
    ourWrites = 0;
    // The other window chose session 1 again (it had replaced our 2 with it), and, wrapped the same way,
    // writes its choice back whenever ours shows: each window sees the other's value as an old echo of its own.
    host.foreignWrite('session', '1');
    host.deliver(1);
    for (let round = 0; round < 20; round++) {
      state.get('session');
      await settleAll(host);
      if (host.get('session') === '1') break;
      host.foreignWrite('session', '1');
      host.deliver(1);
    }
    assert.equal(host.get('session'), '1', 'the other window\'s later choice stays');
    assert.equal(state.get('session'), '1');
    assert.ok(ourWrites >= 1 && ourWrites <= 3, `written again ${ourWrites} times (an old echo is repaired; a war is not fought)`);
  });
});
