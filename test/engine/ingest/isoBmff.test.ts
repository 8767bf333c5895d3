// Completeness of MP4/MOV files from their box sizes (src/engine/ingest/isoBmff.ts): real files made by
// ffmpeg, whole and cut short, and hand-built box sequences for the header forms a real file rarely shows.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isoBmffWalk } from '../../../src/engine/ingest/isoBmff';
import { badMedia, tempDir, testMedia } from '../../support/media';

function box(type: string, payload: number, sizeField?: number): Buffer {
  const b = Buffer.alloc(8 + payload);
  b.writeUInt32BE(sizeField ?? 8 + payload, 0);
  b.write(type, 4, 'latin1');
  return b;
}

function largeBox(type: string, payload: number): Buffer {
  const b = Buffer.alloc(16 + payload);
  b.writeUInt32BE(1, 0);
  b.write(type, 4, 'latin1');
  b.writeBigUInt64BE(BigInt(16 + payload), 8);
  return b;
}

describe('ISO BMFF completeness (box walk)', function () {
  this.timeout(60000);
  let dir: string;
  before(() => {
    dir = tempDir('gy-isobmff-');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, ...parts: Buffer[]) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, Buffer.concat(parts));
    return file;
  };

  it('finds ffmpeg\'s MP4 whole, with the index at the end and at the front', async () => {
    const m = await testMedia();
    await badMedia(); // writes the faststart copy of the same clip
    assert.deepEqual(await isoBmffWalk(m.clip), { complete: true });
    assert.deepEqual(await isoBmffWalk(path.join(m.dir, 'bad', 'faststart.mp4')), { complete: true });
  });

  it('finds an interrupted copy of a faststart MP4 cut short, naming the box that runs past the end', async () => {
    const bad = await badMedia();
    const walk = await isoBmffWalk(bad.truncatedFaststartMp4);
    assert.equal(walk?.complete, false);
    assert.match(walk?.complete === false ? walk.detail : '', /"mdat" box needs \d+ bytes but the file has \d+/);
  });

  it('leaves other containers (FLV, text) to the decode check', async () => {
    const bad = await badMedia();
    assert.equal(await isoBmffWalk(bad.wrongExtension), null);
    assert.equal(await isoBmffWalk(bad.textAsMp4), null);
  });

  it('reads 64-bit sizes, a last box of size 0 (to the end), and ignores under 8 bytes of trailing padding', async () => {
    assert.deepEqual(await isoBmffWalk(write('large.mp4', box('ftyp', 8), largeBox('mdat', 100), box('moov', 20))), { complete: true });
    assert.deepEqual(await isoBmffWalk(write('tozero.mp4', box('ftyp', 8), box('mdat', 50, 0))), { complete: true });
    assert.deepEqual(await isoBmffWalk(write('pad.mp4', box('ftyp', 8), box('moov', 20), Buffer.alloc(5))), { complete: true });
  });

  it('refuses a cut 64-bit box, a box with an impossible size, and a last box that runs past the end', async () => {
    const cutLarge = largeBox('mdat', 100).subarray(0, 12);
    assert.equal((await isoBmffWalk(write('cutlarge.mp4', box('ftyp', 8), cutLarge)))?.complete, false);
    assert.equal((await isoBmffWalk(write('tiny.mp4', box('ftyp', 8), box('moov', 0, 4), Buffer.alloc(8))))?.complete, false);
    assert.equal((await isoBmffWalk(write('short.mp4', box('ftyp', 8), box('moov', 20).subarray(0, 20))))?.complete, false);
  });
});
