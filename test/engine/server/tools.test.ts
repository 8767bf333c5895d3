// Without ffmpeg the engine still starts and serves, and says exactly what is missing and how to install it
// wherever ffmpeg is needed (ingest, render).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FFMPEG, testMedia, tempDir, toolPath } from '../../support/media';
import { ATTRIBUTION, harness, json, request, str, waitForRender, type Harness } from './helpers';

describe('engine server: ffmpeg missing', () => {
  let h: Harness;
  before(async () => {
    h = await harness({ ffmpegPath: path.join(tempDir('gy-noffmpeg-'), 'no-such-folder', 'ffmpeg') });
  });
  after(async () => { await h.engine.close(); });

  it('[fault] starts anyway and reports what is missing with an install hint', async () => {
    const tools = await h.engine.tools;
    assert.equal(tools.ok, false);
    assert.ok(tools.missing.length > 0);
    assert.match(tools.hint, /install|apt|brew|ffmpegPath/i);
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

// The check runs beside the engine's start (server/toolCheck.ts). A scripted ffmpeg that answers only when the
// test opens a gate holds the check open, so the engine's behaviour while it runs is observed, not guessed.
describe('engine server: the ffmpeg check runs beside the start', () => {
  let h: Harness;
  let gate: string;
  before(async () => {
    const bin = tempDir('gy-slowffmpeg-');
    gate = path.join(bin, 'gate');
    // A scripted fault: "ffmpeg" and "ffprobe" that wait for the gate, then fail as a broken install would.
    for (const name of ['ffmpeg', 'ffprobe']) {
      fs.writeFileSync(path.join(bin, name), `#!/bin/sh\nwhile [ ! -e '${gate}' ]; do sleep 0.02; done\nexit 1\n`, { mode: 0o755 });
    }
    // Before the change startEngine awaited the check, and this harness (token + session) never came up.
    h = await harness({ ffmpegPath: bin });
  });
  after(async () => {
    fs.writeFileSync(gate, '');
    await h.engine.close();
  });

  it('[fault] serves tokens and sessions at once; an upload received meanwhile is refused once the check fails, and nothing is kept', async () => {
    const m = await testMedia();
    const size = fs.statSync(m.clip).size;
    const incoming = path.join(h.dataDir, 'incoming');
    const pending = h.upload([{ filename: 'clip.mp4', file: m.clip }]);
    // The whole body reaches the engine while the check still runs …
    await until(() => fs.existsSync(incoming) && fs.readdirSync(incoming).some((f) => fs.statSync(path.join(incoming, f)).size === size));
    fs.writeFileSync(gate, '');
    // … and is refused with the explanation when the check ends, the received file removed.
    const r = await pending;
    assert.equal(r.status, 503);
    assert.equal(r.json.code, 5003);
    assert.match(str(r.json.message), /missing/);
    assert.deepEqual(fs.readdirSync(incoming), []);
    const state = await h.state();
    assert.equal(state.json.code, 0);
    assert.doesNotMatch(JSON.stringify(state.json.data ?? {}), /clip\.mp4/);
    const tools = await h.engine.tools;
    assert.equal(tools.ok, false);
    // Now known: the next upload is refused before its body is read.
    const again = await h.upload([{ filename: 'clip.mp4', file: m.clip }]);
    assert.equal(again.status, 503);
  });
});

async function until(cond: () => boolean): Promise<void> {
  while (!cond()) await new Promise((r) => setTimeout(r, 10));
}

// The engine's check only looks ffprobe up (render/check.ts); an ffprobe that is there but cannot run (a
// scripted fault: a broken install missing a shared library) is found by the first upload's probe, which must
// then blame the tool, not the user's good file.
describe('engine server: an ffprobe that is installed but does not run', () => {
  let h: Harness;
  before(async () => {
    const bin = tempDir('gy-brokenprobe-');
    fs.symlinkSync(toolPath(FFMPEG), path.join(bin, 'ffmpeg'));
    fs.writeFileSync(path.join(bin, 'ffprobe'), [
      '#!/bin/sh',
      "echo 'ffprobe: error while loading shared libraries: libavdevice.so.59: cannot open shared object file: No such file or directory' >&2",
      'exit 127',
    ].join('\n'), { mode: 0o755 });
    h = await harness({ ffmpegPath: bin });
  });
  after(async () => { await h.engine.close(); });

  it('[fault] passes the start check, and the first upload is refused with 5003 naming ffprobe, not the file', async () => {
    assert.equal((await h.engine.tools).ok, true);
    const m = await testMedia();
    const r = await h.upload([{ filename: 'clip.mp4', file: m.clip }]);
    assert.equal(r.status, 503, r.text);
    assert.equal(r.json.code, 5003);
    assert.match(str(r.json.message), /ffprobe does not run \(ffprobe: error while loading shared libraries: libavdevice/);
    assert.match(str(r.json.message), /apt-get install ffmpeg|ffmpegPath/);
    assert.doesNotMatch(str(r.json.message), /clip\.mp4/);
    assert.deepEqual(fs.readdirSync(path.join(h.dataDir, 'incoming')), []);
  });
});
