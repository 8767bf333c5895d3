// Caption files as they come from real tools and hands: read leniently or refused with the line number;
// re-timed through an edit map (trims, silence cuts, reordering, intro offset, speed changes).
import * as assert from 'node:assert/strict';
import { buildEditMap, CaptionParseError, parseCaptions, retimeCaptions, writeSrt, writeVtt } from '../../../src/core/kit';

describe('kit captions: parsing', () => {
  it('[bad-input] reads SRT with a BOM, CRLF, markup, numbering out of order and overlaps', () => {
    const srt = '\uFEFF2\r\n00:00:05,000 --> 00:00:07,500\r\n<i>Second</i> line\r\n\r\n1\r\n00:00:01,000 --> 00:00:06,000\r\nFirst {\\an8}overlapping\r\ntwo lines\r\n';
    const cues = parseCaptions(srt);
    assert.deepEqual(cues, [
      { start: 1, end: 6, text: 'First overlapping\ntwo lines' },
      { start: 5, end: 7.5, text: 'Second line' },
    ]);
  });

  it('[bad-input] reads VTT with header, STYLE/NOTE blocks, cue ids, settings, voice and class tags, short times', () => {
    const vtt = 'WEBVTT - talk\nKind: captions\n\nSTYLE\n::cue { color: yellow }\n\nNOTE made by hand\n\nintro-1\n00:01.250 --> 00:03.000 align:start position:10%\n<v Ann>Hello <c.loud>there</c> &amp; welcome</v>\n\n00:00:04.000 --> 00:00:05.000\n<00:00:04.500>karaoke\n';
    assert.deepEqual(parseCaptions(vtt), [
      { start: 1.25, end: 3, text: 'Hello there & welcome' },
      { start: 4, end: 5, text: 'karaoke' },
    ]);
  });

  it('[bad-input] a missing blank line between cues still gives two cues', () => {
    const cues = parseCaptions('1\n00:00:01,000 --> 00:00:02,000\nA\n2\n00:00:02,000 --> 00:00:03,000\nB\n');
    // "2" is kept as text of the first cue only if it is not followed by a timing line: here it is a cue id.
    assert.deepEqual(cues.map((c) => c.text), ['A\n2', 'B']);
  });

  it('[bad-input] refuses a bad time, and an end before its start, with the line number', () => {
    assert.throws(() => parseCaptions('1\n00:00:01,000 --> 00:0x:02,000\nA\n', 'clip.srt'), (e: unknown) => e instanceof CaptionParseError && e.line === 2 && /clip\.srt, line 2/.test(e.message));
    assert.throws(() => parseCaptions('1\n00:00:05,000 --> 00:00:02,000\nA\n\n'), (e: unknown) => e instanceof CaptionParseError && e.line === 2 && /ends .* before it starts/.test(e.message));
    assert.throws(() => parseCaptions('hello\nworld\n'), (e: unknown) => e instanceof CaptionParseError && e.line === 1);
  });

  it('writes SRT and VTT that read back to the same cues (VTT escapes markup characters)', () => {
    const cues = [{ start: 0, end: 1.5, text: 'a < b & "-->"' }, { start: 3661.007, end: 3662, text: '两行\n字幕' }];
    assert.deepEqual(parseCaptions(writeSrt(cues)).map((c) => c.start), [0, 3661.007]);
    const vtt = writeVtt(cues);
    assert.match(vtt, /^WEBVTT\n\n00:00:00\.000 --> 00:00:01\.500\na &lt; b &amp; "--&gt;"/);
    assert.deepEqual(parseCaptions(vtt), cues);
  });
});

/** A local-engine draft (the planner's format) built by hand: exact fields, so the expected times are exact. */
function localDraft(video: Array<Record<string, unknown>>, fps = 30): unknown {
  return { d: 0, m: { engine: 'local', v: 1, title: 'T', width: 1920, height: 1080, fps }, t: [{ tt: 0, d: 0, sg: video }] };
}

describe('kit captions: re-timed through the edit', () => {
  const cues = [
    { start: 1, end: 2, text: 'a' },
    { start: 3, end: 4.5, text: 'b' },
    { start: 6, end: 7, text: 'c' },
    { start: 9, end: 10, text: 'd' },
  ];

  it('follows an intro offset, a trim, a silence cut inside a line and drops lines in removed parts', () => {
    const map = buildEditMap(localDraft([
      { k: 'card', dur: 2000, m: { role: 'intro', title: 'Hi' } },
      // trimmed start (0–2.5 s gone: "a" dropped), then a cut 3.5–3.8 s inside "b", 5–8.5 s gone ("c" dropped)
      { k: 'clip', src: 'm1', in: 2500, out: 3500, m: { name: 'x.mp4' } },
      { k: 'clip', src: 'm1', in: 3800, out: 5000, m: { name: 'x.mp4' } },
      { k: 'clip', src: 'm1', in: 8500, out: 10500, m: { name: 'x.mp4' } },
    ]));
    const out = retimeCaptions(map, new Map([['m1', cues]]));
    // b: 3.0 s source is 0.5 s into the first piece, which starts at 2.0 s output; it spans both pieces
    // (3.0–3.5 → 2.5–3.0, 3.8–4.5 → 3.0–3.7) and is joined again.
    assert.deepEqual(out.map((c) => [c.text, +c.start.toFixed(3), +c.end.toFixed(3)]), [
      ['b', 2.5, 3.7],
      ['d', 4.7, 5.7],
    ]);
  });

  it('follows reordering (a later part played first) and speed changes', () => {
    const map = buildEditMap(localDraft([
      { k: 'clip', src: 'm1', in: 8000, out: 11000, m: { name: 'x.mp4' } },
      { k: 'clip', src: 'm1', in: 0, out: 4000, speed: 2, m: { name: 'x.mp4' } },
    ]));
    const out = retimeCaptions(map, new Map([['m1', cues]]));
    assert.deepEqual(out.map((c) => [c.text, +c.start.toFixed(3), +c.end.toFixed(3)]), [
      ['d', 1, 2],
      ['a', 3.5, 4],
      ['b', 4.5, 5],
    ]);
  });

  it('puts pieces on the renderer frame grid and follows crossfade overlaps', () => {
    // 1001 ms at 30 fps is 30 frames (1.0 s); the second clip crossfades 500 ms (15 frames) into it.
    const map = buildEditMap(localDraft([
      { k: 'clip', src: 'm2', in: 0, out: 1001, m: { name: 'y.mp4' } },
      { k: 'clip', src: 'm1', in: 5500, out: 10000, xf: 500, m: { name: 'x.mp4' } },
    ]));
    assert.equal(map.spans[1].start, 0.5);
    const out = retimeCaptions(map, new Map([['m1', cues]]));
    assert.deepEqual(out.map((c) => [c.text, +c.start.toFixed(3)]), [['c', 1], ['d', 4]]);
  });

  it('drops a sliver that a cut left at a line edge, but keeps a short line that was kept whole', () => {
    const map = buildEditMap(localDraft([{ k: 'clip', src: 'm1', in: 1900, out: 6150, m: { name: 'x.mp4' } }]));
    const out = retimeCaptions(map, new Map([['m1', [...cues, { start: 5, end: 5.1, text: 'short' }]]]));
    assert.deepEqual(out.map((c) => c.text), ['b', 'short']);
  });
});
