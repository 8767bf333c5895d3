// The one preview manifest shape (shared/previewManifest.ts): what the engine writes and the core keeps.
import * as assert from 'node:assert/strict';
import * as z from 'zod';
import { filmstripLayout, parseManifest, previewManifest } from '../../../src/shared/previewManifest';

const good = {
  key: 'abcd1234', durationMs: 9000, width: 640, height: 360, fps: 30, size: 12345,
  filmstrip: { count: 9, stepSec: 1, tileWidth: 85, tileHeight: 48 },
  peaks: { perSecond: 20, peaks: [0, 0.5, 1] },
};

describe('shared: preview manifest', () => {
  it('reads a whole manifest back as written', () => {
    assert.deepEqual(parseManifest(JSON.stringify(good)), good);
  });

  it('a damaged or incomplete file is "no preview" (made again), not a crash in the panel', () => {
    assert.equal(parseManifest('{"key":"abcd1234",'), undefined, 'cut-off JSON');
    assert.equal(parseManifest(JSON.stringify({ ...good, peaks: undefined })), undefined, 'no peaks');
    assert.equal(parseManifest(JSON.stringify({ ...good, filmstrip: { ...good.filmstrip, count: 0 } })), undefined, 'an empty filmstrip');
    assert.equal(parseManifest(JSON.stringify({ ...good, peaks: { perSecond: 20, peaks: [2] } })), undefined, 'a peak above 1');
  });

  it('a writer\'s extension is checked with its own schema (the engine adds its file names)', () => {
    const engine = previewManifest.extend({ proxy: z.literal('proxy.webm'), filmstrip: filmstripLayout.extend({ file: z.string() }) });
    const written = { ...good, proxy: 'proxy.webm', filmstrip: { ...good.filmstrip, file: 'filmstrip.jpg' } };
    assert.deepEqual(parseManifest(JSON.stringify(written), engine), written);
    assert.equal(parseManifest(JSON.stringify(good), engine), undefined, 'the plain shape lacks the engine\'s file names');
    assert.equal(parseManifest(JSON.stringify(written))?.filmstrip.tileHeight, 48, 'the plain reader accepts the engine\'s file');
  });
});
