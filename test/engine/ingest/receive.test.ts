// A file on this machine received for a file:// upload (src/engine/ingest/receive.ts receiveFile): the kernel
// copies it, the copy is hashed; the size cap holds and nothing is left behind on a failure.
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { receiveFile, TooLargeError } from '../../../src/engine/ingest/receive';
import { tempDir } from '../../support/media';

describe('engine ingest: receiving a file on this machine', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempDir('gy-receive-');
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  function source(bytes: number): { file: string; sha: string } {
    const data = Buffer.alloc(bytes);
    for (let i = 0; i < bytes; i++) data[i] = (i * 31 + (i >> 12)) % 256;
    const file = path.join(dir, 'clip.mp4');
    fs.writeFileSync(file, data, { mode: 0o644 });
    return { file, sha: createHash('sha256').update(data).digest('hex') };
  }

  it('copies the bytes, hashes the copy (sha256, in 1 MB pieces over a 2.5 MB file) and keeps it private (0600)', async () => {
    const src = source(2.5 * 1024 * 1024 + 17);
    const part = path.join(dir, 'a.part');
    const r = await receiveFile(src.file, part);
    assert.deepEqual(r, { path: part, size: fs.statSync(src.file).size, hash: src.sha });
    assert.deepEqual(fs.readFileSync(part), fs.readFileSync(src.file));
    assert.equal(fs.statSync(part).mode & 0o777, 0o600);
  });

  it('[bad-input] refuses a file over the limit and leaves no part file', async () => {
    const src = source(5000);
    const part = path.join(dir, 'b.part');
    await assert.rejects(receiveFile(src.file, part, 4999), TooLargeError);
    assert.equal(fs.existsSync(part), false);
  });

  it('[bad-input] a missing source fails with its reason, and an existing part file is never overwritten', async () => {
    await assert.rejects(receiveFile(path.join(dir, 'gone.mp4'), path.join(dir, 'c.part')), /ENOENT/);
    assert.equal(fs.existsSync(path.join(dir, 'c.part')), false);
    const src = source(100);
    const taken = path.join(dir, 'd.part');
    fs.writeFileSync(taken, 'someone else\'s');
    await assert.rejects(receiveFile(src.file, taken), /EEXIST/);
    assert.equal(fs.readFileSync(taken, 'utf8'), 'someone else\'s');
  });
});
