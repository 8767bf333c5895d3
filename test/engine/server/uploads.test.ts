// Uploads over real HTTP with real media: multipart (one, many), JSON urls (file:// and a loopback HTTP
// server), ffprobe ingest into video_infos, unique names, and every bad input the contract names.
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { badMedia, testMedia, type BadMedia, type TestMedia } from '../../support/media';
import { arr, harness, json, multipart, request, str, type Harness } from './helpers';

const sha = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/** Every file under dir (relative paths), to prove nothing was written anywhere unexpected. */
function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(path.relative(dir, p));
    }
  };
  walk(dir);
  return out.sort();
}

describe('engine server: uploads', () => {
  let h: Harness;
  let m: TestMedia;
  let bad: BadMedia;
  before(async () => {
    m = await testMedia();
    bad = await badMedia();
    h = await harness({ maxUploadBytes: 4 * 1024 * 1024 });
  });
  after(async () => { await h.engine.close(); });

  async function mediaCount(): Promise<number> {
    return arr((await h.state()).json.data.state.video_infos).length;
  }

  async function assertRejected(files: Parameters<Harness['upload']>[0], code: number, status: number, pattern: RegExp): Promise<void> {
    const before = await mediaCount();
    const r = await h.upload(files);
    assert.equal(r.status, status, r.text);
    assert.equal(r.json.code, code, r.text);
    assert.match(str(r.json.message), pattern);
    // Nothing half-added, nothing left behind, and the server still answers.
    assert.equal(await mediaCount(), before);
    const incoming = path.join(h.dataDir, 'incoming');
    assert.deepEqual(fs.existsSync(incoming) ? fs.readdirSync(incoming) : [], []);
  }

  it('uploads one video: ffprobe facts, sha256, cdn_url, and the state shows it', async () => {
    const r = await h.upload([{ filename: 'clip.mp4', file: m.clip }]);
    assert.equal(r.json.code, 0, r.text);
    assert.equal(r.json.data.session_state_applied, true);
    const [f] = arr(r.json.data.files);
    assert.equal(f.filename, 'clip.mp4');
    assert.equal(f.file_type, 'video');
    assert.equal(f.duration, 3);
    assert.equal(f.width, 320);
    assert.equal(f.height, 180);
    assert.equal(f.fps, 30);
    assert.equal(f.has_audio, true);
    assert.equal(f.hash, sha(m.clip));
    assert.equal(f.size, fs.statSync(m.clip).size);
    const served = await request(h.base, 'GET', str(f.cdn_url));
    assert.equal(served.status, 200);
    assert.ok(served.body.equals(fs.readFileSync(m.clip)), 'cdn_url serves the same bytes');
    const infos = arr((await h.state()).json.data.state.video_infos);
    assert.ok(infos.some((x) => str(x.id) === str(f.id) && str(x.filename) === 'clip.mp4'));
  });

  it('uploads many files in one request (video, portrait video, mp3, wav, png) with their kinds', async () => {
    const r = await h.upload([
      { filename: 'b-roll.mp4', file: m.clip2 },
      { filename: 'portrait.mp4', file: m.vertical },
      { filename: 'music.mp3', file: m.music },
      { filename: 'tone.wav', file: m.tone },
      { filename: 'still.png', file: m.still },
    ]);
    assert.equal(r.json.code, 0, r.text);
    const files = arr(r.json.data.files);
    assert.deepEqual(files.map((f) => f.file_type), ['video', 'video', 'audio', 'audio', 'image']);
    assert.deepEqual(files.map((f) => [f.width, f.height]), [[320, 180], [180, 320], [0, 0], [0, 0], [320, 180]]);
    assert.equal(files[0].fps, 25);
    assert.equal(files[2].has_audio, true);
    assert.equal(files[4].duration, 0);
  });

  it('never overwrites: the same name again becomes name-1, then name-2', async () => {
    const a = await h.upload([{ filename: 'clip.mp4', file: m.clip }]);
    const b = await h.upload([{ filename: 'clip.mp4', file: m.vertical }]);
    assert.equal(arr(a.json.data.files)[0].filename, 'clip-1.mp4');
    assert.equal(arr(b.json.data.files)[0].filename, 'clip-2.mp4');
    const dir = path.join(h.dataDir, 'sessions', h.sessionId, 'uploads');
    assert.equal(sha(path.join(dir, 'clip.mp4')), sha(m.clip), 'the first upload is untouched');
    assert.equal(sha(path.join(dir, 'clip-2.mp4')), sha(m.vertical));
  });

  it('takes a multipart body that arrives in one piece (end right behind the last data)', async () => {
    const mp = multipart([{ filename: 'one-piece.mp4', file: m.clip }]);
    const chunks: Buffer[] = [];
    for await (const c of mp.body) chunks.push(c);
    const r = await request(h.base, 'POST', `/api/upload-video/nemo_agent/me/${h.sessionId}`, {
      token: h.token, headers: { 'Content-Type': mp.contentType }, body: Buffer.concat(chunks),
    });
    assert.equal(r.json.code, 0, r.text);
    assert.equal(arr(r.json.data.files)[0].hash, sha(m.clip));
  });

  it('uploads by JSON urls: a file:// URL', async () => {
    const r = await request(h.base, 'POST', `/api/upload-video/nemo_agent/me/${h.sessionId}`, {
      token: h.token, headers: { 'Content-Type': 'application/json' }, body: json({ urls: [pathToFileURL(m.music).href], source_type: 'url' }),
    });
    assert.equal(r.json.code, 0, r.text);
    const [f] = arr(r.json.data.files);
    assert.match(str(f.filename), /^music(-\d+)?\.mp3$/);
    assert.equal(f.file_type, 'audio');
    assert.equal(f.hash, sha(m.music));
  });

  it('uploads by JSON urls: an http://127.0.0.1 URL', async () => {
    const server = http.createServer((req, res) => {
      if (req.url === '/media/portrait.mp4') fs.createReadStream(m.vertical).pipe(res);
      else { res.statusCode = 404; res.end(); }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const port = (server.address() as AddressInfo).port;
      const r = await request(h.base, 'POST', `/api/upload-video/nemo_agent/me/${h.sessionId}`, {
        token: h.token, headers: { 'Content-Type': 'application/json' }, body: json({ urls: [`http://127.0.0.1:${port}/media/portrait.mp4`], source_type: 'url' }),
      });
      assert.equal(r.json.code, 0, r.text);
      const [f] = arr(r.json.data.files);
      assert.match(str(f.filename), /^portrait(-\d+)?\.mp4$/);
      assert.equal(f.height, 320);
      const missing = await request(h.base, 'POST', `/api/upload-video/nemo_agent/me/${h.sessionId}`, {
        token: h.token, headers: { 'Content-Type': 'application/json' }, body: json({ urls: [`http://127.0.0.1:${port}/media/gone.mp4`] }),
      });
      assert.equal(missing.json.code, 4000);
      assert.match(str(missing.json.message), /HTTP 404/);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });

  it('[bad-input] a URL off this machine is refused with a clear message (the engine has no internet)', async () => {
    const r = await request(h.base, 'POST', `/api/upload-video/nemo_agent/me/${h.sessionId}`, {
      token: h.token, body: json({ urls: ['https://example.com/video.mp4'], source_type: 'url' }),
    });
    assert.equal(r.json.code, 4000);
    assert.match(str(r.json.message), /file:\/\/ and http:\/\/127\.0\.0\.1/);
  });

  it('[bad-input] a truncated MP4 gets 4001 saying it is damaged', async () => {
    await assertRejected([{ filename: 'cut-short.mp4', file: bad.truncatedMp4 }], 4001, 415, /cut-short\.mp4.*(not a readable|incomplete|damaged)/);
  });

  it('[bad-input] a truncated MP4 whose index is intact (faststart) still gets 4001: its end cannot be decoded', async () => {
    await assertRejected([{ filename: 'interrupted.mp4', file: bad.truncatedFaststartMp4 }], 4001, 415, /interrupted\.mp4.*(incomplete|damaged)/);
  });

  it('[bad-input] a zero-byte file gets 4001 saying it is empty', async () => {
    await assertRejected([{ filename: 'empty.mp4', file: bad.zeroByte }], 4001, 415, /empty/);
  });

  it('[bad-input] a text file named .mp4 gets 4001', async () => {
    await assertRejected([{ filename: 'notes.mp4', file: bad.textAsMp4 }], 4001, 415, /notes\.mp4.*not a readable media file/);
    const r = await h.upload([{ filename: 'notes.mp4', file: bad.textAsMp4 }]);
    assert.ok(!r.text.includes(h.dataDir) && !r.text.includes('.part'), `no internal paths in messages: ${r.text}`);
  });

  it('[bad-input] a type outside the list (.flv, .txt) gets 4001 listing the accepted types', async () => {
    await assertRejected([{ filename: 'clip.flv', file: bad.wrongExtension }], 4001, 415, /Accepted: mp4 mov avi webm mkv jpg png gif webp mp3 wav m4a aac/);
    await assertRejected([{ filename: 'readme.txt', bytes: Buffer.from('hello') }], 4001, 415, /\.txt/);
  });

  it('[bad-input] one bad file among good ones adds nothing (all or nothing)', async () => {
    await assertRejected([{ filename: 'good.mp4', file: m.clip }, { filename: 'notes.mp4', file: bad.textAsMp4 }], 4001, 415, /notes\.mp4/);
  });

  it('[bad-input] [security] a traversal file name is stored as a plain name inside the session folder', async () => {
    const outside = listFiles(path.dirname(h.dataDir));
    const r = await h.upload([{ filename: '../../../../tmp/evil.mp4', file: m.clip }, { filename: '..\\..\\win-evil.mp4', file: m.clip }, { filename: '.hidden.mp4', file: m.clip }]);
    assert.equal(r.json.code, 0, r.text);
    assert.deepEqual(arr(r.json.data.files).map((f) => f.filename), ['evil.mp4', 'win-evil.mp4', 'hidden.mp4']);
    const dir = path.join(h.dataDir, 'sessions', h.sessionId, 'uploads');
    for (const name of ['evil.mp4', 'win-evil.mp4', 'hidden.mp4']) assert.ok(fs.existsSync(path.join(dir, name)), name);
    assert.equal(fs.existsSync('/tmp/evil.mp4'), false);
    // Outside the data folder nothing new appeared.
    assert.deepEqual(listFiles(path.dirname(h.dataDir)).filter((p) => !p.startsWith('data' + path.sep)), outside.filter((p) => !p.startsWith('data' + path.sep)));
  });

  it('[bad-input] a huge fake Content-Length is refused up front with 4002 and the server keeps serving', async () => {
    const mp = multipart([{ filename: 'big.mp4', bytes: Buffer.alloc(1000) }]);
    const chunks: Buffer[] = [];
    for await (const c of mp.body) chunks.push(c);
    const r = await request(h.base, 'POST', `/api/upload-video/nemo_agent/me/${h.sessionId}`, {
      token: h.token, headers: { 'Content-Type': mp.contentType, 'Content-Length': 600 * 1024 * 1024 * 1024 }, body: Buffer.concat(chunks),
    });
    assert.equal(r.status, 413);
    assert.equal(r.json.code, 4002);
    assert.match(str(r.json.message), /500 MB/);
    assert.equal((await h.state()).json.code, 0);
  });

  it('[bad-input] a body without Content-Length that streams past the ceiling is cut off with 4002 (counted, not trusted)', async () => {
    const limit = 4 * 1024 * 1024;
    const boundary = 'xxLIMITxx';
    async function* endless(): AsyncGenerator<Buffer> {
      yield Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="flood.mp4"\r\n\r\n`);
      const block = Buffer.alloc(256 * 1024, 7);
      // Twice the ceiling, then stop (a real flood would never stop; the server must not wait for the end).
      for (let sent = 0; sent < 2 * limit; sent += block.length) yield block;
      yield Buffer.from(`\r\n--${boundary}--\r\n`);
    }
    let r;
    try {
      r = await request(h.base, 'POST', `/api/upload-video/nemo_agent/me/${h.sessionId}`, {
        token: h.token, headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}`, 'Transfer-Encoding': 'chunked' }, body: endless(),
      });
    } catch (e) {
      assert.fail(`the client should get the 4002 answer, got ${(e as Error).message}`);
    }
    assert.equal(r.json.code, 4002, r.text);
    const incoming = path.join(h.dataDir, 'incoming');
    assert.deepEqual(fs.existsSync(incoming) ? fs.readdirSync(incoming) : [], [], 'the partial file is removed');
    assert.equal((await h.state()).json.code, 0);
  });

  it('[bad-input] a Content-Length smaller than the body, and raw garbage on the socket, do not disturb the server', async () => {
    const port = h.engine.port;
    const raw = (payload: string | Buffer) => new Promise<string>((resolve) => {
      const s = net.connect({ host: '127.0.0.1', port });
      let got = '';
      s.on('data', (c: Buffer) => { got += c.toString('latin1'); });
      s.on('close', () => resolve(got));
      s.on('error', () => resolve(got));
      s.setTimeout(5000, () => s.destroy());
      s.end(payload);
    });
    const mp = multipart([{ filename: 'liar.mp4', file: m.clip }]);
    const chunks: Buffer[] = [];
    for await (const c of mp.body) chunks.push(c);
    const head = `POST /api/upload-video/nemo_agent/me/${h.sessionId} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAuthorization: Bearer ${h.token}\r\nContent-Type: ${mp.contentType}\r\nContent-Length: 200\r\n\r\n`;
    const from = h.logs.length;
    const answer = await raw(Buffer.concat([Buffer.from(head), ...chunks]));
    assert.match(answer, /^HTTP\/1\.1 (422|400) /, 'the first 200 bytes are a cut-off multipart body');
    assert.doesNotMatch(answer, /"code":0/);
    const garbage = await raw('\x00\x01GARBAGE / NOT-HTTP\r\n\r\n');
    assert.match(garbage, /^HTTP\/1\.1 400 /);
    assert.equal((await h.state()).json.code, 0, 'still serving');
    // The parser's 400 for the trailing bytes can arrive before the upload handler has finished cleaning up:
    // the engine says when it has.
    await h.logged(new RegExp(`^upload ${h.sessionId}: refused, nothing kept`), from);
    assert.deepEqual(fs.readdirSync(path.join(h.dataDir, 'incoming')), [], 'the cut-off part is removed');
  });

  it('[bad-input] a multipart body cut before its closing boundary gets 4000 and leaves nothing', async () => {
    const body = Buffer.from('--b0und\r\nContent-Disposition: form-data; name="files"; filename="x.mp4"\r\n\r\nabcdef');
    const r = await request(h.base, 'POST', `/api/upload-video/nemo_agent/me/${h.sessionId}`, {
      token: h.token, headers: { 'Content-Type': 'multipart/form-data; boundary=b0und' }, body,
    });
    assert.equal(r.json.code, 4000);
    assert.match(str(r.json.message), /closing boundary/);
    assert.deepEqual(fs.readdirSync(path.join(h.dataDir, 'incoming')), []);
  });

  it('[bad-input] multipart without any "files" part, and an unknown Content-Type, get 4000', async () => {
    const r = await h.upload([{ filename: 'clip.mp4', file: m.clip, field: 'other' }]);
    assert.equal(r.json.code, 4000);
    assert.match(str(r.json.message), /files/);
    const t = await request(h.base, 'POST', `/api/upload-video/nemo_agent/me/${h.sessionId}`, { token: h.token, headers: { 'Content-Type': 'text/plain' }, body: 'hello' });
    assert.equal(t.json.code, 4000);
  });
});
