// The engine server's small pure pieces: token expiry, the ledger, atomic JSON files, file-name
// sanitising, Range parsing, ffmpeg path resolution, reply chunking.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { sanitizeFilename, uniqueFilename } from '../../../src/engine/ingest/filenames';
import { extensionOf, isAccepted, kindOfExtension } from '../../../src/engine/ingest/media-types';
import { TokenStore } from '../../../src/engine/server/auth';
import { chunksOf } from '../../../src/engine/server/chat';
import { EngineError } from '../../../src/engine/server/errors';
import { resolveFfmpegPaths } from '../../../src/core/media/ffmpegPaths';
import { parseRange } from '../../../src/engine/server/file-serve';
import { readJsonFile, removeStaleTmp, writeJsonAtomic } from '../../../src/engine/server/json-store';
import { Ledger } from '../../../src/engine/server/ledger';
import { tempDir } from '../../support/media';

describe('engine server: units', () => {
  it('[security] a token stops working after 7 days (1001) and is stored only as a hash', async () => {
    const dir = tempDir();
    const store = new TokenStore(dir);
    const now = Date.now();
    const old = await store.issue('client-1', now - 8 * 24 * 3600 * 1000);
    const fresh = await store.issue('client-1', now);
    assert.throws(() => store.authenticate(`Bearer ${old.token}`, now), (e: EngineError) => e.code === 1001);
    assert.equal(store.authenticate(`Bearer ${fresh.token}`, now), fresh.userId);
    assert.ok(!fs.readFileSync(path.join(dir, 'tokens.json'), 'utf8').includes(fresh.token));
    // A new store on the same folder (a restart) accepts the token.
    assert.equal(new TokenStore(dir).authenticate(`Bearer ${fresh.token}`, now), fresh.userId);
  });

  it('the ledger spends, refuses with 2001 when short, and persists', async () => {
    const dir = tempDir();
    const l = new Ledger(dir, 3);
    assert.equal(await l.open('u'), 3);
    await l.spend('u', 2);
    await assert.rejects(l.spend('u', 2), (e: EngineError) => e.code === 2001 && /2 left|1 left/.test(e.message));
    assert.deepEqual(new Ledger(dir, 3).balance('u'), { available: 1, frozen: 0, total: 1 });
    l.require('u', 1);
    await l.spend('u', 1);
    assert.throws(() => l.require('u', 1), (e: EngineError) => e.code === 2001);
  });

  it('[fault] JSON files are written atomically; leftovers of a crash are cleaned; a corrupt file is set aside', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'a.json');
    await Promise.all(Array.from({ length: 20 }, (_, i) => writeJsonAtomic(file, { i })));
    assert.deepEqual(readJsonFile(file), { i: 19 }, 'the last write wins, never an older one');
    assert.deepEqual(fs.readdirSync(dir), ['a.json']);
    fs.writeFileSync(path.join(dir, 'a.json.1234.tmp'), '{"half":');
    removeStaleTmp(dir);
    assert.deepEqual(fs.readdirSync(dir), ['a.json']);
    fs.writeFileSync(file, '{"broken":');
    assert.equal(readJsonFile(file), undefined);
    assert.ok(fs.readdirSync(dir).some((f) => f.startsWith('a.json.corrupt-')), 'kept for inspection');
  });

  it('[security] sanitises hostile file names', () => {
    assert.equal(sanitizeFilename('../../etc/passwd.mp4'), 'passwd.mp4');
    assert.equal(sanitizeFilename('..\\..\\win.mp4'), 'win.mp4');
    assert.equal(sanitizeFilename('...hidden.mp4'), 'hidden.mp4');
    assert.equal(sanitizeFilename('a\u0000b\nc.mp4'), 'abc.mp4');
    assert.equal(sanitizeFilename('what?<>|:*".mp4'), 'what_______.mp4');
    assert.equal(sanitizeFilename('..'), 'upload');
    assert.equal(sanitizeFilename(''), 'upload');
    assert.equal(sanitizeFilename('视频 片段.mp4'), '视频 片段.mp4');
    const long = sanitizeFilename(`${'x'.repeat(500)}.mp4`);
    assert.ok(long.length <= 120 && long.endsWith('.mp4'));
  });

  it('picks name, name-1, name-2 … and keeps the extension', () => {
    const taken = new Set(['a.mp4', 'a-1.mp4']);
    assert.equal(uniqueFilename('a.mp4', (c) => taken.has(c)), 'a-2.mp4');
    assert.equal(uniqueFilename('b.mp4', (c) => taken.has(c)), 'b.mp4');
  });

  it('knows the accepted types and their kinds', () => {
    assert.equal(extensionOf('A.JPEG'), 'jpg');
    assert.ok(isAccepted('x.MKV'));
    assert.ok(!isAccepted('x.flv'));
    assert.ok(!isAccepted('noext'));
    assert.equal(kindOfExtension('m4a'), 'audio');
    assert.equal(kindOfExtension('webp'), 'image');
    assert.equal(kindOfExtension('webm'), 'video');
  });

  it('parses byte ranges', () => {
    assert.deepEqual(parseRange('bytes=0-9', 100), { start: 0, end: 9 });
    assert.deepEqual(parseRange('bytes=90-', 100), { start: 90, end: 99 });
    assert.deepEqual(parseRange('bytes=-10', 100), { start: 90, end: 99 });
    assert.deepEqual(parseRange('bytes=50-500', 100), { start: 50, end: 99 });
    assert.equal(parseRange('bytes=100-', 100), 'unsatisfiable');
    assert.equal(parseRange('bytes=0-1,5-6', 100), undefined, 'multi-range → whole file');
    assert.equal(parseRange('items=0-1', 100), undefined);
  });

  it('resolves ffmpeg/ffprobe from the setting (binary, folder, or PATH)', () => {
    assert.deepEqual(resolveFfmpegPaths(''), { ffmpeg: 'ffmpeg', ffprobe: 'ffprobe' });
    assert.deepEqual(resolveFfmpegPaths('/opt/ff/bin/ffmpeg'), { ffmpeg: '/opt/ff/bin/ffmpeg', ffprobe: '/opt/ff/bin/ffprobe' });
    const dir = tempDir();
    assert.deepEqual(resolveFfmpegPaths(dir), { ffmpeg: path.join(dir, 'ffmpeg'), ffprobe: path.join(dir, 'ffprobe') });
  });

  it('splits a reply into partial chunks that join back to the text', () => {
    const text = 'Trimmed the first 2 seconds: the video is now 1 s long.';
    const chunks = chunksOf(text);
    assert.ok(chunks.length >= 2 && chunks.length <= 3);
    assert.equal(chunks.join(''), text);
    assert.deepEqual(chunksOf('Done.'), ['Done.']);
  });
});
