// Bad input through the CORE client (what the extension and the CLI really call), against the real local
// engine and a scripted server on 127.0.0.1, with real files: wrong and disguised types, empty and oversized
// files (sparse), hostile names, and paths that vanish between pick and upload. Each must end in a clear
// NemoError that says what to do, and lose nothing. (Counted elsewhere, not repeated: the settings
// bad inputs in test/unit/shared/settings.test.ts, the engine's raw-HTTP bad uploads in
// test/engine/server/uploads.test.ts, markdown safety in test/unit/chat.)
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { MAX_UPLOAD_BYTES, NemoError } from '../../src/core/api/errors';
import { startEngine, type RunningEngine } from '../../src/engine/server/index';
import { harness, type Harness } from '../support/core-harness';
import { badMedia, tempDir, testMedia, type BadMedia, type TestMedia } from '../support/media';
import { ok, ScriptedServer, scriptBasics } from '../support/scripted-server';

async function rejection(p: Promise<unknown>): Promise<NemoError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  assert.ok(e instanceof NemoError, `expected a NemoError, got ${String(e)}`);
  return e;
}

describe('bad input: files through the core client', function () {
  this.timeout(120_000);
  let tmp: string;
  let server: ScriptedServer;
  beforeEach(async () => {
    tmp = tempDir('gyt-badin-');
    server = await ScriptedServer.start();
    scriptBasics(server);
    server.on('POST', /^\/api\/upload-video\//, ok({ files: [{ filename: 'x.mp4', file_type: 'video', cdn_url: 'x' }] }));
  });
  afterEach(async () => {
    await server.close();
  });

  it('[bad-input] wrong types (.txt, a double extension, no extension, a folder named .mp4) are refused before any byte is sent', async () => {
    const cases: Array<[string, () => void]> = [
      ['notes.txt', () => fs.writeFileSync(path.join(tmp, 'notes.txt'), 'hello')],
      ['clip.mp4.exe', () => fs.writeFileSync(path.join(tmp, 'clip.mp4.exe'), 'MZ')],
      ['README', () => fs.writeFileSync(path.join(tmp, 'README'), 'x')],
      ['folder.mp4', () => fs.mkdirSync(path.join(tmp, 'folder.mp4'))],
    ];
    const h = harness(server.url);
    for (const [name, make] of cases) {
      make();
      const err = await rejection(h.workflow.upload([path.join(tmp, name)]));
      assert.ok(['unsupported-type', 'bad-input'].includes(err.kind), `${name}: ${err.kind}`);
      assert.ok(err.userMessage.includes(name), `${name}: the message names the file: ${err.userMessage}`);
      if (err.kind === 'unsupported-type') assert.match(err.userMessage, /mp4, mov/, 'lists the accepted types');
    }
    assert.equal(server.requests.length, 0, 'nothing sent, not even a session');
  });

  it('[bad-input] 500 MiB exactly passes the pre-check and one byte more is refused (sparse files, nothing sent)', async () => {
    const at = path.join(tmp, 'at-limit.mp4');
    const over = path.join(tmp, 'over-limit.mov');
    fs.writeFileSync(at, '');
    fs.truncateSync(at, MAX_UPLOAD_BYTES);
    fs.writeFileSync(over, '');
    fs.truncateSync(over, MAX_UPLOAD_BYTES + 1);
    const h = harness(server.url);
    const okd = await h.client.checkUploadFiles([at]);
    assert.equal(okd[0]?.size, 500 * 1024 * 1024);
    const err = await rejection(h.client.checkUploadFiles([at, over]));
    assert.equal(err.kind, 'too-large');
    assert.ok(err.userMessage.includes('over-limit.mov'));
    assert.equal(err.action.id, 'trim-or-compress');
    assert.equal(server.requests.length, 0);
  });

  it('[bad-input] a file that vanishes after it was picked (before the upload starts): "not found" naming it, no upload sent', async () => {
    const file = path.join(tmp, 'picked.mp4');
    fs.writeFileSync(file, Buffer.alloc(2048, 1));
    // The session is created between the pick (check) and the upload: delete the file right then.
    server.on('POST', '/api/tasks/me/with-session/nemo_agent', () => {
      fs.rmSync(file);
      return ok({ task_id: 'task_1', session_id: '1234567890123' });
    });
    const h = harness(server.url);
    const err = await rejection(h.workflow.upload([file]));
    assert.equal(err.kind, 'bad-input');
    assert.ok(err.userMessage.includes('picked.mp4'), err.userMessage);
    assert.equal(server.calls(/^\/api\/upload-video\//).length, 0);
  });

  it('[bad-input] a file that vanishes WHILE the upload streams: a clear error naming the file, not "cannot reach the server"', async () => {
    const first = path.join(tmp, 'first.mp4');
    const second = path.join(tmp, 'second.mp4');
    fs.writeFileSync(first, Buffer.alloc(3 * 1024 * 1024, 2)); // several 256 KiB reads
    fs.writeFileSync(second, Buffer.alloc(4096, 3));
    const h = harness(server.url);
    await h.workflow.ensureSession();
    let removed = false;
    const err = await rejection(
      h.workflow.upload([first, second], {
        onProgress: () => {
          if (!removed) {
            removed = true;
            fs.rmSync(second);
          }
        },
      }),
    );
    assert.ok(removed);
    assert.ok(err.userMessage.includes('second.mp4'), `the message must name the vanished file: ${err.userMessage}`);
    assert.notEqual(err.kind, 'network', 'a local file problem is not a network problem');
  });

  it('[bad-input] an upload URL whose file vanished (the server answers 404): a clear error, nothing added', async () => {
    const h = harness(server.url);
    server.on('POST', /^\/api\/upload-video\//, { status: 200, body: { code: 4000, message: 'Could not fetch http://127.0.0.1:1/gone.mp4: HTTP 404', data: null } });
    const err = await rejection(h.workflow.upload(['http://127.0.0.1:1/gone.mp4']));
    assert.match(err.userMessage, /gone\.mp4/);
    assert.ok(err.action.id !== 'none');
  });
});

describe('bad input: files through the core client to the real local engine', function () {
  this.timeout(180_000);
  let engine: RunningEngine;
  let h: Harness;
  let m: TestMedia;
  let bad: BadMedia;
  let tmp: string;
  before(async () => {
    m = await testMedia();
    bad = await badMedia();
    tmp = tempDir('gyt-badin-engine-');
    engine = await startEngine({ dataDir: path.join(tmp, 'data') });
    h = harness(engine.url);
    await h.workflow.ensureSession();
  });
  after(async () => {
    await engine.close();
  });

  async function mediaCount(): Promise<number> {
    const s = await h.client.sessionState(h.workflow.session!.sessionId);
    const infos = s.state.video_infos;
    return Array.isArray(infos) ? infos.length : 0;
  }

  it('[bad-input] a text file disguised as .mp4 is refused by the engine with 4001 in plain words; nothing is added', async () => {
    const before = await mediaCount();
    const err = await rejection(h.workflow.upload([bad.textAsMp4]));
    assert.equal(err.kind, 'unsupported-type');
    assert.equal(err.code, 4001);
    assert.ok(err.userMessage.length > 20 && !/^\s*4001\s*$/.test(err.userMessage));
    assert.equal(await mediaCount(), before);
  });

  it('[bad-input] a zero-byte .mp4: the user is told the file is EMPTY (not that .mp4 is unsupported); nothing is added', async () => {
    const before = await mediaCount();
    const err = await rejection(h.workflow.upload([bad.zeroByte]));
    assert.match(err.userMessage, /empty|0 bytes|空/i, `message: ${err.userMessage}`);
    assert.equal(await mediaCount(), before);
  });

  it('[bad-input] names with quotes, spaces, unicode and backslash-dot-dot arrive as plain names inside the session', async () => {
    const names = ['my "best" take.mp4', '旅行 vlog 🎬 été.mp4', "it's ..\\..\\evil.mp4", 'semi;colon,comma=eq.mp4'];
    const sub = path.join(tmp, 'sub');
    fs.mkdirSync(sub, { recursive: true });
    const files = names.map((n) => {
      const p = path.join(sub, n);
      fs.copyFileSync(m.clip, p);
      return p;
    });
    // A picked path with ../ segments in it resolves to the real file.
    const viaDotDot = path.join(sub, '..', 'sub', names[0]!);
    const up = await h.workflow.upload([...files, viaDotDot]);
    assert.equal(up.files.length, names.length + 1);
    for (const f of up.files) {
      const name = String(f.filename);
      assert.ok(!name.includes('/') && name !== '..' && !name.startsWith('.'), `stored name ${JSON.stringify(name)}`);
    }
    const stored = up.files.map((f) => String(f.filename));
    assert.ok(stored.some((n) => n.includes('旅行')), `unicode kept: ${stored.join(' | ')}`);
    const dataFiles = walk(path.join(tmp, 'data'));
    assert.ok(dataFiles.every((p) => p.startsWith(path.join(tmp, 'data'))));
    assert.ok(!fs.existsSync(path.join(tmp, 'evil.mp4')) && !fs.existsSync(path.join(tmp, 'data', 'evil.mp4')), 'nothing written outside the session folder');
  });
});

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...walk(p));
    else out.push(fs.realpathSync(p));
  }
  return out;
}
