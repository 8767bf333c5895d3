// globalState read back right after a write (src/vscode/platform/stores.ts echoSafe). The Memento here is a
// scripted stand-in of VS Code's extension-host Memento (extHostMemento.ts in VS Code 1.100): update() changes
// its in-memory copy and sends a snapshot of it; the main thread stores the snapshot, reports the change back
// (the host then replaces its whole copy with it), and only then answers the write. Messages arrive in order.
import * as assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import { echoSafe } from '../../../src/vscode/platform/stores';

class ScriptedHostMemento {
  private value: Record<string, unknown> = {};
  /** What the main thread sends back, in order: each write's echo, then its answer. */
  private readonly channel: Array<() => void> = [];

  keys(): string[] {
    return Object.keys(this.value).filter((k) => this.value[k] !== undefined);
  }

  get<T>(key: string): T | undefined {
    return this.value[key] as T | undefined;
  }

  update(key: string, v: unknown): Promise<void> {
    this.value[key] = v === undefined ? undefined : JSON.parse(JSON.stringify(v));
    const snapshot = JSON.stringify(this.value);
    return new Promise((answered) => {
      this.channel.push(() => (this.value = JSON.parse(snapshot) as Record<string, unknown>));
      this.channel.push(answered);
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
});
