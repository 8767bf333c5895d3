// A caption file attached in the chat, end to end below the webview: the chat panel's attachment check
// (which must accept .srt/.vtt) and upload queue hand it to the workflow — it is never uploaded — then a
// trim in the chat, an export through the core's one export flow against the real engine (real ffmpeg),
// and the kit's captions must be the attached lines re-timed through the trim. A malformed file is refused
// on its card with the line number.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseCaptions } from '../../../src/core/kit';
import { startEngine, type RunningEngine } from '../../../src/engine/server/index';
import type { Entry } from '../../../src/shared/protocol';
import { checkItem } from '../../../src/vscode/chat/attachments';
import { UploadQueue, type UploadSink } from '../../../src/vscode/chat/uploads';
import { collect, harness } from '../../support/core-harness';
import { testMedia } from '../../support/media';

process.env.GENERATOR_YOUTUBE_X264_PRESET = 'ultrafast';

type UploadEntry = Extract<Entry, { kind: 'upload' }>;

describe('upload kit: a caption file attached in the chat is re-timed into the kit (real engine, real ffmpeg)', function () {
  this.timeout(240_000);
  let engine: RunningEngine;
  let tmp: string;

  before(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gy-kit-attached-'));
    engine = await startEngine({ dataDir: path.join(tmp, 'engine') });
  });
  after(async () => {
    await engine.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('the attachment check accepts .srt and .vtt as caption files (not uploads) and still refuses other types', async () => {
    const srt = path.join(tmp, 'a.srt');
    const vtt = path.join(tmp, 'b.VTT');
    fs.writeFileSync(srt, '1\n00:00:01,000 --> 00:00:02,000\nhi\n');
    fs.writeFileSync(vtt, 'WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nhi\n');
    fs.writeFileSync(path.join(tmp, 'c.txt'), 'x');
    assert.deepEqual(await checkItem(srt), { kind: 'caption', path: srt, name: 'a.srt' });
    assert.deepEqual(await checkItem(vtt), { kind: 'caption', path: vtt, name: 'b.VTT' });
    const refused = await checkItem(path.join(tmp, 'c.txt'));
    assert.equal(refused.kind, 'rejected');
    assert.match(refused.kind === 'rejected' ? refused.detail : '', /srt, vtt$/);
  });

  it('attached in the chat → trim → export: the kit captions are the attached lines moved by the trim, the cut one dropped', async () => {
    const h = harness(engine.url);
    const clip = (await testMedia()).clip2; // 4 s
    const captions = path.join(tmp, 'narration.srt');
    // Windows-style file with a BOM, as people's files come.
    fs.writeFileSync(captions, '\uFEFF1\r\n00:00:00,200 --> 00:00:00,800\r\ncut away\r\n\r\n2\r\n00:00:01,500 --> 00:00:02,500\r\nkept line\r\n\r\n3\r\n00:00:03,000 --> 00:00:03,800\r\nlast line\r\n');
    const put: UploadEntry[] = [];
    const notices: string[] = [];
    let n = 0;
    const sink: UploadSink = {
      put: (e) => put.push(e),
      newId: () => `u${++n}`,
      rejection: (reason, detail) => `${reason}: ${detail}`,
      showFormatsLabel: 'Show accepted formats',
      trimLabel: 'Trim',
      countChanged: () => undefined,
      notice: (text) => notices.push(text),
    };
    const queue = new UploadQueue(async () => h.workflow, sink);
    // Dropped together, as a person would: the clip is uploaded, the caption file is taken in.
    assert.deepEqual(await queue.add([clip, captions]), ['done', 'done']);
    assert.deepEqual(put.map((e) => e.name).filter((x, i, a) => a.indexOf(x) === i), ['clip2.mp4'], 'only the clip was uploaded');
    assert.deepEqual(notices, ['Captions narration.srt will be re-timed through the edit into the kit of every export.']);

    await collect(h.workflow.send('cut the first 1 second'));
    const timeline = await h.workflow.refreshState();
    assert.ok(timeline.tracks.length > 0);
    const job = await h.workflow.startExport({});
    const saved = await h.workflow.saveExport(job, { outDir: path.join(tmp, 'out'), kit: {} });
    assert.equal(saved.job.status, 'completed');
    assert.ok(saved.kit?.files.srt, `no captions in the kit: ${saved.kit?.notices.join(' | ') ?? String(saved.kitError)}`);
    const cues = parseCaptions(fs.readFileSync(saved.kit.files.srt, 'utf8'));
    assert.deepEqual(cues.map((c) => c.text), ['kept line', 'last line']);
    // One second earlier, within a frame (25 fps source).
    assert.ok(Math.abs(cues[0].start - 0.5) <= 0.04 && Math.abs(cues[0].end - 1.5) <= 0.04, JSON.stringify(cues[0]));
    assert.ok(Math.abs(cues[1].start - 2.0) <= 0.04, JSON.stringify(cues[1]));
  });

  it('[bad-input] a malformed caption file is refused on its card with the line number, and nothing is remembered', async () => {
    const h = harness(engine.url);
    const bad = path.join(tmp, 'broken.srt');
    fs.writeFileSync(bad, '1\n00:00:01,000 --> 00:00:02,000\nhi\n\n2\n00:00:0x,000 --> 00:00:04,000\nyo\n');
    const put: UploadEntry[] = [];
    const notices: string[] = [];
    const queue = new UploadQueue(async () => h.workflow, {
      put: (e) => put.push(e), newId: () => 'u1', rejection: (r) => r, showFormatsLabel: '', trimLabel: '', countChanged: () => undefined, notice: (t) => notices.push(t),
    });
    assert.deepEqual(await queue.add([bad]), ['failed']);
    assert.equal(put.length, 1);
    assert.equal(put[0].status, 'failed');
    assert.match(put[0].error ?? '', /broken\.srt.*line 6/);
    assert.deepEqual(notices, []);
  });
});
