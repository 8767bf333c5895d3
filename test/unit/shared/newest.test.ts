// Newest (src/shared/newest.ts): a superseded run's caller waits for the newest run, whatever it does.
import * as assert from 'node:assert/strict';
import { Newest } from '../../../src/shared/newest';

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<T>((res, rej) => { resolve = res; reject = rej; });
  return { promise, resolve, reject };
}

describe('Newest: overlapping runs of one job', () => {
  it('an older run settling first waits for the newer one, and for one started while it waited', async () => {
    const newest = new Newest();
    const events: string[] = [];
    const a = deferred<string>();
    const b = deferred<string>();
    const c = deferred<string>();
    const older = (async () => {
      events.push(`a:${await newest.start(a.promise)}`);
      await newest.settled();
      events.push('a: settled');
    })();
    const newer = (async () => {
      events.push(`b:${await newest.start(b.promise)}`);
      newest.start(c.promise);
    })();
    a.resolve('1');
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(events, ['a:1'], 'still waiting for the newer run');
    b.resolve('2');
    await newer;
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(events, ['a:1', 'b:2'], 'and for the run started meanwhile');
    c.resolve('3');
    await older;
    assert.deepEqual(events, ['a:1', 'b:2', 'a: settled']);
  });

  it('the newest run\'s continuations run before the waiting caller resumes; its failure is not the caller\'s', async () => {
    const newest = new Newest();
    let published = '';
    const a = deferred<string>();
    const b = deferred<string>();
    const older = newest.start(a.promise).then(async () => {
      await newest.settled();
      return published;
    });
    const newer = newest.start(b.promise).then((v) => { published = v; });
    a.resolve('old');
    b.resolve('new');
    assert.equal(await older, 'new');
    await newer;

    const failing = deferred<string>();
    const c = deferred<string>();
    const waiting = newest.start(c.promise).then(() => newest.settled());
    const failed = newest.start(failing.promise);
    c.resolve('x');
    failing.reject(new Error('the newer run failed'));
    await assert.rejects(failed, /newer run failed/);
    await waiting;
    // With nothing newer, settled() resolves at once.
    await newest.settled();
  });
});
