// Restarting the engine loses nothing: tokens, credits, sessions, drafts, uploads and finished renders
// survive a clean close and a crash (SIGKILL of a child-process engine). A render that was running when the
// engine died becomes failed with "engine restarted during render; export again"; a queued one runs.
import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EngineBusyError } from '../../../src/engine/server/data-lock';
import { startEngine } from '../../../src/engine/server/index';
import { RESTARTED_REASON } from '../../../src/engine/server/render-queue';
import { testMedia, tempDir, type TestMedia } from '../../support/media';
import { arr, ATTRIBUTION, harness, json, multipart, newSession, newToken, request, runSse, str, waitForRender, type Loose } from './helpers';

process.env.GENERATOR_YOUTUBE_X264_PRESET ??= 'ultrafast';

function startChild(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(__dirname, 'child-engine.js'), dataDir], { stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
    let out = '';
    let err = '';
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
      const line = out.split('\n')[0];
      if (out.includes('\n')) resolve({ child, url: str((JSON.parse(line) as Loose).url) });
    });
    child.stderr?.on('data', (c: Buffer) => { err += c.toString(); });
    child.on('exit', (code) => reject(new Error(`child engine exited ${code}: ${err}`)));
  });
}

describe('engine server: restart', function () {
  this.timeout(180_000);
  let m: TestMedia;
  before(async () => { m = await testMedia(); });

  it('a clean restart keeps the token, credits, session, draft, uploads and a finished render', async () => {
    const first = await harness();
    const up = await first.upload([{ filename: 'clip.mp4', file: m.clip }, { filename: 'music.mp3', file: m.music }]);
    assert.equal(up.json.code, 0);
    await runSse(first.base, first.token, first.sessionId, 'trim the first 2 seconds');
    const before = (await first.state()).json.data;
    const credits = (await request(first.base, 'GET', '/api/credits/balance/simple', { token: first.token })).json.data;
    const id = `render_${Date.now()}`;
    await request(first.base, 'POST', '/api/render/proxy/lambda', { token: first.token, headers: ATTRIBUTION, body: json({ id, sessionId: first.sessionId, draft: before.state.draft, output: { format: 'mp4' } }) });
    const done = await waitForRender(first.base, first.token, id);
    assert.equal(done.json.data.status, 'completed');
    const firstBytes = (await request(first.base, 'GET', str(done.json.data.outputUrl))).body;
    await first.engine.close();

    const second = await harness({}, { dataDir: first.dataDir, token: first.token, sessionId: first.sessionId });
    try {
      const after = (await second.state()).json;
      assert.equal(after.code, 0, 'the same token still works and the session is there');
      assert.deepEqual(after.data.state.draft, before.state.draft);
      assert.equal(after.data.task_id, before.task_id);
      const infos = arr(after.data.state.video_infos);
      assert.deepEqual(infos.map((f) => [f.id, f.filename, f.hash]), arr(before.state.video_infos).map((f) => [f.id, f.filename, f.hash]));
      // Upload links are rebuilt for the new port and still serve the file.
      const served = await request(second.base, 'GET', str(infos[0].cdn_url));
      assert.ok(served.body.equals(fs.readFileSync(m.clip)));
      assert.deepEqual((await request(second.base, 'GET', '/api/credits/balance/simple', { token: second.token })).json.data, credits);
      const job = await request(second.base, 'GET', `/api/render/proxy/lambda/${id}`, { token: second.token });
      assert.equal(job.json.data.status, 'completed');
      const again = await request(second.base, 'GET', str(job.json.data.outputUrl));
      assert.ok(again.body.equals(firstBytes), 'the finished render is still served');
      // And the session keeps working: a new edit on top of the restored draft.
      const turn = await runSse(second.base, second.token, second.sessionId, 'add an intro titled Restarted');
      assert.equal(turn.status, 200);
      assert.ok(JSON.stringify((await second.state()).json.data.state.draft).includes('Restarted'));
    } finally {
      await second.engine.close();
    }
  });

  it('one engine per data folder: a second start fails with EngineBusyError naming the running engine\'s URL', async () => {
    const first = await harness();
    let firstClosed = false;
    try {
      await assert.rejects(startEngine({ dataDir: first.dataDir }), (e: unknown) => e instanceof EngineBusyError && e.url === first.base);
      // Another process holding the folder is detected too, and its URL is a working engine.
      await first.engine.close();
      firstClosed = true;
      const { child, url } = await startChild(first.dataDir);
      try {
        await assert.rejects(startEngine({ dataDir: first.dataDir }), (e: unknown) => e instanceof EngineBusyError && e.url === url && /already using/.test(e.message));
        const st = await request(url, 'GET', `/api/state/nemo_agent/me/${first.sessionId}/latest`, { token: first.token });
        assert.equal(st.json.code, 0, 'the running engine serves the same data');
      } finally {
        child.kill('SIGKILL');
        await new Promise((r) => child.once('exit', r));
      }
      // The killed engine's record is stale now: starting works again.
      const again = await startEngine({ dataDir: first.dataDir });
      await again.close();
    } finally {
      if (!firstClosed) await first.engine.close();
    }
  });

  it('[fault] after a crash mid-render the running job is failed with a reason, the queued one renders, the session survives', async () => {
    const dataDir = path.join(tempDir('gy-crash-'), 'data');
    const { child, url } = await startChild(dataDir);
    let token = '';
    let sessionId = '';
    const ids = [`render_crash1_${Date.now()}`, `render_crash2_${Date.now()}`];
    let draft: Loose;
    try {
      token = await newToken(url);
      sessionId = await newSession(url, token);
      const h = { base: url, token };
      const mp = multipart([{ filename: 'talk.mp4', file: m.silences }, { filename: 'clip2.mp4', file: m.clip2 }]);
      const up = await request(url, 'POST', `/api/upload-video/nemo_agent/me/${sessionId}`, { token, headers: { 'Content-Type': mp.contentType, 'Content-Length': mp.length }, body: mp.body });
      assert.equal(up.json.code, 0, up.text);
      await runSse(url, token, sessionId, 'add an intro titled Crash Test');
      draft = (await request(url, 'GET', `/api/state/nemo_agent/me/${sessionId}/latest`, { token })).json.data.state.draft;
      for (const id of ids) {
        const r = await request(h.base, 'POST', '/api/render/proxy/lambda', { token, headers: ATTRIBUTION, body: json({ id, sessionId, draft, output: { format: 'mp4' } }) });
        assert.equal(r.json.success, true, r.text);
      }
      // Wait until the first render is really running, then kill the engine without any chance to clean up.
      for (;;) {
        const st = await request(url, 'GET', `/api/render/proxy/lambda/${ids[0]}`, { token });
        // The status flips in memory before its JSON reaches the disk (atomic write + rename): wait for
        // the disk too, since that is what the crash leaves behind.
        // Between those two moments the answer already says 'processing' while the disk still says 'pending'.
        const status = st.json.data.status as unknown;
        const onDisk = readJsonIfThere(path.join(dataDir, 'renders', `${ids[0]}.json`));
        if (status === 'processing' && (onDisk?.status as unknown) === 'processing') break;
        assert.ok(status === 'pending' || status === 'processing', `it must not finish before the kill; the draft is long enough (status ${String(status)})`);
        await new Promise((r) => setTimeout(r, 20));
      }
    } finally {
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
    }
    const stale = JSON.parse(fs.readFileSync(path.join(dataDir, 'renders', `${ids[0]}.json`), 'utf8')) as Loose;
    assert.equal(stale.status, 'processing', 'the crash left it processing on disk');

    const h = await harness({}, { dataDir, token, sessionId });
    try {
      const first = await request(h.base, 'GET', `/api/render/proxy/lambda/${ids[0]}`, { token });
      assert.equal(first.json.data.status, 'failed');
      assert.equal(first.json.data.error, RESTARTED_REASON);
      assert.match(RESTARTED_REASON, /engine restarted during render; export again/);
      const second = await waitForRender(h.base, token, ids[1]);
      assert.equal(second.json.data.status, 'completed', second.text);
      const st = await h.state();
      assert.equal(st.json.code, 0);
      assert.deepEqual(st.json.data.state.draft, draft);
      assert.equal(arr(st.json.data.state.video_infos).length, 2);
      assert.deepEqual(fs.readdirSync(path.join(dataDir, 'renders')).filter((f) => f.endsWith('.work') || f.endsWith('.tmp') || f.endsWith('.part')), [], 'no scratch or half render left');
    } finally {
      await h.engine.close();
    }
  });
});

function readJsonIfThere(file: string): Loose | null {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as Loose;
  } catch {
    return null;
  }
}
