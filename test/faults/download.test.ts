// Faults while downloading a finished render, against a real server on 127.0.0.1 and real files: servers
// without Range support or without a validator, a broken Content-Length promise, a full disk (/dev/full) and
// an output folder that cannot exist. Invariant: never a truncated file under the final name; a kept `.part`
// and an error that says where it is. (The core's contract tests cover the Range+If-Range resume at 40 %,
// the retry budget, and the token never going to another origin.)
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { NemoError } from '../../src/core/api/errors';
import type { RenderJob } from '../../src/core/render/job';
import { harness } from '../support/core-harness';
import { rangeFile, shortBody } from '../support/fault-server';
import { ScriptedServer, scriptBasics } from '../support/scripted-server';

const SIZE = 250_000;
const CUT = 100_000; // 40 %

function content(): Buffer {
  const b = Buffer.alloc(SIZE);
  for (let i = 0; i < b.length; i++) b[i] = (i * 13 + 7) % 251;
  return b;
}

function sha(b: Buffer): string {
  return createHash('sha256').update(b).digest('hex');
}

function completedJob(id: string, outputUrl: string): RenderJob {
  return { id, sessionId: '1234567890123', status: 'completed', progress: 100, outputUrl, createdAt: 1, updatedAt: 1 };
}

describe('faults: downloads', () => {
  let server: ScriptedServer;
  let tmp: string;
  beforeEach(async () => {
    server = await ScriptedServer.start();
    scriptBasics(server);
    // The fallback URL fails, so each test sees only the output URL's behaviour.
    server.on('GET', /^\/api\/render\/proxy\/[^/]+\/download$/, { status: 404, body: { success: false, error: 'no such render' } });
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gyt-faults-dl-'));
  });
  afterEach(async () => {
    await server.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('[fault] cut at 40 % by a server WITHOUT Range support: restarted from zero, the file is whole', async () => {
    const body = content();
    const file = rangeFile(body, { ranges: false, cutFirstAt: CUT });
    server.on('GET', '/files/a.mp4', file);
    const h = harness(server.url);
    const done = await h.workflow.download(completedJob('render_a', `${server.url}/files/a.mp4`), tmp);
    assert.equal(sha(fs.readFileSync(done.localPath!)), sha(body));
    assert.equal(file.ranges.length, 2);
    assert.equal(file.ranges[0], undefined);
    assert.ok(!fs.existsSync(`${done.localPath}.part`));
  });

  it('[fault] cut at 40 % by a server WITH Range support: the second request asks for the rest only', async () => {
    const body = content();
    const file = rangeFile(body, { ranges: true, cutFirstAt: CUT });
    server.on('GET', '/files/b.mp4', file);
    const h = harness(server.url);
    const done = await h.workflow.download(completedJob('render_b', `${server.url}/files/b.mp4`), tmp);
    assert.equal(sha(fs.readFileSync(done.localPath!)), sha(body));
    assert.equal(file.ranges.length, 2);
    const from = Number(/^bytes=(\d+)-$/.exec(file.ranges[1] ?? '')?.[1]);
    assert.ok(from > 0 && from <= CUT, `resumed from ${file.ranges[1]}`);
  });

  it('[fault] cut at 40 % with no validator (no ETag, no Last-Modified): not resumed blindly, restarted, whole', async () => {
    const body = content();
    const file = rangeFile(body, { ranges: true, etag: false, cutFirstAt: CUT });
    server.on('GET', '/files/c.mp4', file);
    const h = harness(server.url);
    const done = await h.workflow.download(completedJob('render_c', `${server.url}/files/c.mp4`), tmp);
    assert.equal(sha(fs.readFileSync(done.localPath!)), sha(body));
    assert.equal(file.ranges[1], undefined, 'a range without If-Range could splice two different files');
  });

  it('[fault] a Content-Length promise broken by a clean close: never a truncated file under the final name', async () => {
    const body = content();
    server.on('GET', '/files/d.mp4', shortBody(body, CUT));
    const h = harness(server.url);
    await assert.rejects(h.workflow.download(completedJob('render_d', `${server.url}/files/d.mp4`), tmp), NemoError);
    assert.ok(!fs.existsSync(path.join(tmp, 'render_d.mp4')), 'nothing under the final name');
    const part = path.join(tmp, 'render_d.mp4.part');
    assert.ok(fs.existsSync(part) && fs.statSync(part).size <= SIZE, 'the partial bytes are kept aside');
  });

  it('[fault] disk full while writing: the .part is kept, nothing under the final name, and the error says where', async () => {
    const body = content();
    server.on('GET', '/files/e.mp4', rangeFile(body, { ranges: true }));
    const part = path.join(tmp, 'render_e.mp4.part');
    fs.symlinkSync('/dev/full', part); // every write into the .part fails with ENOSPC, like a full disk
    const h = harness(server.url);
    const crashes: unknown[] = [];
    const onCrash = (e: unknown): void => void crashes.push(e);
    process.on('uncaughtException', onCrash);
    let err: unknown;
    try {
      await h.workflow.download(completedJob('render_e', `${server.url}/files/e.mp4`), tmp).catch((e: unknown) => (err = e));
      // The download closes the .part's write stream before it rejects, so every event that stream will ever
      // emit has been emitted; one turn of the event loop lets an uncaught one reach the process handler.
      await new Promise((r) => setImmediate(r));
    } finally {
      process.off('uncaughtException', onCrash);
    }
    assert.deepEqual(crashes.map(String), [], 'a write error must not escape as an uncaught exception');
    assert.ok(err instanceof NemoError, `a NemoError, got ${String(err)}`);
    assert.ok(err.userMessage.includes(tmp), `the message says where: ${err.userMessage}`);
    assert.ok(!fs.existsSync(path.join(tmp, 'render_e.mp4')), 'nothing under the final name');
    assert.ok(fs.lstatSync(part).isSymbolicLink(), 'the .part is kept');
  });

  it('[fault] an output folder that cannot be created (its parent is a file): a NemoError naming the folder', async () => {
    server.on('GET', '/files/f.mp4', rangeFile(content(), { ranges: true }));
    const blocker = path.join(tmp, 'not-a-folder');
    fs.writeFileSync(blocker, 'I am a file');
    const outDir = path.join(blocker, 'renders');
    const h = harness(server.url);
    const err = await h.workflow.download(completedJob('render_f', `${server.url}/files/f.mp4`), outDir).then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(err instanceof NemoError, `a NemoError with a plain message, got ${String(err)}`);
    assert.ok(err.userMessage.includes(outDir) || err.userMessage.includes(blocker), err.userMessage);
    assert.equal(fs.readFileSync(blocker, 'utf8'), 'I am a file', 'nothing was overwritten');
  });
});
