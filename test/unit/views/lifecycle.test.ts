// The editor side's one Disposable store (src/vscode/ui/lifecycle.ts), in plain Node.
import * as assert from 'node:assert/strict';
import { DisposableStore } from '../../../src/vscode/ui/lifecycle';

function tracked(log: string[], name: string, fail = false) {
  return {
    dispose: () => {
      log.push(name);
      if (fail) throw new Error(`${name} failed`);
    },
  };
}

describe('DisposableStore', () => {
  it('disposes newest first, once, and returns what it was given', () => {
    const log: string[] = [];
    const store = new DisposableStore();
    const a = tracked(log, 'a');
    assert.equal(store.add(a), a);
    store.push(tracked(log, 'b'), tracked(log, 'c'));
    store.dispose();
    store.dispose();
    assert.deepEqual(log, ['c', 'b', 'a']);
    assert.equal(store.isDisposed, true);
  });

  it('disposes at once what is added after it was disposed (a late subscription never outlives its owner)', () => {
    const log: string[] = [];
    const store = new DisposableStore();
    store.dispose();
    store.add(tracked(log, 'late'));
    assert.deepEqual(log, ['late']);
  });

  it('one failing dispose does not leak the others; the first error is rethrown', () => {
    const log: string[] = [];
    const store = new DisposableStore();
    store.push(tracked(log, 'a'), tracked(log, 'b', true), tracked(log, 'c'));
    assert.throws(() => store.dispose(), /b failed/);
    assert.deepEqual(log, ['c', 'b', 'a']);
  });
});
