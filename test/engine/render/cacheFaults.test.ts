// The render cache under faults: damaged and half-written entries, a full disk in the middle of a span
// encode (real ENOSPC from /dev/full), an abort while spans encode, LRU eviction, and a restart.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { MediaInfo } from '../../../src/engine/model';
import { type Draft, toCompact } from '../../../src/engine/planner/format';
import { RenderCache, renderDraft, type SpanRenderStats } from '../../../src/engine/render';
import { framePsnr } from './spanProbes';
import { FFMPEG, FFPROBE, mediaInfo, run, tempDir } from '../../support/media';

process.env.GENERATOR_YOUTUBE_X264_PRESET = 'ultrafast';

function draftOf(seconds: number): Draft {
  return {
    meta: { title: 'Faults', name: 'Faults', width: 320, height: 180, fps: 30, aspect: '16:9', fit: 'fit', used: ['a'], engine: 'local', v: 1 },
    video: [{ id: 'a1', k: 'clip', src: 'a', in: 0, out: seconds * 1000, s: 0, e: 0, m: { name: 'a' } }],
    music: null,
    texts: [],
  };
}

function entries(dir: string): { ts: string[]; sidecars: string[]; parts: string[] } {
  const names = fs.existsSync(dir) ? fs.readdirSync(dir) : [];
  return { ts: names.filter((n) => n.endsWith('.m2ts')), sidecars: names.filter((n) => n.endsWith('.json') && !n.includes('.part')), parts: names.filter((n) => n.includes('.part')) };
}

function ffmpegChildren(): string[] {
  try {
    return execFileSync('pgrep', ['-P', String(process.pid), 'ffmpeg'], { encoding: 'utf8' }).split('\n').filter(Boolean);
  } catch {
    return [];
  }
}

