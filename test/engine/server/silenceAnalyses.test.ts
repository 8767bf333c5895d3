// Silences detected after an upload, in the background (src/engine/server/silenceAnalyses.ts): real ffmpeg on a
// clip with two known silent stretches, over real HTTP for the upload path, and the class directly for the
// "a turn waits for the running detection instead of starting its own" rule.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SessionStore, type StoredMedia } from '../../../src/engine/server/sessions';
import { SilenceAnalyses } from '../../../src/engine/server/silenceAnalyses';
import { badMedia, FFMPEG, FFPROBE, SILENCE_CLIP_GAPS, tempDir, testMedia, toolPath } from '../../support/media';
import { ffmpegProcessesFor } from '../../support/processes';
import { arr, harness, type Harness } from './helpers';

function near(found: Array<[number, number]>): void {
  assert.equal(found.length, SILENCE_CLIP_GAPS.length, JSON.stringify(found));
  found.forEach(([s, e], i) => {
    assert.ok(Math.abs(s - SILENCE_CLIP_GAPS[i][0]) < 0.1 && Math.abs(e - SILENCE_CLIP_GAPS[i][1]) < 0.1, JSON.stringify(found));
  });
}

describe('engine server: silences detected after an upload', function () {
  this.timeout(60000);
  let h: Harness;
  before(async () => {
    h = await harness();
  });
  after(async () => { await h.engine.close(); });

  it('fills the session\'s video_analyses without any chat turn, and saves them with the session', async () => {
    const m = await testMedia();
    const up = await h.upload([{ filename: 'gaps.mp4', file: m.silences }]);
    assert.equal(up.status, 200, up.text);
    const id = String(up.json.data.files[0].id);
    let silences: Array<[number, number]> | undefined;
    while (!silences?.length) {
      const st = await h.state();
      silences = st.json.data.state.video_analyses?.[id]?.silences as unknown as Array<[number, number]> | undefined;
      if (!silences?.length) await new Promise((r) => setTimeout(r, 20));
    }
    near(silences);
    await until(() => h.logs.some((l) => l.includes('silences of gaps.mp4: 2 found')));
    const saved = JSON.parse(fs.readFileSync(path.join(h.dataDir, 'sessions', h.sessionId, 'session.json'), 'utf8')) as { analyses: Record<string, { silences?: unknown }> };
    assert.deepEqual(saved.analyses[id]?.silences, silences);
  });
});

describe('engine server: silence detection starts when the file is received', function () {
  this.timeout(60000);
  let h: Harness;
  let runsLog: string;
  before(async () => {
    // Real ffmpeg behind a wrapper that writes down each run's arguments; ffprobe is the real one.
    const bin = tempDir('gy-early-silences-');
    runsLog = path.join(bin, 'runs.log');
    fs.writeFileSync(path.join(bin, 'ffmpeg'), `#!/bin/sh\necho "$*" >> '${runsLog}'\nexec '${toolPath(FFMPEG)}' "$@"\n`, { mode: 0o755 });
    fs.symlinkSync(toolPath(FFPROBE), path.join(bin, 'ffprobe'));
    h = await harness({ ffmpegPath: bin });
    await h.engine.tools;
  });
  after(async () => { await h.engine.close(); });

  const detections = () => (fs.existsSync(runsLog) ? fs.readFileSync(runsLog, 'utf8').split('\n').filter((l) => l.includes('silencedetect')) : []);
  const incoming = () => path.join(h.dataDir, 'incoming');
  const incomingFiles = () => (fs.existsSync(incoming()) ? fs.readdirSync(incoming()) : []);

  it('runs once, on the received file before it is stored, and the session keeps its result', async () => {
    const before = detections().length;
    const m = await testMedia();
    const up = await h.upload([{ filename: 'gaps.mp4', file: m.silences }]);
    assert.equal(up.status, 200, up.text);
    const id = String(up.json.data.files[0].id);
    await until(() => h.logs.some((l) => l.includes('silences of gaps.mp4: 2 found') && l.includes('(from its upload)')));
    const runs = detections().slice(before);
    assert.equal(runs.length, 1, runs.join('\n'));
    assert.match(runs[0], /[/\\]analysing[/\\][0-9a-f]+\.part\.silences /, 'it read the received file (its own link), not the stored copy');
    const st = await h.state();
    near(st.json.data.state.video_analyses[id].silences as unknown as Array<[number, number]>);
    // Its link is gone with it; the stored clip is whole.
    assert.deepEqual(incomingFiles(), []);
    assert.deepEqual(fs.readdirSync(path.join(h.dataDir, 'analysing')), []);
    assert.equal(fs.statSync(path.join(h.dataDir, 'sessions', h.sessionId, 'uploads', 'gaps.mp4')).size, fs.statSync(m.silences).size);
  });

  it('is stopped when the upload is refused: no ffmpeg of it outlives the answer, nothing is kept', async () => {
    const m = await testMedia();
    const bad = await badMedia();
    const before = detections().length;
    // The clip is probed first (and its detection starts), then the second file is refused.
    const up = await h.upload([{ filename: 'gaps.mp4', file: m.silences }, { filename: 'notes.mp4', file: bad.textAsMp4 }]);
    assert.equal(up.status, 415, up.text);
    // At the answer: no detection of this upload runs and nothing of it is left behind.
    assert.deepEqual(ffmpegProcessesFor(h.dataDir), []);
    assert.deepEqual(incomingFiles(), []);
    assert.deepEqual(fs.readdirSync(path.join(h.dataDir, 'analysing')), []);
    assert.equal(detections().length, before + 1, 'the clip\'s detection was started, then stopped');
  });

  it('does not run for music or a picture (the probe says what they are first)', async () => {
    const m = await testMedia();
    const before = detections().length;
    const up = await h.upload([{ filename: 'music.mp3', file: m.music }, { filename: 'still.png', file: m.still }]);
    assert.equal(up.status, 200, up.text);
    assert.equal(detections().length, before);
    const st = await h.state();
    for (const f of arr(up.json.data.files)) assert.equal(st.json.data.state.video_analyses[String(f.id)]?.silences, undefined);
  });
});

