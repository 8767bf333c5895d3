// Draft decoding, the contract's summary form, export readiness and the plain-language diff.
import * as assert from 'node:assert/strict';
import { decodeDraft, diffTimelines, isExportReady, summarizeTimeline } from '../../../src/core/draft/timeline';

const CONTRACT_DRAFT = {
  d: 10000,
  m: { title: 'Urban Dreams', width: 1920, height: 1080 },
  t: [
    { tt: 0, d: 10000, m: { name: 'city timelapse' }, sg: [{ src: '/mnt/userdata/city.mp4', start: 0, d: 10000 }] },
    { tt: 1, d: 10000, m: { name: 'Lo-fi', volume: 35 }, sg: [{ src: 'lofi.mp3', s: 0, e: 10000 }] },
    { tt: 7, sg: [{ start: 0, end: 3000, m: { text: 'Urban Dreams' } }] },
  ],
};

describe('core/draft timeline', () => {
  it("summarises in the contract's exact form", () => {
    assert.equal(
      summarizeTimeline(decodeDraft(CONTRACT_DRAFT)),
      'Timeline (3 tracks): 1. Video: city timelapse (0-10s) 2. BGM: Lo-fi (0-10s, 35%) 3. Title: "Urban Dreams" (0-3s)',
    );
  });

  it('decodes draft metadata, kinds, times, sources and volumes (percent and fraction)', () => {
    const tl = decodeDraft(CONTRACT_DRAFT);
    assert.equal(tl.title, 'Urban Dreams');
    assert.equal(tl.width, 1920);
    assert.equal(tl.height, 1080);
    assert.equal(tl.durationMs, 10000);
    assert.deepEqual(tl.tracks.map((t) => t.kind), ['video', 'audio', 'text']);
    assert.equal(tl.tracks[0]!.segments[0]!.source, '/mnt/userdata/city.mp4');
    assert.equal(tl.tracks[0]!.segments[0]!.endMs, 10000);
    assert.equal(tl.tracks[1]!.volume, 0.35);
    assert.equal(decodeDraft({ t: [{ tt: 1, m: { volume: 0.2 }, sg: [] }] }).tracks[0]!.volume, 0.2);
    assert.equal(tl.tracks[2]!.segments[0]!.text, 'Urban Dreams');
    assert.equal(tl.tracks[2]!.label, 'Title: "Urban Dreams"');
  });

  it('keeps unknown track types as "other" and unknown fields in raw', () => {
    const tl = decodeDraft({ t: [{ tt: 5, sg: [{ s: 0, d: 500, fx: 'glow' }], weird: true }] });
    assert.equal(tl.tracks[0]!.kind, 'other');
    assert.equal(tl.tracks[0]!.type, 5);
    assert.equal(tl.tracks[0]!.label, 'Track (type 5)');
    assert.equal(tl.tracks[0]!.raw.weird, true);
    assert.equal(tl.tracks[0]!.segments[0]!.raw.fx, 'glow');
  });

  it('[bad-input] never throws and never drops a track because one field is odd', () => {
    for (const garbage of [null, undefined, 42, 'not json', '[]', [], { t: 'x' }, { t: [null, 3, 'a'] }]) {
      const tl = decodeDraft(garbage);
      assert.ok(Array.isArray(tl.tracks));
    }
    const odd = decodeDraft({ t: [{ tt: 'zero', sg: 'nope', d: 'long' }, { tt: 0, sg: [{ s: 'NaN', d: {} }] }, null] });
    assert.equal(odd.tracks.length, 3);
    assert.equal(odd.tracks[1]!.segments.length, 1);
    assert.equal(odd.tracks[1]!.segments[0]!.startMs, null);
  });

  it('accepts a draft given as a JSON string', () => {
    assert.equal(decodeDraft(JSON.stringify(CONTRACT_DRAFT)).tracks.length, 3);
  });

  it('names a video track from its first source file when it has no name', () => {
    const tl = decodeDraft({ t: [{ tt: 0, sg: [{ src: '/mnt/userdata/beach day.mov', s: 0, d: 2500 }, { src: 'b.mp4', s: 2500, d: 1000 }] }] });
    assert.equal(summarizeTimeline(tl), 'Timeline (1 track): 1. Video: beach day.mov, b.mp4 (0-3.5s)');
  });

  it('a generic track name ("Video") gives way to the segment names', () => {
    const tl = decodeDraft({ t: [{ tt: 0, m: { name: 'Video' }, sg: [{ m: { name: 'Intro card' }, s: 0, e: 3000 }, { src: 'med_1', m: { name: 'clip.mp4' }, s: 3000, e: 7000 }, { m: { name: 'Outro card' }, s: 7000, e: 11000 }, { src: 'x/extra.mov', s: 11000, e: 12000 }] }] });
    assert.equal(tl.tracks[0]!.label, 'Video: Intro card, clip.mp4, Outro card (+1)');
    const titles = decodeDraft({ t: [{ tt: 7, m: { name: 'Titles' }, sg: [{ s: 0, e: 3000, m: { text: 'Urban Dreams' } }] }] });
    assert.equal(titles.tracks[0]!.label, 'Title: "Urban Dreams"');
  });

  it('is export-ready only with at least one non-empty segment list', () => {
    assert.equal(isExportReady(decodeDraft({ t: [] })), false);
    assert.equal(isExportReady(decodeDraft({ t: [{ tt: 0, sg: [] }] })), false);
    assert.equal(isExportReady(decodeDraft(undefined)), false);
    assert.equal(isExportReady(decodeDraft({ t: [{ tt: 0, sg: [] }, { tt: 7, sg: [{ s: 0 }] }] })), true);
  });

  it('summarises an empty timeline, and in Chinese', () => {
    assert.equal(summarizeTimeline(decodeDraft({ t: [] })), 'Timeline (0 tracks): empty.');
    assert.equal(
      summarizeTimeline(decodeDraft(CONTRACT_DRAFT, 'zh'), 'zh'),
      '时间线（3 条轨道）：1. 视频: city timelapse (0-10s) 2. 背景音乐: Lo-fi (0-10s, 35%) 3. 标题: "Urban Dreams" (0-3s)',
    );
  });

  it('diff: null when nothing changed (key order ignored)', () => {
    const a = decodeDraft({ d: 1, t: [{ tt: 0, sg: [{ s: 0, d: 1 }] }] });
    const b = decodeDraft({ t: [{ sg: [{ d: 1, s: 0 }], tt: 0 }], d: 1 });
    assert.equal(diffTimelines(a, b), null);
  });

  it('diff: added, removed and changed tracks in plain words', () => {
    const before = decodeDraft({ d: 10000, t: [{ tt: 0, m: { name: 'city' }, sg: [{ s: 0, d: 10000 }] }, { tt: 1, m: { name: 'Lo-fi', volume: 0.5 }, sg: [{ s: 0, d: 10000 }] }] });
    const after = decodeDraft({ d: 8000, t: [{ tt: 0, m: { name: 'city' }, sg: [{ s: 0, d: 4000 }, { s: 4000, d: 4000 }] }, { tt: 1, m: { name: 'Lo-fi', volume: 0.2 }, sg: [{ s: 0, d: 8000 }] }, { tt: 7, sg: [{ s: 0, d: 2000, m: { text: 'Hi' } }] }] });
    const d = diffTimelines(before, after)!;
    assert.match(d, /Video: city: 1 → 2 segments, 0-10s → 0-8s/);
    assert.match(d, /BGM: Lo-fi: 0-10s → 0-8s, volume 50% → 20%/);
    assert.match(d, /added Title: "Hi" \(0-2s\)/);
    assert.match(d, /length 10s → 8s/);
    assert.match(d, /Timeline \(3 tracks\):/);
    const removed = diffTimelines(after, before)!;
    assert.match(removed, /removed Title: "Hi"/);
  });

  it('diff: a change in an unknown field is still reported', () => {
    const a = decodeDraft({ t: [{ tt: 0, sg: [{ s: 0, d: 1000, fx: 'none' }] }] });
    const b = decodeDraft({ t: [{ tt: 0, sg: [{ s: 0, d: 1000, fx: 'glow' }] }] });
    assert.match(diffTimelines(a, b)!, /details changed/);
    assert.match(diffTimelines(a, b, 'zh')!, /细节有变化/);
  });
});
