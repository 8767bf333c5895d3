// The engine-only preview endpoint over real HTTP, driven through the core's one flow (fetchPreview) that the
// extension and the CLI use: bad input answers a reason (empty, missing source, ffmpeg), a draft renders to a
// local copy once, an unchanged draft is reused without a render or a download, an edit makes a new preview,
// preview files need their signature, and a backend without the endpoint (the cloud) says so.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { fetchPreview, PreviewUnavailable } from '../../../src/core/preview/fetch';
import { harness as coreHarness } from '../../support/core-harness';
import { probe, testMedia, tempDir, type TestMedia } from '../../support/media';
import { harness, newSession, request, runSse, type Harness } from './helpers';

function clientFor(h: Harness) {
  return coreHarness(h.base, { env: { NEMO_TOKEN: h.token } }).client;
}

async function reasonOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof PreviewUnavailable) return `${e.reason}: ${e.message}`;
    throw e;
  }
  return 'no error';
}

describe('engine server: preview proxies (engine-only endpoint)', function () {
  this.timeout(180_000);
  let m: TestMedia;
  let h: Harness;
  // Each test renders into its own local folder, so none sees what another one downloaded.
  const roots: string[] = [];
  const root = (): string => {
    const dir = tempDir('gy-preview-');
    roots.push(dir);
    return dir;
  };
  /** A new session on the shared engine with the clip uploaded and an intro on the timeline. */
  async function draftSession(title: string): Promise<string> {
    const sessionId = await newSession(h.base, h.token);
    assert.equal((await h.upload([{ filename: 'clip.mp4', file: m.clip }], sessionId)).json.code, 0);
    await runSse(h.base, h.token, sessionId, `add an intro titled "${title}" for 2 seconds`);
    return sessionId;
  }
  // One engine and one drafted session for the tests that only read the draft; a test that edits a draft
  // or needs an empty one makes its own session, so the tests pass in any order and alone.
  let drafted = '';
  before(async () => {
    m = await testMedia();
    h = await harness();
    drafted = await draftSession('Hello');
  });
  after(async () => {
    await h.engine.close();
    for (const dir of roots) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('an empty session answers "nothing to show" (reason empty), never a render', async () => {
    const empty = await newSession(h.base, h.token);
    assert.match(await reasonOf(fetchPreview(clientFor(h), empty, root())), /^empty: The timeline has nothing to show yet/);
  });

  it('renders the draft and keeps a local WebM VP8/Vorbis copy with filmstrip and peaks', async () => {
    const progress: number[] = [];
    const p = await fetchPreview(clientFor(h), drafted, root(), { pollMs: 100, onProgress: (x) => progress.push(x) });
    assert.equal(p.reused, false);
    assert.equal(progress[progress.length - 1], 100);
    const probed = await probe(p.proxyPath);
    assert.deepEqual(probed.streams.map((s) => s.codec_name).sort(), ['vorbis', 'vp8']);
    assert.equal(p.manifest.durationMs, 5000);
    assert.equal(fs.statSync(p.proxyPath).size, p.manifest.size);
    assert.ok(fs.statSync(p.filmstripPath).size > 0);
    assert.equal(p.manifest.filmstrip.count, 5);
    assert.ok(p.manifest.peaks.peaks.length >= 99);
    assert.deepEqual(fs.readdirSync(p.dir).sort(), ['filmstrip.jpg', 'manifest.json', 'proxy.webm']);
  });

  it('an unchanged draft is reused: same key, no render, no download', async () => {
    const dir = root();
    const first = await fetchPreview(clientFor(h), drafted, dir, { pollMs: 100 });
    assert.equal(first.reused, false, 'the first fetch into an empty folder downloads');
    const renders = () => h.logs.filter((l) => l.startsWith('preview ')).length;
    const downloads = () => h.logs.filter((l) => /^GET \/files\/p\//.test(l)).length;
    const [r0, d0] = [renders(), downloads()];
    assert.ok(d0 >= 2, 'the first preview was downloaded');
    const p = await fetchPreview(clientFor(h), drafted, dir);
    assert.equal(p.key, first.key);
    assert.equal(p.reused, true);
    assert.deepEqual([renders(), downloads()], [r0, d0]);
  });

  it('an edit makes a new preview under a new key', async () => {
    const sessionId = await draftSession('Before the edit');
    const dir = root();
    const before = await fetchPreview(clientFor(h), sessionId, dir, { pollMs: 100 });
    await runSse(h.base, h.token, sessionId, 'add title "Second" from 3s to 4s');
    const p = await fetchPreview(clientFor(h), sessionId, dir, { pollMs: 100 });
    assert.notEqual(p.key, before.key);
    assert.equal(p.reused, false);
  });

  it('preview files need their signature; an unknown key is 404', async () => {
    // The proxy of the draft is rendered first, so the start request below answers its signed URL.
    await fetchPreview(clientFor(h), drafted, root(), { pollMs: 100 });
    const start = await request(h.base, 'POST', `/api/preview/nemo_agent/me/${drafted}`, { token: h.token });
    const url = new URL(String(start.json.data.proxyUrl));
    const signed = await request(h.base, 'GET', `${url.pathname}${url.search}`, { headers: { Range: 'bytes=0-99' } });
    assert.equal(signed.status, 206);
    assert.equal((await request(h.base, 'GET', url.pathname)).status, 404);
    assert.equal((await request(h.base, 'GET', `${url.pathname}?sig=${'0'.repeat(64)}`)).status, 404);
    assert.equal((await request(h.base, 'GET', `/api/preview/nemo_agent/me/${drafted}/${'a'.repeat(32)}`, { token: h.token })).status, 404);
  });

  it('a missing source file answers reason missing-source naming the file', async () => {
    const uploads = path.join(h.dataDir, 'sessions', drafted, 'uploads');
    const [name] = fs.readdirSync(uploads);
    fs.renameSync(path.join(uploads, name), path.join(uploads, `${name}.away`));
    try {
      assert.match(await reasonOf(fetchPreview(clientFor(h), drafted, root())), new RegExp(`^missing-source: The source file ${name.replace('.', '\\.')} is missing; upload it again`));
    } finally {
      fs.renameSync(path.join(uploads, `${name}.away`), path.join(uploads, name));
    }
  });
});

describe('engine server: preview without a usable ffmpeg, and a backend without the endpoint', function () {
  this.timeout(60_000);
  it('answers reason ffmpeg with the install hint when the draft is fine but ffmpeg is not', async () => {
    const m = await testMedia();
    const first = await harness();
    assert.equal((await first.upload([{ filename: 'clip.mp4', file: m.clip }])).json.code, 0);
    await runSse(first.base, first.token, first.sessionId, 'add an intro titled "Hi" for 2 seconds');
    await first.engine.close();
    // The same data folder (draft and upload kept) with an ffmpeg that does not exist.
    const h = await harness({ ffmpegPath: '/nonexistent/ffmpeg' }, { dataDir: first.dataDir, token: first.token, sessionId: first.sessionId });
    try {
      const r = await request(h.base, 'POST', `/api/preview/nemo_agent/me/${h.sessionId}`, { token: h.token });
      assert.equal(r.json.data.reason, 'ffmpeg', r.text);
      assert.match(String(r.json.data.error), /ffmpeg is not usable on this machine/);
      assert.match(await reasonOf(fetchPreview(clientFor(h), h.sessionId, tempDir('gy-preview-noff-'))), /^ffmpeg: The preview needs ffmpeg\. ffmpeg is not usable/);
    } finally {
      await h.engine.close();
    }
  });

  it('a backend that answers 404 for the preview route is "unsupported" (the cloud)', async () => {
    const server = http.createServer((req, res) => {
      if (req.url?.startsWith('/api/preview/')) {
        res.writeHead(404, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ code: 404, message: 'Not Found', data: null }));
      } else {
        res.writeHead(500);
        res.end();
      }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const client = coreHarness(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, { env: { NEMO_TOKEN: 'nmv_usr_test' } }).client;
      assert.match(await reasonOf(fetchPreview(client, '1234567890123456789', tempDir('gy-preview-cloud-'))), /^unsupported: /);
    } finally {
      server.close();
    }
  });
});
