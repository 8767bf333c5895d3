// Benchmark 7: a draft with 10 000 segments (video 6 000, music 1 000, titles 3 000, in the engine's
// compact shape) from its JSON text to the Timeline view's nodes: decodeDraft (core) + buildTimelineNodes
// (src/vscode/timeline/nodes.ts, pure). Reference (the floor): JSON.parse of the same text.
import { decodeDraft } from '../src/core';
import { buildTimelineNodes } from '../src/vscode/timeline/nodes';
import { emit, log, median, round, type Row } from './lib';

function bigDraft(): string {
  const video = Array.from({ length: 6000 }, (_, i) => ({
    id: `v${i}`, k: 'clip', src: `med_${(i % 40).toString(16).padStart(12, '0')}`, in: (i % 50) * 1000, out: (i % 50) * 1000 + 2000,
    s: i * 1900, e: i * 1900 + 2000, ...(i > 0 ? { xf: 100 } : {}), m: { name: `clip-${i % 40}.mp4` },
  }));
  const d = 6000 * 1900 + 100;
  const music = Array.from({ length: 1000 }, (_, i) => ({
    id: `mu${i}`, src: 'med_music', s: i * 11_400, e: (i + 1) * 11_400, m: { name: 'bed.mp3', volume: 0.25, duck: true, fadeIn: 1000, fadeOut: 2000 },
  }));
  const texts = Array.from({ length: 3000 }, (_, i) => ({
    id: `t${i}`, s: i * 3800, e: i * 3800 + 2500, m: { text: `Chapter ${i}: "quotes", 100% & 中文`, name: 'Title', pos: i % 2 ? 'bottom' : 'center', fade: 300 },
  }));
  return JSON.stringify({
    t: [
      { tt: 0, d, m: { name: 'Video' }, sg: video },
      { tt: 1, d, m: { name: 'bed.mp3', volume: 0.25, duck: true }, sg: music },
      { tt: 7, d, m: { name: 'Titles' }, sg: texts },
    ],
    d,
    m: { title: 'Ten thousand segments', name: 'Ten thousand segments', width: 1920, height: 1080, fps: 30, aspect: '16:9', fit: 'fit', used: [], engine: 'local', v: 1 },
  });
}

function main(): void {
  const json = bigDraft();
  const split = { decodeMs: [] as number[], nodesMs: [] as number[] };
  const subjectOnce = (): { ms: number; nodes: number } => {
    const t0 = performance.now();
    const timeline = decodeDraft(json);
    const t1 = performance.now();
    const nodes = buildTimelineNodes(timeline);
    const ms = performance.now() - t0;
    split.decodeMs.push(t1 - t0);
    split.nodesMs.push(ms - (t1 - t0));
    const count = nodes[0].children.reduce((s, tr) => s + 1 + tr.children.length, 1);
    return { ms, nodes: count };
  };
  const referenceOnce = (): number => {
    const t0 = performance.now();
    const parsed = JSON.parse(json) as { t: unknown[] };
    const ms = performance.now() - t0;
    if (parsed.t.length !== 3) throw new Error('bad draft');
    return ms;
  };
  // The first call is what a user gets (cold code); later ones show the warm steady state.
  const cold = subjectOnce();
  const coldRef = referenceOnce();
  const warm: number[] = [];
  const ref: number[] = [];
  let nodes = 0;
  for (let i = 0; i < 15; i++) {
    const s = subjectOnce();
    nodes = s.nodes;
    warm.push(s.ms);
    ref.push(referenceOnce());
  }
  const subject = median(warm);
  const reference = median(ref);
  log(`draft: cold ${cold.ms.toFixed(1)} ms, warm median ${subject.toFixed(1)} ms, JSON.parse ${reference.toFixed(1)} ms`);
  const rows: Row[] = [{
    id: 'draft-tree', what: 'draft decoding + tree nodes, 10 000 segments (median of 15, warm)',
    subject: round(subject, 1), reference: round(reference, 1), referenceLabel: 'JSON.parse of the draft', unit: 'ms',
    ratio: round(subject / reference, 2), goal: '≤ 50 ms', pass: subject <= 50 && cold.ms <= 50,
    note: `cold first call ${round(cold.ms, 1)} ms; decode ${round(median(split.decodeMs), 1)} ms + nodes ${round(median(split.nodesMs), 1)} ms`,
    details: { draftBytes: json.length, segments: 10_000, nodesBuilt: nodes, coldFirstCallMs: round(cold.ms, 1), coldJsonParseMs: round(coldRef, 1), samplesMs: warm.map((x) => round(x, 1)), jsonParseSamplesMs: ref.map((x) => round(x, 1)), passRequires: 'warm median and the cold first call both ≤ 50 ms', medianDecodeDraftMs: round(median(split.decodeMs), 1), medianBuildNodesMs: round(median(split.nodesMs), 1) },
  }];
  emit(rows);
}

main();
