// Export over real HTTP with the real planner and renderer: upload → /run_sse "trim the first 2 seconds" →
// export → poll → download (signed outputUrl and the Bearer fallback, with Range) → ffprobe the MP4.
// Plus the render endpoints' envelope, 402 without attribution, a failing render, and the per-session queue.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseRate, probe, testMedia, tempDir, type TestMedia } from '../../support/media';
import { ATTRIBUTION, harness, json, num, request, runSse, str, waitForRender, type Harness, type Loose } from './helpers';

process.env.GENERATOR_YOUTUBE_X264_PRESET ??= 'ultrafast';

function submit(h: Harness, id: string, draft: unknown, sessionId = h.sessionId, headers: Record<string, string> = ATTRIBUTION) {
  return request(h.base, 'POST', '/api/render/proxy/lambda', {
    token: h.token, headers: { 'Content-Type': 'application/json', ...headers },
    body: json({ id, sessionId, draft, output: { format: 'mp4', quality: 'high' } }),
  });
}

describe('engine server: export (end to end over HTTP)', function () {
  this.timeout(180_000);
  let m: TestMedia;
  let h: Harness;
  let draft: Loose;
  before(async () => {
    m = await testMedia();
    h = await harness();
  });
  after(async () => { await h.engine.close(); });

  it('upload → chat "trim the first 2 seconds" → export → poll → download → a 1 s H.264/AAC MP4', async () => {
    const up = await h.upload([{ filename: 'clip.mp4', file: m.clip }]);
    assert.equal(up.json.code, 0, up.text);
    const turn = await runSse(h.base, h.token, h.sessionId, 'trim the first 2 seconds');
    assert.ok(turn.events.length > 0);
    draft = (await h.state()).json.data.state.draft;
    assert.ok(draft, 'the turn made a draft');

    const id = `render_${Date.now()}`;
    const sub = await submit(h, id, draft);
    assert.equal(sub.status, 200, sub.text);
    assert.equal(sub.json.success, true);
    assert.equal(sub.json.data.id, id);
    assert.ok(['pending', 'processing'].includes(str(sub.json.data.status)));

    const seen: Array<[string, number]> = [];
    const done = await waitForRender(h.base, h.token, id, seen);
    // pending → processing → completed, never backwards; progress only grows and is a percentage.
    const order = ['pending', 'processing', 'completed'];
    for (let i = 1; i < seen.length; i++) {
      assert.ok(order.indexOf(seen[i][0]) >= order.indexOf(seen[i - 1][0]), JSON.stringify(seen));
      assert.ok(seen[i][1] >= seen[i - 1][1] && seen[i][1] <= 100, JSON.stringify(seen));
    }
    assert.equal(done.json.success, true);
    assert.equal(done.json.data.status, 'completed', done.text);
    assert.equal(done.json.data.progress, 100);
    assert.ok(done.json.data.completedAt);
    const outputUrl = str(done.json.data.outputUrl);
    assert.ok(outputUrl.startsWith(`${h.base}/files/r/${id}/`), outputUrl);
    assert.equal(done.json.data.output.url, outputUrl);

    const file = path.join(tempDir('gy-export-'), 'out.mp4');
    const got = await request(h.base, 'GET', outputUrl);
    assert.equal(got.status, 200);
    assert.equal(got.headers['content-type'], 'video/mp4');
    fs.writeFileSync(file, got.body);
    assert.equal(got.body.length, done.json.data.output.size);

    const p = await probe(file);
    const v = p.streams.find((s) => s.codec_type === 'video');
    const a = p.streams.find((s) => s.codec_type === 'audio');
    assert.ok(v && a);
    assert.equal(v.codec_name, 'h264');
    assert.equal(v.profile, 'High');
    assert.equal(v.pix_fmt, 'yuv420p');
    assert.equal(`${v.width}x${v.height}`, '1920x1080');
    const fps = parseRate(v.avg_frame_rate);
    assert.equal(a.codec_name, 'aac');
    assert.equal(a.sample_rate, '48000');
    assert.equal(a.channels, 2);
    const duration = Number(p.format.duration);
    assert.ok(Math.abs(duration - 1) <= 1 / fps + 0.05, `3 s clip minus 2 s ≈ 1 s, got ${duration}`);

    // The Bearer download fallback serves the same bytes, with Range.
    const dl = await request(h.base, 'GET', `/api/render/proxy/${id}/download`, { token: h.token });
    assert.equal(dl.status, 200);
    assert.ok(dl.body.equals(got.body));
    const part = await request(h.base, 'GET', `/api/render/proxy/${id}/download`, { token: h.token, headers: { Range: 'bytes=0-99', 'If-Range': String(dl.headers.etag) } });
    assert.equal(part.status, 206);
    assert.ok(part.body.equals(got.body.subarray(0, 100)));
    // Export is free.
    const bal = await request(h.base, 'GET', '/api/credits/balance/simple', { token: h.token });
    const spentBefore = 100 - num(bal.json.data.available);
    assert.ok(spentBefore >= 1 && spentBefore <= 5, 'only the chat edit cost credits');
  });

  it('submitting the same id again returns the same job (no second render)', async () => {
    const id = `render_same_${Date.now()}`;
    const a = await submit(h, id, draft);
    const b = await submit(h, id, draft);
    assert.equal(b.json.data.id, id);
    assert.equal(b.json.data.createdAt, a.json.data.createdAt);
    await waitForRender(h.base, h.token, id);
  });

  it('renders one job at a time per session, in order (the second waits for the first)', async () => {
    // A timeline not exported before: the earlier tests' draft would be an unchanged re-export, reused from
    // the render cache within milliseconds, and the first job could finish before the second is looked at.
    await runSse(h.base, h.token, h.sessionId, `add an intro titled Queue ${Date.now()}`);
    const fresh = (await h.state()).json.data.state.draft;
    const ids = [`render_q1_${Date.now()}`, `render_q2_${Date.now()}`];
    for (const id of ids) assert.equal((await submit(h, id, fresh)).json.success, true);
    const second = await request(h.base, 'GET', `/api/render/proxy/lambda/${ids[1]}`, { token: h.token });
    if ((second.json.data.status as unknown) !== 'pending') {
      // Only possible once the first has finished; the start/finish times below prove the order either way.
      const first = await request(h.base, 'GET', `/api/render/proxy/lambda/${ids[0]}`, { token: h.token });
      assert.equal(first.json.data.status, 'completed', `the second (${String(second.json.data.status)}) started while the first was not finished`);
    }
    const [r1, r2] = [await waitForRender(h.base, h.token, ids[0]), await waitForRender(h.base, h.token, ids[1])];
    assert.equal(r1.json.data.status, 'completed');
    assert.equal(r2.json.data.status, 'completed');
    assert.ok(Date.parse(str(r2.json.data.startedAt)) >= Date.parse(str(r1.json.data.completedAt)));
  });

  it('a render that cannot be done becomes failed with the reason, and there is nothing to download', async () => {
    const broken = JSON.parse(JSON.stringify(draft)) as { t: Array<{ sg: Array<Record<string, unknown>> }> };
    for (const t of broken.t) for (const s of t.sg) if ('src' in s) s.src = 'med_doesnotexist';
    const id = `render_bad_${Date.now()}`;
    assert.equal((await submit(h, id, broken)).json.success, true);
    const r = await waitForRender(h.base, h.token, id);
    assert.equal(r.json.data.status, 'failed', r.text);
    assert.ok(str(r.json.data.error).length > 5, 'a useful reason');
    assert.equal(r.json.data.outputUrl, null);
    const dl = await request(h.base, 'GET', `/api/render/proxy/${id}/download`, { token: h.token });
    assert.equal(dl.status, 409);
    assert.equal(dl.json.success, false);
  });

  it('[fault] a source damaged on disk after upload fails the render with ffmpeg\'s useful stderr line', async () => {
    const own = await harness();
    try {
      await own.upload([{ filename: 'clip.mp4', file: m.clip }]);
      await runSse(own.base, own.token, own.sessionId, 'trim the first 2 seconds');
      const d = (await own.state()).json.data.state.draft;
      fs.writeFileSync(path.join(own.dataDir, 'sessions', own.sessionId, 'uploads', 'clip.mp4'), 'garbage, not a video');
      const id = `render_dmg_${Date.now()}`;
      await submit(own, id, d);
      const r = await waitForRender(own.base, own.token, id);
      assert.equal(r.json.data.status, 'failed');
      assert.match(str(r.json.data.error), /invalid data|moov|clip\.mp4/i, str(r.json.data.error));
    } finally {
      await own.engine.close();
    }
  });

  it('[bad-input] export without attribution headers answers HTTP 402, as the cloud does', async () => {
    const r = await submit(h, `render_${Date.now()}`, draft, h.sessionId, {});
    assert.equal(r.status, 402);
    assert.equal(r.json.success, false);
    assert.match(str(r.json.error), /X-Skill-Source/);
  });

  it('[bad-input] an empty draft, a non-draft, a bad id and an unknown job get render-envelope errors', async () => {
    const empty = await submit(h, `render_${Date.now()}`, { t: [], d: 0 });
    assert.equal(empty.status, 422);
    assert.equal(empty.json.success, false);
    assert.match(str(empty.json.error), /nothing to render/);
    const notDraft = await submit(h, `render_${Date.now()}`, 'hello');
    assert.equal(notDraft.json.success, false);
    const badId = await submit(h, '../../escape', draft);
    assert.equal(badId.status, 422);
    assert.equal(badId.json.success, false);
    const unknown = await request(h.base, 'GET', '/api/render/proxy/lambda/render_404', { token: h.token });
    assert.equal(unknown.status, 404);
    assert.equal(unknown.json.success, false);
    const unknownDl = await request(h.base, 'GET', '/api/render/proxy/render_404/download', { token: h.token });
    assert.equal(unknownDl.status, 404);
  });

  it('[security] another user cannot see or download a job', async () => {
    const id = `render_priv_${Date.now()}`;
    await submit(h, id, draft);
    await waitForRender(h.base, h.token, id);
    const stranger = str((await request(h.base, 'POST', '/api/auth/anonymous-token', { headers: { 'X-Client-Id': 'stranger' } })).json.data.token);
    const st = await request(h.base, 'GET', `/api/render/proxy/lambda/${id}`, { token: stranger });
    assert.equal(st.status, 404);
    const dl = await request(h.base, 'GET', `/api/render/proxy/${id}/download`, { token: stranger });
    assert.equal(dl.status, 404);
  });
});
