// The one preview flow for every front end (extension, CLI): ask the backend for the proxy of the session's
// current draft (engine-only endpoint), poll while it renders, and keep a local copy in `<root>/<key>/`
// (proxy.webm, filmstrip.jpg, manifest.json with the waveform peaks). A key already on disk is reused
// without a byte downloaded: reopening an unchanged timeline costs one small request. Files land as
// `.part` and are renamed; manifest.json is written last, so a folder with a manifest is complete.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import type { NemoClient } from '../api/client';
import { cancelledError, isNemoError } from '../api/errors';
import type { PreviewData } from '../api/schemas';
import { type Clock, realClock, sleepOn } from '../clock';
import { t, type Lang } from '../i18n';
import { parseManifest, type PreviewManifest } from '../../shared/previewManifest';

export type { PreviewManifest };

export type PreviewReason = 'empty' | 'missing-source' | 'ffmpeg' | 'failed' | 'unsupported';

/** Why there is no preview, in the user's language, with the reason the UI maps to its one fixing action. */
export class PreviewUnavailable extends Error {
  constructor(readonly reason: PreviewReason, message: string) {
    super(message);
    this.name = 'PreviewUnavailable';
  }
}

export interface LocalPreview {
  key: string;
  dir: string;
  proxyPath: string;
  filmstripPath: string;
  manifest: PreviewManifest;
  /** True when the folder was already there (no render, no download). */
  reused: boolean;
}

export interface FetchPreviewOptions {
  signal?: AbortSignal;
  /** 0–100 while the proxy renders; called with the key so a UI can tell renders apart. */
  onProgress?(percent: number, key: string): void;
  pollMs?: number;
  clock?: Clock;
}

export function readLocalPreview(root: string, key: string): LocalPreview | undefined {
  if (!/^[0-9a-f]{8,64}$/.test(key)) return undefined;
  const dir = path.join(root, key);
  try {
    const manifest = parseManifest(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
    if (!manifest) return undefined;
    const proxyPath = path.join(dir, 'proxy.webm');
    const filmstripPath = path.join(dir, 'filmstrip.jpg');
    if (!fs.existsSync(proxyPath) || !fs.existsSync(filmstripPath)) return undefined;
    return { key, dir, proxyPath, filmstripPath, manifest, reused: true };
  } catch {
    return undefined;
  }
}

function unavailable(lang: Lang, data: PreviewData): PreviewUnavailable {
  const detail = data.error ?? '';
  switch (data.reason) {
    case 'empty':
      return new PreviewUnavailable('empty', t(lang, 'preview.empty'));
    case 'missing-source':
      return new PreviewUnavailable('missing-source', t(lang, 'preview.missingSource', { detail }));
    case 'ffmpeg':
      return new PreviewUnavailable('ffmpeg', t(lang, 'preview.ffmpeg', { detail }));
    default:
      return new PreviewUnavailable('failed', t(lang, 'preview.failed', { detail: detail || '?' }));
  }
}

async function download(client: NemoClient, url: string, file: string, signal?: AbortSignal): Promise<void> {
  const res = await client.transport(url, { headers: await client.headersFor(url), signal, redirect: 'error' });
  if (!res.ok || !res.body) throw new PreviewUnavailable('failed', t(client.lang, 'preview.failed', { detail: `HTTP ${res.status} for ${path.basename(file)}` }));
  const part = `${file}.part`;
  await pipeline(Readable.fromWeb(res.body as import('node:stream/web').ReadableStream<Uint8Array>), fs.createWriteStream(part));
  await fs.promises.rename(part, file);
}

/** Starts (or reuses) the preview and returns its local copy; throws PreviewUnavailable with the reason. */
export async function fetchPreview(client: NemoClient, sessionId: string, root: string, opts: FetchPreviewOptions = {}): Promise<LocalPreview> {
  const clock = opts.clock ?? realClock;
  let data: PreviewData;
  try {
    data = await client.startPreview(sessionId, opts.signal);
  } catch (e) {
    // The cloud has no preview endpoint: an unknown route (404) that is not "session not found" (1002).
    if (isNemoError(e) && e.httpStatus === 404 && e.code !== 1002) throw new PreviewUnavailable('unsupported', t(client.lang, 'preview.noExport'));
    throw e;
  }
  if (data.status !== 'failed' && data.key) {
    const local = readLocalPreview(root, data.key);
    if (local) return local;
  }
  while (data.status === 'processing') {
    opts.onProgress?.(data.progress, data.key);
    try {
      await sleepOn(clock, opts.pollMs ?? 400, opts.signal);
    } catch {
      throw cancelledError(client.lang);
    }
    data = await client.previewStatus(sessionId, data.key, opts.signal);
  }
  if (data.status === 'failed' || !data.proxyUrl || !data.filmstripUrl || !data.filmstrip || !data.peaks) throw unavailable(client.lang, data);
  opts.onProgress?.(100, data.key);
  const dir = path.join(root, data.key);
  await fs.promises.mkdir(dir, { recursive: true });
  const proxyPath = path.join(dir, 'proxy.webm');
  const filmstripPath = path.join(dir, 'filmstrip.jpg');
  await download(client, data.proxyUrl, proxyPath, opts.signal);
  await download(client, data.filmstripUrl, filmstripPath, opts.signal);
  const manifest: PreviewManifest = {
    key: data.key, durationMs: data.durationMs ?? 0, width: data.width ?? 0, height: data.height ?? 0, fps: data.fps ?? 30, size: data.size ?? 0,
    filmstrip: data.filmstrip, peaks: data.peaks,
  };
  await fs.promises.writeFile(path.join(dir, 'manifest.json.tmp'), JSON.stringify(manifest));
  await fs.promises.rename(path.join(dir, 'manifest.json.tmp'), path.join(dir, 'manifest.json'));
  return { key: data.key, dir, proxyPath, filmstripPath, manifest, reused: false };
}
