// Cancel for real in the local engine, over HTTP: POST /api/render/proxy/lambda/<id>/cancel kills the running
// ffmpeg, removes the partial output and the work folder, and the job reads `cancelled`; a queued job never
// starts; a finished one is left alone. Plus `output.resolution` ("360p"): the engine renders at that size.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { probe, tempDir, testMedia, type TestMedia } from '../../support/media';
import { ATTRIBUTION, harness, json, newToken, request, runSse, str, waitForRender, type Harness, type Loose } from './helpers';
import { ffmpegProcessesFor } from '../../support/processes';
import { harness as coreHarness } from '../../support/core-harness';

process.env.GENERATOR_YOUTUBE_X264_PRESET ??= 'ultrafast';

function submit(h: Harness, id: string, draft: unknown, output: Record<string, unknown> = { format: 'mp4', quality: 'high' }) {
  return request(h.base, 'POST', '/api/render/proxy/lambda', {
    token: h.token, headers: { 'Content-Type': 'application/json', ...ATTRIBUTION },
    body: json({ id, sessionId: h.sessionId, draft, output }),
  });
}

function cancel(h: Harness, id: string, token = h.token) {
  return request(h.base, 'POST', `/api/render/proxy/lambda/${id}/cancel`, { token, headers: ATTRIBUTION });
}


/** Polls until `check` holds (a real condition), failing with `what` if the render ends first. */
async function until(h: Harness, id: string, what: string, check: () => boolean): Promise<void> {
  for (;;) {
    if (check()) return;
    const r = await request(h.base, 'GET', `/api/render/proxy/lambda/${id}`, { token: h.token });
    const status = str(r.json.data.status);
    if (status !== 'pending' && status !== 'processing') throw new Error(`render ended (${status}) before: ${what}`);
    await new Promise((res) => setTimeout(res, 100));
  }
}

/** Bytes of video spans a render has written so far in its work folder (`batch<n>/seg<n>.<ext>`). */
function writtenSpans(workDir: string): number {
  let bytes = 0;
  for (const batch of safeReaddir(workDir).filter((n) => n.startsWith('batch'))) {
    for (const seg of safeReaddir(path.join(workDir, batch)).filter((n) => /^seg\d+\./.test(n))) {
      try {
        bytes += fs.statSync(path.join(workDir, batch, seg)).size;
      } catch {
        /* removed while we looked */
      }
    }
  }
  return bytes;
}

function safeReaddir(dir: string): string[] {
  try {
    return fs.readdirSync(dir);
  } catch {
    return [];
  }
}

