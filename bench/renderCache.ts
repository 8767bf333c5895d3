// Benchmark: iteration with the render cache. A 60 s 1080p30 timeline (intro card, clip A in three pieces
// as silence cuts leave it, a 1 s crossfade into clip B, outro card, a title on screen 10–16 s, ducked
// music) is exported once into an empty cache, then re-exported (a) unchanged, (b) after changing the
// title's text, (c) after removing A's 5 s middle piece. Each re-export's wall time is compared with the
// first export's, measured in the same run.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { MediaInfo } from '../src/engine/model';
import { toCompact, type Draft } from '../src/engine/planner/format';
import { RenderCache, renderDraft, type SpanRenderStats, x264Preset } from '../src/engine/render';
import { emit, ensureDir, log, round, timed, workDir, type Row } from './lib';
import { benchMedia } from './media';

const W = 1920;
const H = 1080;
const FPS = 30;

function media(id: string, file: string, kind: MediaInfo['kind'], duration: number): MediaInfo {
  return { id, filename: path.basename(file), path: file, kind, duration, width: kind === 'video' ? W : 0, height: kind === 'video' ? H : 0, fps: kind === 'video' ? FPS : 0, hasAudio: true, hash: '0'.repeat(64), size: fs.statSync(file).size, url: '' };
}

function draft(title: string, withMiddle: boolean): Draft {
  const clip = (id: string, src: string, a: number, b: number, xf?: number) => ({ id, k: 'clip' as const, src, in: a, out: b, s: 0, e: 0, ...(xf ? { xf } : {}), m: { name: src } });
  return {
    meta: { title: 'Bench cache', name: 'Bench cache', width: W, height: H, fps: FPS, aspect: '16:9', fit: 'fit', used: ['a', 'b', 'm'], engine: 'local', v: 1 },
    video: [
      { id: 'intro', k: 'card', dur: 4000, s: 0, e: 0, m: { role: 'intro', name: 'Intro card', title: 'Bench Render', text: 'sixty seconds of 1080p' } },
      clip('a1', 'a', 0, 10_000),
      ...(withMiddle ? [clip('a2', 'a', 10_500, 15_500)] : []),
      clip('a3', 'a', 16_000, 26_000),
      clip('b', 'b', 0, 27_000, 1000),
      { id: 'outro', k: 'card', dur: 5000, s: 0, e: 0, m: { role: 'outro', name: 'Outro card', title: 'Thanks for watching', text: 'Subscribe for more' } },
    ],
    music: { id: 'music', src: 'm', s: 0, e: 0, m: { name: 'music.m4a', volume: 0.25, duck: true, fadeIn: 1000, fadeOut: 2000 } },
    texts: [{ id: 'title', s: 10_000, e: 16_000, m: { text: title, name: 'Title', pos: 'bottom', fade: 500 } }],
  };
}

async function main(): Promise<void> {
  const m = await benchMedia();
  const dir = ensureDir(path.join(workDir, 'render-cache'));
  const cacheDir = path.join(dir, 'cache');
  fs.rmSync(cacheDir, { recursive: true, force: true });
  const cache = new RenderCache(cacheDir, 8192 * 1024 * 1024);
  const mediaList = [media('a', m.clipA, 'video', 27), media('b', m.clipB, 'video', 27), media('m', m.music, 'audio', 20)];
  const run = async (name: string, d: Draft) => {
    const stats: Partial<SpanRenderStats> = {};
    fs.rmSync(path.join(dir, `${name}.work`), { recursive: true, force: true });
    const { ms } = await timed(() => renderDraft({
      draft: toCompact(d), media: mediaList, outPath: path.join(dir, `${name}.mp4`), workDir: path.join(dir, `${name}.work`),
      ffmpeg: { ffmpeg: 'ffmpeg', ffprobe: 'ffprobe' }, onProgress: () => undefined, signal: new AbortController().signal,
    }, { cache, stats }));
    log(`render-cache ${name}: ${(ms / 1000).toFixed(2)} s, ${JSON.stringify(stats)}`);
    return { s: ms / 1000, stats };
  };
  const first = await run('first', draft('Chapter one', true));
  const same = await run('unchanged', draft('Chapter one', true));
  const title = await run('title', draft('Chapter one: the harbour', true));
  const cut = await run('cut', draft('Chapter one: the harbour', false));
  const preset = x264Preset();
  const row = (id: string, what: string, r: { s: number; stats: Partial<SpanRenderStats> }, goal: number): Row => ({
    id, what: `${what} (60 s 1080p30, preset ${preset})`, subject: round(r.s), reference: round(first.s), referenceLabel: 'the first export into an empty cache', unit: 's',
    ratio: round(r.s / first.s, 3), goal: `≤ ${goal}×`, pass: r.s / first.s <= goal,
    note: r.stats.wholeReused ? 'whole export reused' : `encoded ${r.stats.encodedSpans} of ${r.stats.spans} spans${r.stats.audioReused ? ', audio reused' : ', audio rendered'}`,
    details: { stats: r.stats, firstStats: first.stats },
  });
  emit([
    row('render-cache-unchanged', 're-export, timeline unchanged', same, 0.05),
    row('render-cache-title', 're-export after changing the title text (on screen 6 s)', title, 0.35),
    row('render-cache-cut', 're-export after removing a 5 s piece in the middle', cut, 0.5),
  ]);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
