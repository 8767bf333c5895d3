// The Timeline view's nodes, built from drafts the way the state endpoint gives them (decodeDraft), in plain
// Node: every track kind, odd and unknown fields, an empty draft, Chinese labels, 10 000 segments.
import * as assert from 'node:assert/strict';
import { decodeDraft } from '../../../src/core';
import { CONTEXT_VALUES } from '../../../src/vscode/ids';
import { buildTimelineNodes, DEFAULT_MAX_SEGMENTS, TRACK_ICONS, type ViewNode } from '../../../src/vscode/timeline/nodes';

const contractDraft = {
  d: 10_000,
  m: { title: 'Urban Dreams', width: 1920, height: 1080 },
  t: [
    { tt: 0, m: { name: 'city timelapse' }, sg: [{ s: 0, d: 6000, src: '/mnt/userdata/city.mp4' }, { s: 6000, d: 4000, src: 'https://cdn.example/b-roll.mov?sig=1' }] },
    { tt: 1, m: { name: 'Lo-fi', volume: 35 }, sg: [{ s: 0, d: 10_000, src: 'lofi.mp3' }] },
    { tt: 7, sg: [{ s: 0, d: 3000, m: { text: 'Urban Dreams' } }] },
    { tt: 5, m: { name: 'sticker layer', future: { nested: true } }, sg: [{ start: 1000, end: 2000, whatever: [1, 2] }] },
  ],
};

function root(nodes: ViewNode[]): ViewNode {
  assert.equal(nodes.length, 1, 'one root node');
  return nodes[0]!;
}

