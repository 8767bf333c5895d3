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
  /** The same clip repeated for a minute at 1080p: a video encode long enough to be caught while running. */
  let longDraft: unknown;
  before(async () => {
    m = await testMedia();
    h = await harness();
    assert.equal((await h.upload([{ filename: 'clip.mp4', file: m.clip }])).json.code, 0);
    await runSse(h.base, h.token, h.sessionId, 'make a video');
    draft = (await h.state()).json.data.state.draft;
    const d = JSON.parse(JSON.stringify(draft)) as { d: number; t: Array<{ d: number; sg: Array<Record<string, unknown>> }> };
    const clip = d.t[0]!.sg.find((s) => s.k === 'clip')!;
    const segments = Array.from({ length: 20 }, (_, i) => ({ ...clip, id: `long${i}`, s: i * 3000, e: (i + 1) * 3000 }));
    d.t = [{ ...d.t[0]!, d: 60_000, sg: segments }];
    d.d = 60_000;
    longDraft = d;
  });
  after(async () => { await h.engine.close(); });

  it('cancelling a running render kills its ffmpeg, removes the partial MP4 and work folder, and reports "cancelled"', async () => {
    const id = `render_${Date.now()}`;
    assert.equal((await submit(h, id, longDraft)).json.success, true);
    const rendersDir = path.join(h.dataDir, 'renders');
    const part = path.join(rendersDir, `${id}.mp4.part`);
    // Wait for the video encode to have written part of the file: ffmpeg is surely running then.
    await until(h, id, 'the partial MP4 exists', () => fs.existsSync(part) && fs.statSync(part).size > 0);
    assert.ok(ffmpegProcessesFor(id).length > 0, 'ffmpeg is rendering this job');

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
    assert.equal((await submit(h, first, longDraft)).json.success, true);
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
