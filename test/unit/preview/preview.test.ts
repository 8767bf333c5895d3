// The preview panel's pure pieces: the lanes drawn from a decoded draft (one per track, blocks to scale,
// ids shared with the Timeline view), the seek target of a Timeline view row, the host's validation of what
// the preview webview sends, its CSP (media only from the webview resource origin), and the draft
// fingerprint that says whether an export still matches the timeline.
import * as assert from 'node:assert/strict';
import { decodeDraft } from '../../../src/core/draft/timeline';
import { draftFingerprint } from '../../../src/core/draft/fingerprint';
import { parsePreviewMessage } from '../../../src/shared/protocol';
import { contentSecurityPolicy } from '../../../src/vscode/ui/csp';
import { buildPreviewLanes, seekTargetMs } from '../../../src/vscode/preview/lanes';

const DRAFT = {
  d: 9000,
  m: { title: 'Trip', width: 1920, height: 1080 },
  t: [
    { tt: 0, d: 9000, m: { name: 'Video' }, sg: [
      { id: 'c1', k: 'card', dur: 2000, s: 0, e: 2000, m: { role: 'intro', name: 'Intro', title: 'Day 1' } },
      { id: 's1', k: 'clip', src: 'm1', in: 0, out: 7000, s: 2000, e: 9000, m: { name: 'beach.mp4' } },
    ] },
    { tt: 1, d: 9000, m: { name: 'Music', volume: 0.3 }, sg: [{ id: 'b1', src: 'generated:bed', s: 0, e: 9000, m: { name: 'Calm bed', volume: 0.3 } }] },
    { tt: 7, d: 9000, m: { name: 'Titles' }, sg: [{ id: 't1', s: 3000, e: 5000, m: { text: 'Hello "world"', pos: 'center' } }] },
  ],
};

describe('preview: lanes from the timeline', () => {
  it('one lane per track, in order, with blocks to scale and the Timeline view ids', () => {
    const { lanes, durationMs } = buildPreviewLanes(decodeDraft(DRAFT));
    assert.equal(durationMs, 9000);
    assert.deepEqual(lanes.map((l) => [l.id, l.kind]), [['track/0', 'video'], ['track/1', 'audio'], ['track/2', 'text']]);
    assert.deepEqual(lanes[0].blocks.map((b) => [b.id, b.startMs, b.endMs]), [['track/0/seg/0', 0, 2000], ['track/0/seg/1', 2000, 9000]]);
    assert.equal(lanes[0].blocks[0].text, 'Day 1', 'a card shows its title');
    assert.equal(lanes[0].blocks[1].label, 'beach.mp4');
    assert.equal(lanes[2].blocks[0].text, 'Hello "world"', 'a text block shows its text');
  });

  it('no timeline → no lanes; blocks without times are left out rather than drawn at 0', () => {
    assert.deepEqual(buildPreviewLanes(null), { lanes: [], durationMs: 0 });
    const odd = decodeDraft({ t: [{ tt: 0, sg: [{ src: 'x.mp4' }] }] });
    assert.deepEqual(buildPreviewLanes(odd).lanes[0].blocks, []);
  });

  it('seekTargetMs maps a Timeline view segment row to its start, and nothing else', () => {
    const tl = decodeDraft(DRAFT);
    assert.equal(seekTargetMs(tl, 'track/2/seg/0'), 3000);
    assert.equal(seekTargetMs(tl, 'track/0/seg/1'), 2000);
    assert.equal(seekTargetMs(tl, 'track/0'), undefined);
    assert.equal(seekTargetMs(tl, 'track/9/seg/0'), undefined);
    assert.equal(seekTargetMs(null, 'track/0/seg/0'), undefined);
  });
});

describe('preview protocol: webview → host validation', () => {
  it('accepts ready, the five actions and a bounded media error', () => {
    for (const m of [
      { type: 'previewReady' },
      ...['openChat', 'upload', 'ffmpegSettings', 'retry', 'export'].map((action) => ({ type: 'previewAction', action })),
      { type: 'previewMediaError', detail: 'MEDIA_ERR_SRC_NOT_SUPPORTED' },
    ]) assert.ok(parsePreviewMessage(m).ok, JSON.stringify(m));
  });

  it('drops unknown actions, extra keys, chat messages and oversized details', () => {
    for (const m of [
      { type: 'previewAction', action: 'runCommand' },
      { type: 'previewReady', extra: 1 },
      { type: 'send', text: 'hi' },
      { type: 'previewMediaError', detail: 'x'.repeat(501) },
      null,
      'previewReady',
    ]) assert.ok(!parsePreviewMessage(m).ok, JSON.stringify(m));
  });
});

describe('preview: CSP and draft fingerprint', () => {
  it('media comes only from the webview resource origin; the chat page gets no media-src', () => {
    const src = 'https://file+.vscode-resource.vscode-cdn.net';
    const csp = contentSecurityPolicy(src, 'n0nce==', { media: true });
    assert.match(csp, new RegExp(`media-src ${src.replace(/[.+]/g, '\\$&')}(;|$)`));
    assert.match(csp, /default-src 'none'/);
    assert.doesNotMatch(csp, /unsafe-|connect-src|\*/);
    assert.doesNotMatch(contentSecurityPolicy(src, 'n0nce=='), /media-src/);
  });

  it('fingerprints a draft the same as object or JSON string, and differently after an edit', () => {
    assert.equal(draftFingerprint(DRAFT), draftFingerprint(JSON.stringify(DRAFT)));
    const edited = { ...DRAFT, d: 9500 };
    assert.notEqual(draftFingerprint(edited), draftFingerprint(DRAFT));
  });
});
