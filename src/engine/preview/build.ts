// Draft → preview folder: proxy.webm (the real renderer with the proxy profile, so cuts, cards, titles,
// music and aspect are the export's; through the render cache's span render when the engine has one),
// filmstrip.jpg, and manifest.json (sizes, filmstrip layout, waveform peaks). Everything is written into `<dir>.part/` and the folder is renamed to `<dir>` only when complete,
// so a folder under its final name is always a whole preview (and is reused as is: the name is the key).
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as z from 'zod';
import type { CompactDraft, FfmpegPaths, MediaInfo } from '../model';
import { fromCompact, GENERATED_BED } from '../planner/format';
import { type RenderCache, renderDraft, type SpanRenderStats } from '../render/index';
import { extractArtifacts } from '../../core/media/proxyArtifacts';
import { PROXY_PROFILE, PROXY_SETTINGS } from '../../core/media/proxyProfile';
import { filmstripLayout, parseManifest, previewManifest } from '../../shared/previewManifest';

/**
 * The engine's manifest.json: the shared preview manifest, plus the file names it serves and when it was made.
 * (The core's local copy drops these: its file names are fixed.)
 */
const engineManifest = previewManifest.extend({
  proxy: z.literal('proxy.webm'),
  filmstrip: filmstripLayout.extend({ file: z.string() }),
  createdAt: z.string(),
});

export type PreviewManifest = z.infer<typeof engineManifest>;

/** Why a preview cannot be made; the client maps each to the one action that fixes it. */
export type PreviewProblem = 'empty' | 'missing-source' | 'ffmpeg' | 'failed';

export class PreviewError extends Error {
  constructor(readonly reason: PreviewProblem, message: string) {
    super(message);
    this.name = 'PreviewError';
  }
}

/** The media a draft actually plays (clips and music): an unrelated upload does not change the preview. */
export function referencedMedia(draft: CompactDraft, media: MediaInfo[]): MediaInfo[] {
  const d = fromCompact(draft);
  const ids = new Set<string>();
  for (const seg of d.video) if (seg.k === 'clip') ids.add(seg.src);
  if (d.music && d.music.src !== GENERATED_BED) ids.add(d.music.src);
  return media.filter((m) => ids.has(m.id));
}

/** The cache key: the draft, the bytes of what it plays (by hash) and the proxy settings. */
export function previewKey(draft: CompactDraft, media: MediaInfo[]): string {
  const used = referencedMedia(draft, media).map((m) => [m.id, m.hash]).sort();
  return createHash('sha256').update(JSON.stringify({ s: PROXY_SETTINGS, draft, used })).digest('hex').slice(0, 32);
}

/** Throws PreviewError('empty' | 'missing-source') before any ffmpeg runs. */
export function checkPreviewInput(draft: CompactDraft | null, media: MediaInfo[]): asserts draft is CompactDraft {
  const d = draft && Array.isArray(draft.t) ? fromCompact(draft) : null;
  if (!d || d.video.length === 0) {
    throw new PreviewError('empty', 'The timeline has nothing to show yet: add a clip first. / 时间线还是空的：请先添加素材。');
  }
  const byId = new Map(media.map((m) => [m.id, m]));
  for (const seg of d.video) {
    if (seg.k !== 'clip') continue;
    const m = byId.get(seg.src);
    if (!m || !fs.existsSync(m.path)) {
      const name = m?.filename ?? seg.m.name ?? seg.src;
      throw new PreviewError('missing-source', `The source file ${name} is missing; upload it again. / 源文件 ${name} 不见了，请重新上传。`);
    }
  }
}

export interface BuildPreviewRequest {
  draft: CompactDraft;
  media: MediaInfo[];
  /** Final folder (its name is usually the key); built in `<dir>.part`. */
  dir: string;
  key: string;
  ffmpeg: FfmpegPaths;
  onProgress(percent: number): void;
  signal: AbortSignal;
  /**
   * The engine's render cache (issue 16): the proxy is then rendered in VP8 spans keyed by the proxy's own
   * settings, so a small edit re-encodes only the spans it touched. Without it the proxy renders whole.
   */
  cache?: RenderCache;
  /** Filled in by the span render: spans encoded and reused. */
  stats?: Partial<SpanRenderStats>;
}

export function readManifest(dir: string): PreviewManifest | undefined {
  try {
    const m = parseManifest(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'), engineManifest);
    return m && fs.existsSync(path.join(dir, m.proxy)) ? m : undefined;
  } catch {
    return undefined;
  }
}

export async function buildPreview(req: BuildPreviewRequest): Promise<PreviewManifest> {
  checkPreviewInput(req.draft, req.media);
  const part = `${req.dir}.part`;
  await fs.promises.rm(part, { recursive: true, force: true });
  await fs.promises.mkdir(part, { recursive: true });
  try {
    const proxyPath = path.join(part, 'proxy.webm');
    const res = await renderDraft(
      { draft: req.draft, media: req.media, outPath: proxyPath, workDir: path.join(part, 'work'), ffmpeg: req.ffmpeg, signal: req.signal, onProgress: (p) => req.onProgress(p * 0.95) },
      { profile: PROXY_PROFILE, cache: req.cache, stats: req.stats },
    );
    await fs.promises.rm(path.join(part, 'work'), { recursive: true, force: true });
    const { filmstrip, peaks } = await extractArtifacts(req.ffmpeg.ffmpeg, proxyPath, part, { durationSec: res.durationMs / 1000, width: res.width, height: res.height }, req.signal);
    const manifest: PreviewManifest = {
      key: req.key, durationMs: res.durationMs, width: res.width, height: res.height, fps: res.fps, size: res.size,
      proxy: 'proxy.webm', filmstrip, peaks, createdAt: new Date().toISOString(),
    };
    await fs.promises.writeFile(path.join(part, 'manifest.json'), JSON.stringify(manifest));
    await fs.promises.rm(req.dir, { recursive: true, force: true });
    await fs.promises.rename(part, req.dir);
    req.onProgress(100);
    return manifest;
  } catch (e) {
    await fs.promises.rm(part, { recursive: true, force: true }).catch(() => undefined);
    throw e;
  }
}