describe('render cache: faults', function () {
  this.timeout(240000);
  let dir: string;
  let media: MediaInfo[];

  async function render(cache: RenderCache, name: string, seconds = 4, opts: { signal?: AbortSignal; onProgress?: (p: number) => void; parallel?: number } = {}): Promise<{ out: string; stats: Partial<SpanRenderStats> }> {
    const stats: Partial<SpanRenderStats> = {};
    const out = path.join(dir, 'out', `${name}.mp4`);
    await renderDraft(
      { draft: toCompact(draftOf(seconds)), media, outPath: out, workDir: path.join(dir, 'work', name), ffmpeg: { ffmpeg: FFMPEG, ffprobe: FFPROBE }, onProgress: opts.onProgress ?? (() => undefined), signal: opts.signal ?? new AbortController().signal },
      { cache, stats, parallel: opts.parallel ?? 1 },
    );
    return { out, stats };
  }

  before(async () => {
    dir = tempDir('gy-render-cache-faults-');
    const a = path.join(dir, 'a.mp4');
    await run(FFMPEG, ['-y', '-f', 'lavfi', '-i', 'testsrc2=s=320x180:r=30:d=8', '-f', 'lavfi', '-i', 'sine=f=440:d=8', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-shortest', a]);
    media = [await mediaInfo('a', a)];
  });

  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('[fault] a damaged span (same size, one byte changed) and a damaged export are detected and rendered again', async () => {
    const cacheDir = path.join(dir, 'c1');
    const first = await render(new RenderCache(cacheDir, 1 << 30), 'c1-first');
    assert.equal(first.stats.spans, 2);
    const { ts } = entries(cacheDir);
    const span = path.join(cacheDir, ts[0]);
    const bytes = fs.readFileSync(span);
    bytes[bytes.length >> 1] ^= 0xff;
    fs.writeFileSync(span, bytes);
    // The cached export is a hard link of the first output (no extra disk): damage the cache's name only.
    const mp4 = path.join(cacheDir, fs.readdirSync(cacheDir).find((n) => n.endsWith('.mp4')) as string);
    const head = fs.readFileSync(mp4).subarray(0, 1000);
    fs.rmSync(mp4);
    fs.writeFileSync(mp4, head);
    // A new cache object on the same folder: what an engine restart sees.
    const again = await render(new RenderCache(cacheDir, 1 << 30), 'c1-again');
    assert.equal(again.stats.wholeReused, false);
    assert.equal(again.stats.encodedSpans, 1);
    assert.equal(again.stats.audioReused, true);
    const worst = Math.min(...(await framePsnr(first.out, again.out)));
    assert.ok(worst >= 45, `worst PSNR ${worst}`);
  });

  it('[fault] survives a restart: a new cache object on the folder reuses the export', async () => {
    const cacheDir = path.join(dir, 'c1');
    const r = await render(new RenderCache(cacheDir, 1 << 30), 'c1-restart');
    assert.equal(r.stats.wholeReused, true);
  });

  it('[fault] half-written entries (a .part, a file without its sidecar) are removed and never used', async () => {
    const cacheDir = path.join(dir, 'c2');
    await render(new RenderCache(cacheDir, 1 << 30), 'c2-first');
    const { ts, sidecars } = entries(cacheDir);
    const key = ts[0].slice(0, 64);
    fs.rmSync(path.join(cacheDir, `${key}.json`));
    fs.writeFileSync(path.join(cacheDir, `${'f'.repeat(64)}.ts.part-1234`), 'half');
    const cache = new RenderCache(cacheDir, 1 << 30);
    assert.equal(entries(cacheDir).parts.length, 0, 'the constructor drops .part files');
    await cache.usage();
    assert.equal(fs.existsSync(path.join(cacheDir, ts[0])), false, 'a file without a sidecar is removed');
    assert.equal(entries(cacheDir).sidecars.length, sidecars.length - 1);
  });

  it('[fault] a full disk during a span encode fails with a clear error and leaves no entry; the next render works', async () => {
    const cacheDir = path.join(dir, 'c3');
    const cache = new RenderCache(cacheDir, 1 << 30);
    const batchDir = path.join(dir, 'work', 'c3-full', 'batch0');
    fs.mkdirSync(batchDir, { recursive: true });
    // ffmpeg writes the first span into this name: the kernel answers ENOSPC, as on a full disk.
    fs.symlinkSync('/dev/full', path.join(batchDir, 'seg00000.m2ts'));
    await assert.rejects(render(cache, 'c3-full'), /No space left on device/);
    const e = entries(cacheDir);
    assert.deepEqual(e.ts, [], 'no span entered the cache');
    assert.deepEqual(e.parts, []);
    assert.equal(fs.existsSync(path.join(dir, 'out', 'c3-full.mp4')), false);
    assert.equal(fs.existsSync(path.join(dir, 'out', 'c3-full.mp4.part')), false);
    fs.rmSync(path.join(dir, 'work', 'c3-full'), { recursive: true, force: true });
    const ok = await render(cache, 'c3-full');
    assert.equal(ok.stats.encodedSpans, 2);
  });

  it('[fault] an abort while spans encode kills every ffmpeg at once and leaves nothing half-written', async () => {
    const cacheDir = path.join(dir, 'c4');
    const cache = new RenderCache(cacheDir, 1 << 30);
    const controller = new AbortController();
    let abortedAt = 0;
    const p = render(cache, 'c4', 8, {
      parallel: 2, signal: controller.signal,
      onProgress: (pct) => {
        if (pct > 0 && abortedAt === 0) {
          abortedAt = Date.now();
          controller.abort();
        }
      },
    });
    await assert.rejects(p, (e: Error) => e.name === 'AbortError');
    assert.ok(abortedAt > 0, 'progress was reported before the abort');
    assert.deepEqual(ffmpegChildren(), [], 'no ffmpeg left running');
    const e = entries(cacheDir);
    assert.deepEqual(e.parts, []);
    assert.equal(e.ts.length, e.sidecars.filter((n) => fs.existsSync(path.join(cacheDir, n.replace('.json', '.m2ts')))).length);
    assert.equal(fs.existsSync(path.join(dir, 'out', 'c4.mp4')), false);
  });

  it('evicts least recently used entries down to the limit, never a pinned one', async () => {
    const cacheDir = path.join(dir, 'c5');
    const cache = new RenderCache(cacheDir, 2500);
    const key = (n: number) => String(n).repeat(64).slice(0, 64);
    for (let i = 1; i <= 4; i++) {
      const f = path.join(dir, `blob${i}`);
      fs.writeFileSync(f, Buffer.alloc(1000, i));
      await cache.adopt(key(i), f, '.bin');
      const t = new Date(Date.now() - (10 - i) * 60_000);
      fs.utimesSync(path.join(cacheDir, `${key(i)}.json`), t, t);
    }
    const release = cache.pin([key(1)]);
    await cache.evict();
    assert.ok(await cache.get(key(1)), 'pinned oldest stays');
    assert.equal(await cache.get(key(2)), null);
    assert.equal(await cache.get(key(3)), null);
    assert.ok(await cache.get(key(4)), 'most recent stays');
    release();
    assert.ok((await cache.usage()).bytes <= 2500);
  });
});
