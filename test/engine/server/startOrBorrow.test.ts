// Start-or-borrow, the one way both front ends get a local engine: the first caller on a data folder starts
// (and owns) the engine, a second one borrows it (same URL, close does nothing), and a borrowed engine says
// when its owner has gone so the borrower can start its own.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { startOrBorrowEngine } from '../../../src/engine/startOrBorrow';
import { tempDir } from '../../support/media';
import { request } from './helpers';

describe('engine: start or borrow', function () {
  this.timeout(60_000);

  it('a second caller on the same folder borrows the running engine; the owner\'s close ends it for both', async () => {
    const dataDir = path.join(tempDir('gy-borrow-'), 'data');
    const owner = await startOrBorrowEngine({ dataDir });
    let ownerClosed = false;
    try {
      assert.equal(owner.borrowed, false);
      assert.ok(owner.tools, 'the engine started here reports its ffmpeg check');
      assert.equal(typeof owner.renderChanged, 'function');
      const guest = await startOrBorrowEngine({ dataDir });
      assert.equal(guest.borrowed, true);
      assert.equal(guest.url, owner.url);
      assert.equal(guest.renderChanged, undefined, 'a borrowed engine cannot wake on render changes in this process');
      // Closing the borrowed one must not stop the owner's engine.
      await guest.close();
      assert.equal(await guest.stillServing(), true);
      const token = await request(owner.url, 'POST', '/api/auth/anonymous-token', { headers: { 'X-Client-Id': 'borrow-test' } });
      assert.equal(token.json.code, 0, 'the owner still answers after the borrower closed');
      await owner.close();
      ownerClosed = true;
      assert.equal(await guest.stillServing(), false, 'the borrower notices the owner has gone');
      const again = await startOrBorrowEngine({ dataDir });
      assert.equal(again.borrowed, false, 'with the owner gone the folder is free to start on');
      await again.close();
    } finally {
      if (!ownerClosed) await owner.close();
    }
  });
});
