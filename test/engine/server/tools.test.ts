// Without ffmpeg the engine still starts and serves, and says exactly what is missing and how to install it
// wherever ffmpeg is needed (ingest, render).
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { testMedia, tempDir } from '../../support/media';
import { ATTRIBUTION, harness, json, request, str, waitForRender, type Harness } from './helpers';

describe('engine server: ffmpeg missing', () => {
  let h: Harness;
  before(async () => {
    h = await harness({ ffmpegPath: path.join(tempDir('gy-noffmpeg-'), 'no-such-folder', 'ffmpeg') });
  });
  after(async () => { await h.engine.close(); });

  it('[fault] starts anyway and reports what is missing with an install hint', () => {
    assert.equal(h.engine.tools.ok, false);
    assert.ok(h.engine.tools.missing.length > 0);
    assert.match(h.engine.tools.hint, /install|apt|brew|ffmpegPath/i);
    assert.ok(h.logs.some((l) => l.includes('missing')));
  });

  it('[fault] business endpoints keep working', async () => {
    assert.equal((await request(h.base, 'GET', '/api/credits/balance/simple', { token: h.token })).json.code, 0);
    assert.equal((await h.state()).json.code, 0);
  });

  it('[fault] an upload is refused with 5003 naming the missing tool and how to install it', async () => {
    const m = await testMedia();
    const r = await h.upload([{ filename: 'clip.mp4', file: m.clip }]);
    assert.equal(r.status, 503);
    assert.equal(r.json.code, 5003);
    assert.match(str(r.json.message), /missing/);
    assert.match(str(r.json.message), /install|apt|brew|ffmpegPath/i);
    assert.equal((await h.state()).json.code, 0, 'still serving');
  });

  it('[fault] an export becomes failed with the same explanation', async () => {
    const id = `render_${Date.now()}`;
    const sub = await request(h.base, 'POST', '/api/render/proxy/lambda', {
      token: h.token, headers: ATTRIBUTION,
      body: json({ id, sessionId: h.sessionId, draft: { t: [{ tt: 0, sg: [{ src: 'med_x', s: 0, e: 1000 }], d: 1000 }], d: 1000 }, output: { format: 'mp4' } }),
    });
    assert.equal(sub.json.success, true, sub.text);
    const r = await waitForRender(h.base, h.token, id);
    assert.equal(r.json.data.status, 'failed');
    assert.match(str(r.json.data.error), /missing/);
    assert.match(str(r.json.data.error), /install|apt|brew|ffmpegPath/i);
  });
});