describe('SilenceAnalyses: one detection per clip', function () {
  this.timeout(60000);

  it('a turn asking while the detection runs gets that detection\'s result, not a second one', async () => {
    const m = await testMedia();
    const dir = tempDir('gy-silences-');
    const sessions = new SessionStore(dir);
    const session = await sessions.create('u1', 'task', 'en');
    fs.copyFileSync(m.silences, path.join(sessions.uploadsDir(session.sessionId), 'gaps.mp4'));
    const media: StoredMedia = { id: 'med_1', filename: 'gaps.mp4', kind: 'video', duration: 6, width: 320, height: 180, fps: 30, hasAudio: true, hash: 'x', size: 1 };
    // Real ffmpeg behind a wrapper that counts its runs.
    const count = path.join(dir, 'runs');
    const ffmpeg = path.join(dir, 'ffmpeg-counting');
    fs.writeFileSync(ffmpeg, `#!/bin/sh\necho run >> '${count}'\nexec '${toolPath(FFMPEG)}' "$@"\n`, { mode: 0o755 });
    const runs = () => (fs.existsSync(count) ? fs.readFileSync(count, 'utf8').split('\n').filter(Boolean).length : 0);
    const logs: string[] = [];
    const analyses = new SilenceAnalyses({ ffmpeg, sessions, linkDir: path.join(dir, 'analysing'), log: (l) => logs.push(l) });
    analyses.prefetch(session, media);
    // Asked at once, while the ffmpeg started by prefetch runs: the same array comes back (one detection).
    const first = await analyses.silences(session, { id: 'med_1', path: sessions.mediaPath(session.sessionId, 'gaps.mp4') });
    near(first);
    assert.equal(session.analyses.med_1?.silences, first);
    assert.equal(runs(), 1, 'one ffmpeg run for two askers');
    assert.equal(logs.filter((l) => l.includes('found in')).length, 1);
    // Known now: asking again runs nothing.
    assert.equal(await analyses.silences(session, { id: 'med_1', path: 'unused' }), first);
    assert.equal(runs(), 1);
    // Audio files (music) and clips without sound are left to the turn: nothing starts.
    analyses.prefetch(session, { ...media, id: 'med_2', kind: 'audio' });
    analyses.prefetch(session, { ...media, id: 'med_3', hasAudio: false });
    await analyses.close();
    assert.equal(runs(), 1, 'no detection for music or a silent clip');
    assert.equal(session.analyses.med_2, undefined);
    assert.equal(session.analyses.med_3, undefined);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

async function until(cond: () => boolean): Promise<void> {
  while (!cond()) await new Promise((r) => setTimeout(r, 10));
}
