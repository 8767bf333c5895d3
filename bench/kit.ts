// Benchmark: the YouTube upload kit for a 60 s 1080p30 export against that export's render, side by side in
// one run (render, kit, kit, render, …). The kit (probe, 12 candidate frames scored, three 1280×720
// thumbnails with the title, captions re-timed and written, chapters/metadata, json + page) must take at
// most 10 % of the render: it runs after every export and must not make exporting feel slower.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildKit } from '../src/core/kit';
import type { MediaInfo } from '../src/engine/model';
import { toCompact, type Draft } from '../src/engine/planner/format';
import { renderDraft } from '../src/engine/render';
import { emit, ensureDir, log, median, round, timed, workDir, type Row } from './lib';
import { benchMedia } from './media';

const W = 1920;
const H = 1080;
const FPS = 30;
const CLIP_MS = 26_000;

function media(id: string, file: string, kind: MediaInfo['kind'], duration: number): MediaInfo {
  return { id, filename: path.basename(file), path: file, kind, duration, width: kind === 'audio' ? 0 : W, height: kind === 'audio' ? 0 : H, fps: kind === 'audio' ? 0 : FPS, hasAudio: true, hash: '0'.repeat(64), size: fs.statSync(file).size, url: '' };
}

/** The same 60 s timeline as the render benchmark: intro, two 26 s clips with a 1 s crossfade, title, music, outro. */
function draft(): Draft {
  const clip = (id: string, src: string, xf?: number) => ({ id, k: 'clip' as const, src, in: 0, out: CLIP_MS, s: 0, e: 0, ...(xf ? { xf } : {}), m: { name: src } });
  return {
    meta: { title: 'Bench kit', name: 'Bench kit', width: W, height: H, fps: FPS, aspect: '16:9', fit: 'fit', used: ['a', 'b', 'm'], engine: 'local', v: 1 },
    video: [
      { id: 'intro', k: 'card', dur: 4000, s: 0, e: 0, m: { role: 'intro', name: 'Intro card', title: 'Bench Kit' } },
      clip('va', 'a'),
      clip('vb', 'b', 1000),
      { id: 'outro', k: 'card', dur: 5000, s: 0, e: 0, m: { role: 'outro', name: 'Outro card', title: 'Thanks for watching' } },
    ],
    music: { id: 'music', src: 'm', s: 0, e: 0, m: { name: 'music.m4a', volume: 0.25, duck: true, fadeIn: 1000, fadeOut: 2000 } },
    texts: [{ id: 'title', s: 10_000, e: 16_000, m: { text: 'Chapter one', name: 'Title', pos: 'bottom', fade: 500 } }],
  };
}

async function main(): Promise<void> {
  const reps = Math.max(1, Number(process.env.BENCH_KIT_REPS ?? 2));
  const m = await benchMedia();
  const dir = ensureDir(path.join(workDir, 'kit'));
  const mediaList = [media('a', m.clipA, 'video', 27), media('b', m.clipB, 'video', 27), media('m', m.music, 'audio', 20)];
  // A caption line every 2 s of clip a, in its own time (re-timed through the intro and the crossfade).
  const srt = path.join(dir, path.basename(m.clipA).replace(/\.\w+$/, '.srt'));
  const ts = (s: number): string => new Date(s * 1000).toISOString().slice(11, 23).replace('.', ',');
  fs.writeFileSync(srt, Array.from({ length: 12 }, (_v, i) => `${i + 1}\n${ts(i * 2 + 0.5)} --> ${ts(i * 2 + 1.8)}\nline number ${i + 1}\n`).join('\n'));
  const compact = toCompact(draft());
  const out = path.join(dir, 'bench-kit.mp4');
  const render = () => renderDraft({ draft: compact, media: mediaList, outPath: out, workDir: path.join(dir, 'work'), ffmpeg: { ffmpeg: 'ffmpeg', ffprobe: 'ffprobe' }, onProgress: () => undefined, signal: new AbortController().signal });
  let thumbs = 0;
  let cues = 0;
  const kit = async () => {
    const r = await buildKit({ video: out, draft: compact, media: mediaList.map((x) => ({ id: x.id, filename: x.filename, duration: x.duration })), captionSources: [{ keys: ['a'], path: srt }], lang: 'en', ffmpeg: { ffmpeg: 'ffmpeg', ffprobe: 'ffprobe' } });
    thumbs = r.files.thumbnails.length;
    cues = r.files.srt ? fs.readFileSync(r.files.srt, 'utf8').split('\n\n').filter(Boolean).length : 0;
  };
  const renderMs: number[] = [];
  const kitMs: number[] = [];
  // The kit needs the rendered file, so each pair renders first and makes the kit right after: the two
  // sides meet the same load within seconds of each other.
  for (let i = 0; i < reps; i++) {
    const r = await timed(render);
    renderMs.push(r.ms);
    const k = await timed(kit);
    kitMs.push(k.ms);
    log(`pair #${i + 1}: render ${(r.ms / 1000).toFixed(1)} s, kit ${(k.ms / 1000).toFixed(2)} s`);
  }
  const ratio = median(kitMs) / median(renderMs);
  const rows: Row[] = [{
    id: 'kit-vs-render', what: 'Upload kit for a 60 s 1080p export vs. rendering it',
    subject: round(median(kitMs) / 1000), reference: round(median(renderMs) / 1000), referenceLabel: 'the render of the same 60 s timeline, same run', unit: 's',
    ratio: round(ratio, 3), goal: '≤ 0.10×', pass: ratio <= 0.1,
    details: { reps, kitSeconds: kitMs.map((x) => round(x / 1000)), renderSeconds: renderMs.map((x) => round(x / 1000)), thumbnails: thumbs, captionCues: cues },
  }];
  emit(rows);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
