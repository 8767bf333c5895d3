// Uploads and downloads against a real server on 127.0.0.1: flat memory for big uploads, checks before any
// byte is sent, resume of interrupted downloads, the fallback URL, and no token sent to another origin.
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { NemoError } from '../../src/core/api/errors';
import type { RenderJob } from '../../src/core/render/job';
import { ScriptedServer, scriptBasics, ok, type Scripted } from '../support/scripted-server';
import { harness } from '../support/core-harness';

const MiB = 1024 * 1024;

function job(id: string, outputUrl?: string): RenderJob {
  return { id, sessionId: '1234567890123', status: 'completed', progress: 100, createdAt: 1, updatedAt: 1, ...(outputUrl ? { outputUrl } : {}) };
}

describe('contract: uploads and downloads', () => {
  let server: ScriptedServer;
  let tmp: string;
  beforeEach(async () => {
    server = await ScriptedServer.start();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gyt-transfer-'));
  });
  afterEach(async () => {
    await server.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('uploads a 400 MB file with flat memory, exact Content-Length and byte progress', async function () {
    this.timeout(120_000);
    scriptBasics(server);
    server.on('POST', /^\/api\/upload-video\//, (req) => ok({ files: [{ filename: 'big.mp4', file_type: 'video', cdn_url: `received ${req.bodyBytes}` }] }));
    const file = path.join(tmp, 'big.mp4');
    const size = 400 * MiB;
    fs.writeFileSync(file, '');
    fs.truncateSync(file, size); // sparse: no disk, but every byte is read and sent
    const h = harness(server.url);
    await h.workflow.ensureSession();
    (globalThis as { gc?: () => void }).gc?.();
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 20);
    let lastProgress = { sentBytes: 0, totalBytes: 0 };
    let progressEvents = 0;
    try {
      await h.workflow.upload([file], {
        onProgress: (p) => {
          lastProgress = p;
          progressEvents++;
          peak = Math.max(peak, process.memoryUsage().rss);
        },
      });
    } finally {
      clearInterval(sampler);
    }
    const growthMb = (peak - baseline) / MiB;
    console.log(`      upload of ${size / MiB} MiB: RSS baseline ${(baseline / MiB).toFixed(0)} MiB, peak ${(peak / MiB).toFixed(0)} MiB, growth ${growthMb.toFixed(1)} MiB, ${progressEvents} progress events`);
    const req = server.calls(/^\/api\/upload-video\//)[0]!;
    assert.equal(Number(req.headers['content-length']), req.bodyBytes);
    assert.ok(req.bodyBytes > size && req.bodyBytes < size + 1024);
    assert.match(String(req.headers['content-type']), /^multipart\/form-data; boundary=/);
    assert.equal(lastProgress.sentBytes, lastProgress.totalBytes);
    assert.equal(lastProgress.totalBytes, req.bodyBytes);
    assert.ok(progressEvents > 100, 'progress is reported by bytes as the body is pulled');
    assert.ok(growthMb < 150, `memory grew ${growthMb.toFixed(1)} MiB for a ${size / MiB} MiB upload`);
  });

  it('sends several files in one multipart request with one part named "files" each', async () => {
    scriptBasics(server);
    server.on('POST', /^\/api\/upload-video\//, ok({ files: [{ filename: 'a.mp4' }, { filename: 'b.mp3' }] }));
    const a = path.join(tmp, 'a.mp4');
    const b = path.join(tmp, 'b "odd".mp3');
    fs.writeFileSync(a, 'AAAA');
    fs.writeFileSync(b, 'BBBBBB');
    const h = harness(server.url);
    const r = await h.workflow.upload([a, b]);
    assert.equal(r.files.length, 2);
    const reqs = server.calls(/^\/api\/upload-video\//);
    assert.equal(reqs.length, 1);
    const body = reqs[0]!.body.toString('latin1');
    const boundary = /boundary=(.+)$/.exec(String(reqs[0]!.headers['content-type']))![1]!;
    assert.equal(body.split(`--${boundary}\r\n`).length - 1, 2);
    assert.match(body, /name="files"; filename="a.mp4"\r\nContent-Type: video\/mp4\r\n\r\nAAAA\r\n/);
    assert.match(body, /name="files"; filename="b \\"odd\\".mp3"\r\nContent-Type: audio\/mpeg\r\n\r\nBBBBBB\r\n/);
    assert.ok(body.endsWith(`--${boundary}--\r\n`));
  });

  it('uploads several files one by one when asked, with progress over all of them', async () => {
    scriptBasics(server);
    server.on('POST', /^\/api\/upload-video\//, (req) => ok({ files: [{ filename: /filename="([^"]+)"/.exec(req.body.toString('latin1'))?.[1] }] }));
    const a = path.join(tmp, 'a.mp4');
    const b = path.join(tmp, 'b.wav');
    fs.writeFileSync(a, Buffer.alloc(3000, 1));
    fs.writeFileSync(b, Buffer.alloc(1000, 2));
    const h = harness(server.url);
    const seen: number[] = [];
    const r = await h.workflow.upload([a, b], { separately: true, onProgress: (p) => seen.push(p.sentBytes / p.totalBytes) });
    assert.deepEqual(r.files.map((f) => f.filename), ['a.mp4', 'b.wav']);
    assert.equal(server.calls(/^\/api\/upload-video\//).length, 2);
    assert.equal(seen.at(-1), 1);
    assert.ok(seen.every((x, i) => i === 0 || x >= seen[i - 1]!), 'progress never goes backwards');
  });

  it('hands files to a backend on this machine by file:// URL (filesByPath: the CLI\'s --local), never their bytes', async () => {
    scriptBasics(server);
    server.on('POST', /^\/api\/upload-video\//, (req) => {
      const body = JSON.parse(req.body.toString('utf8')) as { urls: string[]; source_type: string };
      return ok({ files: body.urls.map((u) => ({ filename: path.basename(fileURLToPath(u)) })) });
    });
    const a = path.join(tmp, 'a clip.mp4');
    const b = path.join(tmp, 'b.wav');
    fs.writeFileSync(a, Buffer.alloc(3000, 1));
    fs.writeFileSync(b, Buffer.alloc(1000, 2));
    const h = harness(server.url, { workflow: { filesByPath: true } });
    const seen: number[] = [];
    const r = await h.workflow.upload([a, b], { onProgress: (p) => seen.push(p.sentBytes / p.totalBytes) });
    assert.deepEqual(r.files.map((f) => f.filename), ['a clip.mp4', 'b.wav']);
    const calls = server.calls(/^\/api\/upload-video\//);
    assert.equal(calls.length, 1);
    assert.match(String(calls[0]!.headers['content-type']), /^application\/json/);
    const sent = JSON.parse(calls[0]!.body.toString('utf8')) as { urls: string[]; source_type: string };
    assert.deepEqual(sent, { urls: [pathToFileURL(a).href, pathToFileURL(b).href], source_type: 'url' });
    assert.ok(calls[0]!.body.length < 1000, 'only the URLs travel, not 4000 bytes of files');
    assert.deepEqual(seen, [0, 1]);
    // One request per file when asked (a failure then names its file), progress over both.
    seen.length = 0;
    await h.workflow.upload([a, b], { separately: true, onProgress: (p) => seen.push(p.sentBytes / p.totalBytes) });
    assert.equal(server.calls(/^\/api\/upload-video\//).length, 3);
    assert.deepEqual(seen, [0, 0.75, 1]);
  });

  it('copies a finished render from the local engine\'s folder (localRenderFile) instead of fetching it, with progress', async () => {
    scriptBasics(server);
    const content = Buffer.alloc(2 * MiB + 12_345);
    for (let i = 0; i < content.length; i++) content[i] = (i * 13) % 251;
    server.on('GET', '/files/out.mp4', { body: content });
    const engineFiles = path.join(tmp, 'engine-renders');
    fs.mkdirSync(engineFiles);
    fs.writeFileSync(path.join(engineFiles, 'render_7.mp4'), content);
    const asked: string[] = [];
    const h = harness(server.url, { workflow: { localRenderFile: (id) => (asked.push(id), path.join(engineFiles, `${id}.mp4`)) } });
    const out = path.join(tmp, 'out');
    const seen: Array<[number, number | undefined]> = [];
    const done = await h.workflow.download(job('render_7', `${server.url}/files/out.mp4`), out, { onProgress: (r, t) => seen.push([r, t]) });
    assert.deepEqual(asked, ['render_7']);
    assert.deepEqual(fs.readFileSync(done.localPath!), content);
    assert.equal(server.calls('/files/out.mp4').length, 0, 'nothing fetched over HTTP');
    assert.deepEqual(seen.map(([r]) => r), [0, MiB, 2 * MiB, content.length], 'progress per 1 MB piece');
    assert.ok(seen.every(([, t]) => t === content.length));
    assert.deepEqual(fs.readdirSync(out), [path.basename(done.localPath!)], 'no .part left');
    // The engine's file is gone (another folder, removed by hand): the HTTP download takes over.
    const again = await h.workflow.download(job('render_8', `${server.url}/files/out.mp4`), out);
    assert.deepEqual(fs.readFileSync(again.localPath!), content);
    assert.equal(server.calls('/files/out.mp4').length, 1);
  });

  it('[fault] a local copy that cannot write its part file says so, and leaves no file under the final name', async () => {
    scriptBasics(server);
    const engineFiles = path.join(tmp, 'engine-renders');
    fs.mkdirSync(engineFiles);
    fs.writeFileSync(path.join(engineFiles, 'render_9.mp4'), Buffer.alloc(5000, 3));
    const h = harness(server.url, { workflow: { localRenderFile: (id) => path.join(engineFiles, `${id}.mp4`) } });
    const out = path.join(tmp, 'out');
    // The part file's name is taken by a folder: opening it for writing fails like an unwritable disk would.
    fs.mkdirSync(path.join(out, 'render_9.mp4.part'), { recursive: true });
    await assert.rejects(h.workflow.download(job('render_9', `${server.url}/files/none.mp4`), out), (e: unknown) => e instanceof NemoError && e.action.id === 'open-settings' && /render_9\.mp4\.part/.test(e.userMessage));
    assert.ok(!fs.existsSync(path.join(out, 'render_9.mp4')));
    assert.equal(server.calls('/files/none.mp4').length, 0, 'no HTTP fallback can fix our own disk');
  });

  it('[bad-input] refuses an unsupported type and a file over 500 MiB before sending anything', async () => {
    scriptBasics(server);
    const h = harness(server.url);
    const exe = path.join(tmp, 'tool.exe');
    fs.writeFileSync(exe, 'MZ');
    const huge = path.join(tmp, 'huge.mov');
    fs.writeFileSync(huge, '');
    fs.truncateSync(huge, 500 * MiB + 1);
    await assert.rejects(h.workflow.upload([exe]), (e: unknown) => e instanceof NemoError && e.kind === 'unsupported-type' && e.action.id === 'show-formats' && /mp4, mov/.test(e.userMessage));
    await assert.rejects(h.workflow.upload([huge]), (e: unknown) => e instanceof NemoError && e.kind === 'too-large' && e.action.id === 'trim-or-compress' && /500 MB/.test(e.userMessage));
    await assert.rejects(h.workflow.upload([path.join(tmp, 'missing.mp4')]), (e: unknown) => e instanceof NemoError && e.kind === 'bad-input' && /not found/.test(e.userMessage));
    assert.equal(server.requests.length, 0, 'nothing is sent, not even a session request');
  });

  it('[fault] resumes an interrupted download with Range + If-Range and checks the length', async () => {
    scriptBasics(server);
    const content = Buffer.alloc(300_000);
    for (let i = 0; i < content.length; i++) content[i] = (i * 7) % 251;
    const etag = '"v1-abc"';
    server.on(
      'GET',
      '/files/out.mp4',
      { body: content, headers: { etag, 'content-type': 'video/mp4', 'accept-ranges': 'bytes' }, dropAfter: 120_000 },
      (req): Scripted => {
        const m = /^bytes=(\d+)-$/.exec(String(req.headers.range ?? ''));
        if (!m || req.headers['if-range'] !== etag) return { body: content, headers: { etag } };
        const from = Number(m[1]);
        return { status: 206, body: content.subarray(from), headers: { etag, 'content-range': `bytes ${from}-${content.length - 1}/${content.length}` } };
      },
    );
    const h = harness(server.url);
    const done = await h.workflow.download(job('render_1', `${server.url}/files/out.mp4`), tmp);
    const got = fs.readFileSync(done.localPath!);
    assert.equal(createHash('sha256').update(got).digest('hex'), createHash('sha256').update(content).digest('hex'));
    const reqs = server.calls('/files/out.mp4');
    assert.equal(reqs.length, 2);
    assert.equal(reqs[0]!.headers.range, undefined);
    const resumedFrom = Number(/^bytes=(\d+)-$/.exec(String(reqs[1]!.headers.range))![1]);
    assert.ok(resumedFrom > 0 && resumedFrom <= 120_000, `resumed from ${resumedFrom}`);
    assert.equal(reqs[1]!.headers['if-range'], etag);
    assert.ok(!fs.existsSync(`${done.localPath}.part`));
    assert.ok(!fs.existsSync(`${done.localPath}.part.json`));
  });

  it('[fault] keeps the .part when a download stays short, and resumes it on the next call', async () => {
    scriptBasics(server);
    const content = Buffer.alloc(50_000, 9);
    // Always cut: every attempt makes progress until the retries run out.
    server.on('GET', '/files/cut.mp4', { body: content, headers: { etag: '"e"' }, dropAfter: 10_000 }, (req) => {
      const from = Number(/^bytes=(\d+)-$/.exec(String(req.headers.range ?? 'bytes=0-'))![1]);
      return { status: from ? 206 : 200, body: content.subarray(from), headers: { etag: '"e"', ...(from ? { 'content-range': `bytes ${from}-${content.length - 1}/${content.length}` } : {}) }, dropAfter: 10_000 };
    });
    server.on('GET', /^\/api\/render\/proxy\/render_2\/download$/, { status: 404, body: { success: false, error: 'not found' } });
    const h = harness(server.url);
    await assert.rejects(h.workflow.download(job('render_2', `${server.url}/files/cut.mp4`), tmp), NemoError);
    const part = path.join(tmp, 'render_2.mp4.part');
    assert.ok(fs.existsSync(part), 'the partial file is kept');
    const kept = fs.statSync(part).size;
    // First try + 2 resumes of at most 10 000 bytes each (bytes still in flight when a socket dies may be lost).
    assert.ok(kept > 0 && kept <= 30_000, `kept ${kept}`);
    assert.equal(server.calls('/files/cut.mp4').length, 3, 'one try and two resumes, then the fallback');
    assert.ok(!fs.existsSync(path.join(tmp, 'render_2.mp4')), 'no incomplete file under the final name');
    // The server recovers: the next call resumes from what was kept.
    server.on('GET', '/files/cut.mp4', (req) => {
      const from = Number(/^bytes=(\d+)-$/.exec(String(req.headers.range ?? 'bytes=0-'))![1]);
      return { status: 206, body: content.subarray(from), headers: { etag: '"e"', 'content-range': `bytes ${from}-${content.length - 1}/${content.length}` } };
    });
    const done = await h.workflow.download(job('render_2', `${server.url}/files/cut.mp4`), tmp);
    assert.deepEqual(fs.readFileSync(done.localPath!), content);
    assert.equal(server.calls('/files/cut.mp4').at(-1)!.headers.range, `bytes=${kept}-`);
  });

  it('[security] never sends the token to a storage host on another origin; falls back to the proxy download with it', async () => {
    scriptBasics(server);
    const storage = await ScriptedServer.start();
    try {
      storage.on('GET', '/bucket/out.mp4', { status: 403, body: 'AccessDenied' });
      server.on('GET', '/api/render/proxy/render_3/download', { body: Buffer.from('FALLBACK'), headers: { 'content-type': 'video/mp4' } });
      const h = harness(server.url);
      const done = await h.workflow.download(job('render_3', `${storage.url}/bucket/out.mp4`), tmp);
      assert.equal(fs.readFileSync(done.localPath!, 'utf8'), 'FALLBACK');
      const s = storage.calls('/bucket/out.mp4')[0]!;
      assert.equal(s.headers.authorization, undefined);
      assert.equal(server.calls('/api/render/proxy/render_3/download')[0]!.headers.authorization, 'Bearer nmv_usr_testtoken123');
    } finally {
      await storage.close();
    }
  });

  it('[security] does not carry the token across a redirect to another origin', async () => {
    scriptBasics(server);
    const storage = await ScriptedServer.start();
    try {
      storage.on('GET', '/signed/out.mp4', { body: Buffer.from('SIGNED') });
      server.on('GET', '/api/render/proxy/render_4/download', { status: 302, headers: { location: `${storage.url}/signed/out.mp4` } });
      const h = harness(server.url);
      const done = await h.workflow.download(job('render_4'), tmp);
      assert.equal(fs.readFileSync(done.localPath!, 'utf8'), 'SIGNED');
      assert.equal(storage.calls('/signed/out.mp4')[0]!.headers.authorization, undefined);
    } finally {
      await storage.close();
    }
  });
});