describe('timeline nodes (pure)', () => {
  it('builds the root line with track count, duration, canvas size and aspect', () => {
    const r = root(buildTimelineNodes(decodeDraft(contractDraft)));
    assert.equal(r.label, 'Timeline (4 tracks) · 10s');
    assert.equal(r.description, '1920×1080 · 16:9');
    assert.equal(r.contextValue, CONTEXT_VALUES.timelineRoot);
    assert.equal(r.collapsible, 'expanded');
    assert.match(r.copyText ?? '', /^Timeline \(4 tracks\): 1\. Video: city timelapse \(0-10s\) 2\. BGM: Lo-fi \(0-10s, 35%\) 3\. Title: "Urban Dreams" \(0-3s\)/);
    assert.match(r.tooltip ?? '', /Urban Dreams/);
  });

  it('labels every track kind in the contract summary words, with an icon per kind', () => {
    const tracks = root(buildTimelineNodes(decodeDraft(contractDraft))).children;
    assert.deepEqual(tracks.map((t) => t.label), ['1. Video: city timelapse', '2. BGM: Lo-fi', '3. Title: "Urban Dreams"', '4. Track (type 5): sticker layer']);
    assert.deepEqual(tracks.map((t) => t.icon), [TRACK_ICONS.video, TRACK_ICONS.audio, TRACK_ICONS.text, TRACK_ICONS.other]);
    assert.ok(tracks.every((t) => t.contextValue === CONTEXT_VALUES.timelineTrack));
    // Time range everywhere, volume only where it applies.
    assert.equal(tracks[0]!.description, '0–10s · 2 segments');
    assert.equal(tracks[1]!.description, '0–10s · 35% · 1 segment');
    assert.equal(tracks[2]!.description, '0–3s · 1 segment');
    assert.equal(tracks[3]!.description, '1–2s · 1 segment');
  });

  it('lists segments as children: start–end, source file name, volume, text', () => {
    const [video, audio, text] = root(buildTimelineNodes(decodeDraft(contractDraft))).children;
    assert.deepEqual(video!.children.map((s) => [s.label, s.description]), [['0–6s', 'city.mp4'], ['6–10s', 'b-roll.mov']]);
    assert.deepEqual(audio!.children.map((s) => [s.label, s.description]), [['0–10s', 'lofi.mp3']]);
    assert.deepEqual(text!.children.map((s) => [s.label, s.description]), [['0–3s', '"Urban Dreams"']]);
    assert.equal(video!.children[1]!.id, 'track/0/seg/1');
    assert.ok(video!.children.every((s) => s.contextValue === CONTEXT_VALUES.timelineSegment && s.collapsible === 'none'));
  });

  it('shows unknown fields and metadata in the tooltips instead of dropping them', () => {
    const other = root(buildTimelineNodes(decodeDraft(contractDraft))).children[3]!;
    assert.match(other.tooltip ?? '', /future/);
    assert.match(other.tooltip ?? '', /Other \\\(type 5\\\)/);
    assert.match(other.children[0]!.tooltip ?? '', /whatever/);
  });

  it('[bad-input] survives odd drafts: string draft, missing fields, wrong types, garbage segments', () => {
    const odd = {
      t: [
        { tt: '0', sg: [null, 42, 'text', { s: 'abc', d: -5 }, { start: 5000 }] },
        { sg: 'not an array', m: 'not an object' },
        { tt: 1, m: { volume: 0.8 }, sg: [] },
        null,
        { tt: 7, m: { text: 'a `markdown` *title* with [link](command:evil)' }, sg: [{ s: 0, e: 1500 }] },
      ],
    };
    const nodes = buildTimelineNodes(decodeDraft(JSON.stringify(odd)));
    const tracks = root(nodes).children;
    assert.equal(tracks.length, 5, 'no track is dropped because one field is odd');
    assert.equal(tracks[0]!.children.length, 5);
    assert.ok(tracks[0]!.children.every((s) => typeof s.label === 'string' && s.label.length > 0));
    assert.equal(tracks[1]!.collapsible, 'none', 'a track without segments has nothing to expand');
    assert.equal(tracks[2]!.description, '80% · 0 segments');
    // Draft text goes into markdown tooltips escaped: no live link, no code span.
    assert.doesNotMatch(tracks[4]!.tooltip ?? '', /\[link\]\(command:evil\)/);
    assert.match(tracks[4]!.tooltip ?? '', /\\\[link\\\]\\\(command:evil\\\)/);
  });

  it('gives no nodes for an empty or missing timeline, so the welcome content shows', () => {
    assert.deepEqual(buildTimelineNodes(null), []);
    assert.deepEqual(buildTimelineNodes(decodeDraft(undefined)), []);
    assert.deepEqual(buildTimelineNodes(decodeDraft({ t: [] })), []);
  });

  it('names a segment by its uploaded file rather than a media id', () => {
    const tl = decodeDraft({ t: [{ tt: 0, m: { name: 'Video' }, sg: [{ src: 'med_141c927fda79', in: 1000, out: 3000, s: 0, e: 2000, m: { name: 'clip.mp4' } }] }] });
    const seg = root(buildTimelineNodes(tl)).children[0]!.children[0]!;
    assert.equal(seg.label, '0–2s');
    assert.equal(seg.description, 'clip.mp4');
    assert.match(seg.tooltip ?? '', /med\\_141c927fda79/, 'the id stays visible in the tooltip');
  });

  it('handles a track with no times and a timeline with no size', () => {
    const r = root(buildTimelineNodes(decodeDraft({ t: [{ tt: 0, sg: [{ src: 'a.mp4' }] }] })));
    assert.equal(r.label, 'Timeline (1 track)');
    assert.equal(r.description, undefined);
    const seg = r.children[0]!.children[0]!;
    assert.equal(seg.label, 'Segment 1');
    assert.equal(seg.description, 'a.mp4');
  });

  it('uses the translation function it is given (Chinese)', () => {
    const zh: Record<string, string> = { 'Timeline ({0} tracks)': '时间线（{0} 条轨道）', '{0} segments': '{0} 个片段', '1 segment': '1 个片段' };
    const t = (m: string, ...a: Array<string | number>): string => (zh[m] ?? m).replace(/\{(\d+)\}/g, (_w, n: string) => String(a[Number(n)]));
    const r = root(buildTimelineNodes(decodeDraft(contractDraft, 'zh'), { t, lang: 'zh' }));
    assert.equal(r.label, '时间线（4 条轨道） · 10s');
    assert.equal(r.children[0]!.description, '0–10s · 2 个片段');
    assert.match(r.copyText ?? '', /^时间线/);
  });

  it('10 000 segments: exact counts, first rows listed, the rest summed up in one "more" row', () => {
    const sg = Array.from({ length: 10_000 }, (_, i) => ({ s: i * 100, d: 100, src: `clip-${i}.mp4`, extra: { i } }));
    const timeline = decodeDraft({ t: [{ tt: 0, sg }, { tt: 1, sg: sg.slice(0, 3) }] });
    const r = root(buildTimelineNodes(timeline));
    const [big, small] = r.children;
    assert.equal(big!.description, '0–16:40 · 10000 segments');
    assert.equal(big!.children.length, DEFAULT_MAX_SEGMENTS + 1);
    assert.equal(big!.children[DEFAULT_MAX_SEGMENTS]!.label, `… ${10_000 - DEFAULT_MAX_SEGMENTS} more segments`);
    assert.equal(big!.children[DEFAULT_MAX_SEGMENTS]!.contextValue, CONTEXT_VALUES.timelineMore);
    assert.equal(big!.children[499]!.label, '49.9–50s');
    assert.equal(small!.children.length, 3);
    assert.equal(r.label, 'Timeline (2 tracks) · 16:40');
    // All rows when asked for all.
    const all = root(buildTimelineNodes(timeline, { maxSegments: 10_000 })).children[0]!;
    assert.equal(all.children.length, 10_000);
    assert.equal(new Set(all.children.map((c) => c.id)).size, 10_000, 'ids are unique');
    assert.equal(all.children[9999]!.description, 'clip-9999.mp4');
  });
});