describe('engine server: cancelling a job it does not know', function () {
  let h: Harness;
  before(async () => { h = await harness(); });
  after(async () => { await h.engine.close(); });

  it('answers "no such job" (404, code 4040) on cancel as on the status route, not "no such route" (4004)', async () => {
    for (const r of [await cancel(h, 'render_unknown'), await request(h.base, 'GET', '/api/render/proxy/lambda/render_unknown', { token: h.token })]) {
      assert.equal(r.status, 404);
      assert.equal(r.json.success, false, r.text);
      assert.equal(r.json.code, 4040);
      assert.match(str(r.json.error), /not found: nothing with this id is running here/);
    }
    const route = await request(h.base, 'POST', '/api/render/proxy/lambda/render_unknown/stop', { token: h.token, headers: ATTRIBUTION });
    assert.equal(route.status, 404);
    assert.equal(route.json.code, 4004, 'a missing route is another answer');
  });

  it('the core client reads it as "no such job": nothing is running, said plainly (not "the backend may still finish it")', async () => {
    const core = coreHarness(h.base);
    const r = await core.workflow.cancelExport('render_unknown');
    assert.equal(r.outcome, 'unknown-job');
    assert.equal(r.text, 'The server has no export render_unknown: nothing is running there, so there was nothing to cancel.');
    assert.ok(core.logs.some((l) => /the server has no such job \(HTTP 404, code 4040/.test(l)), core.logs.join('\n'));
  });
});

describe('engine server: cancel an export, output resolution', function () {
  this.timeout(240_000);
  let m: TestMedia;
  let h: Harness;
  let draft: Loose;
  /**
   * The clip repeated for a minute at 1080p, from `inMs` on: a video encode long enough to be caught while
   * running. Each test that needs one running takes its own `inMs`: the engine's render cache keeps the spans
   * a cancelled render had finished, so a second export of the same long draft could be over at once.
   */
  function longDraft(inMs: number): unknown {
    const d = JSON.parse(JSON.stringify(draft)) as { d: number; t: Array<{ d: number; sg: Array<Record<string, unknown>> }> };
    const clip = d.t[0]!.sg.find((s) => s.k === 'clip')!;
    const len = 3000 - inMs;
    const count = Math.ceil(60_000 / len);
    const segments = Array.from({ length: count }, (_, i) => ({ ...clip, id: `long${i}`, in: inMs, out: 3000, s: i * len, e: (i + 1) * len }));
    d.t = [{ ...d.t[0]!, d: count * len, sg: segments }];
    d.d = count * len;
    return d;
  }
  before(async () => {
    m = await testMedia();
    h = await harness();
    assert.equal((await h.upload([{ filename: 'clip.mp4', file: m.clip }])).json.code, 0);
    await runSse(h.base, h.token, h.sessionId, 'make a video');
    draft = (await h.state()).json.data.state.draft;
  });
  after(async () => { await h.engine.close(); });

  it('cancelling a running render kills its ffmpeg, removes its partial output (spans, .part, MP4) and work folder, and reports "cancelled"', async () => {
    const id = `render_${Date.now()}`;
    assert.equal((await submit(h, id, longDraft(0))).json.success, true);
    const rendersDir = path.join(h.dataDir, 'renders');
    const part = path.join(rendersDir, `${id}.mp4.part`);
    // Wait for the video encode to have written part of its output while its ffmpeg runs. Exports render in
    // spans: the encode writes spans in the job's work folder for most of the render, and the .part exists
    // only during the last fraction of a second (the spans joined by stream copy), too short to be waited for.
    await until(h, id, 'a span is being written by a running ffmpeg', () => writtenSpans(path.join(rendersDir, `${id}.work`)) > 0 && ffmpegProcessesFor(id).length > 0);

    const r = await cancel(h, id);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.success, true);
    assert.equal(r.json.data.status, 'cancelled', r.text);
    // The answer comes once the cancel has settled: nothing of the render is left.
    assert.equal(fs.existsSync(part), false, 'the .part is removed');
    assert.equal(fs.existsSync(path.join(rendersDir, `${id}.mp4`)), false, 'no MP4');
    assert.equal(fs.existsSync(path.join(rendersDir, `${id}.work`)), false, 'no work folder');
    assert.deepEqual(ffmpegProcessesFor(id), [], 'its ffmpeg is gone');

    const status = await request(h.base, 'GET', `/api/render/proxy/lambda/${id}`, { token: h.token });
    assert.equal(status.json.data.status, 'cancelled');
    assert.equal(status.json.data.outputUrl, null);
    const dl = await request(h.base, 'GET', `/api/render/proxy/${id}/download`, { token: h.token });
    assert.notEqual(dl.status, 200, 'nothing to download');
    const stored = JSON.parse(fs.readFileSync(path.join(rendersDir, `${id}.json`), 'utf8')) as { status: string };
    assert.equal(stored.status, 'cancelled', 'the job file says so too (survives a restart)');
  });

  it('a queued render that is cancelled never starts', async () => {
    const first = `render_${Date.now()}_a`;
    const second = `render_${Date.now()}_b`;
    assert.equal((await submit(h, first, longDraft(500))).json.success, true);
    assert.equal((await submit(h, second, draft)).json.success, true);
    const queued = await request(h.base, 'GET', `/api/render/proxy/lambda/${second}`, { token: h.token });
    assert.equal(queued.json.data.status, 'pending', 'waits behind the first (one render per session)');
    const c2 = await cancel(h, second);
    assert.equal(c2.json.data.status, 'cancelled');
    assert.equal((await cancel(h, first)).json.data.status, 'cancelled');
    const after2 = await request(h.base, 'GET', `/api/render/proxy/lambda/${second}`, { token: h.token });
    assert.equal(after2.json.data.status, 'cancelled', 'a cancelled queued job is not started later');
    assert.equal(fs.existsSync(path.join(h.dataDir, 'renders', `${second}.mp4`)), false);
  });

  it('cancelling a finished render changes nothing; an unknown or foreign id is a 404', async () => {
    const id = `render_${Date.now()}`;
    assert.equal((await submit(h, id, draft)).json.success, true);
    const done = await waitForRender(h.base, h.token, id);
    assert.equal(done.json.data.status, 'completed', done.text);
    const r = await cancel(h, id);
    assert.equal(r.status, 200);
    assert.equal(r.json.data.status, 'completed', 'a finished render stays finished');
    assert.ok(fs.existsSync(path.join(h.dataDir, 'renders', `${id}.mp4`)));
    assert.equal((await cancel(h, 'render_unknown')).status, 404);
    const stranger = await newToken(h.base, 'someone-else');
    assert.equal((await cancel(h, id, stranger)).status, 404, 'another user cannot cancel this job');
  });

  it('output.resolution "360p" renders a 640×360 video (the draft is 1920×1080): the short side, aspect kept', async () => {
    const id = `render_${Date.now()}`;
    assert.equal((await submit(h, id, draft, { format: 'mp4', quality: 'high', resolution: '360p' })).json.success, true);
    const done = await waitForRender(h.base, h.token, id);
    assert.equal(done.json.data.status, 'completed', done.text);
    const file = path.join(tempDir('gy-res-'), 'out.mp4');
    fs.writeFileSync(file, (await request(h.base, 'GET', str(done.json.data.outputUrl))).body);
    const v = (await probe(file)).streams.find((s) => s.codec_type === 'video');
    assert.equal(v?.width, 640);
    assert.equal(v?.height, 360);
  });
});
