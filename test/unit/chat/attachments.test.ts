// Attachments are checked before anything is sent: type by extension, size against the ceiling,
// existence; dropped URIs (file://, vscode-remote://) and pasted URLs are understood.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { checkItem, parseItem } from '../../../src/vscode/chat/attachments';

describe('chat attachments', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gy-chat-att-'));
    fs.writeFileSync(path.join(dir, 'clip one.mp4'), Buffer.alloc(2048));
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'hello');
    fs.writeFileSync(path.join(dir, 'photo.JPEG'), Buffer.alloc(10));
    fs.mkdirSync(path.join(dir, 'folder.mp4'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('parses file URIs (with escapes), vscode-remote URIs, absolute paths and http(s) URLs', () => {
    const p = path.join(dir, 'clip one.mp4');
    assert.deepEqual(parseItem(pathToFileURL(p).toString()), { path: p });
    assert.deepEqual(parseItem(`vscode-remote://127.0.0.1:8080${encodeURI(p)}`), { path: p });
    assert.deepEqual(parseItem(`  ${p}  `), { path: p });
    assert.deepEqual(parseItem('https://example.com/a.mp4'), { url: 'https://example.com/a.mp4' });
    assert.deepEqual(parseItem('HTTP://127.0.0.1:9/a.mp4'), { url: 'http://127.0.0.1:9/a.mp4' });
  });

  it('[bad-input] refuses relative paths, other schemes and garbage', () => {
    for (const s of ['clip.mp4', './clip.mp4', 'javascript:alert(1)', 'command:workbench.action.files.delete', 'ftp://x/y.mp4', '', '   ', 'https://']) {
      assert.equal(parseItem(s), null, s);
    }
  });

  it('accepts a real media file with its size; .JPEG counts as jpg', async () => {
    const a = await checkItem(path.join(dir, 'clip one.mp4'));
    assert.deepEqual(a, { kind: 'file', path: path.join(dir, 'clip one.mp4'), name: 'clip one.mp4', size: 2048 });
    assert.equal((await checkItem(path.join(dir, 'photo.JPEG'))).kind, 'file');
  });

  it('[bad-input] refuses the wrong type at once, listing the accepted types', async () => {
    const a = await checkItem(path.join(dir, 'notes.txt'));
    assert.ok(a.kind === 'rejected' && a.reason === 'type' && /mp4, mov/.test(a.detail));
  });

  it('[bad-input] refuses a file over the ceiling, missing files and folders', async () => {
    const big = await checkItem(path.join(dir, 'clip one.mp4'), 1024);
    assert.ok(big.kind === 'rejected' && big.reason === 'size' && big.detail === '2 KB');
    const missing = await checkItem(path.join(dir, 'gone.mp4'));
    assert.ok(missing.kind === 'rejected' && missing.reason === 'missing');
    const folder = await checkItem(path.join(dir, 'folder.mp4'));
    assert.ok(folder.kind === 'rejected' && folder.reason === 'not-a-file');
    const junk = await checkItem('not a path');
    assert.ok(junk.kind === 'rejected' && junk.reason === 'unknown');
  });

  it('URLs pass through (the server fetches them)', async () => {
    const a = await checkItem('https://example.com/video.mp4');
    assert.deepEqual(a, { kind: 'url', url: 'https://example.com/video.mp4', name: 'https://example.com/video.mp4' });
  });
});
