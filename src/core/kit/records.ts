// What the kit must remember between the moment it learns something and the export it is made for, kept in
// the front end's StateStore (globalState / the CLI's state file):
// - caption sources per session: a `clip.srt`/`clip.vtt` found next to an uploaded clip, or a caption file
//   attached in the chat (the backend never sees these files: captions are the client's business);
// - an export snapshot per render job: the draft exactly as it was exported and the state's media list, so
//   the kit (now or later, `generator-youtube kit <render-id>`) reads the edit the video was made from, not
//   whatever the timeline became since.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { StateStore } from '../session/stores';
import type { CaptionSource } from './build';
import type { MediaRef } from './editMap';

export const CAPTION_EXTENSIONS = ['.srt', '.vtt'];

export function isCaptionFile(p: string): boolean {
  return CAPTION_EXTENSIONS.includes(path.extname(p).toLowerCase());
}

/** `clip.srt` or `clip.vtt` (any case) next to `clip.mp4`, or null. */
export function siblingCaption(videoPath: string): string | null {
  const dir = path.dirname(videoPath);
  const stem = path.basename(videoPath, path.extname(videoPath)).toLowerCase();
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return null;
  }
  for (const ext of CAPTION_EXTENSIONS) {
    const hit = names.find((n) => n.toLowerCase() === `${stem}${ext}`);
    if (hit) return path.join(dir, hit);
  }
  return null;
}

const captionsKey = (backend: string, sessionId: string): string => `kit.captions:${backend}:${sessionId}`;
const snapshotsKey = (backend: string): string => `kit.exports:${backend}`;

export function captionSources(store: StateStore, backend: string, sessionId: string): CaptionSource[] {
  const v = store.get<CaptionSource[]>(captionsKey(backend, sessionId));
  return Array.isArray(v) ? v.filter((c) => c && typeof c.path === 'string' && Array.isArray(c.keys)) : [];
}

async function addSources(store: StateStore, backend: string, sessionId: string, add: CaptionSource[]): Promise<void> {
  if (!add.length) return;
  const paths = new Set(add.map((a) => a.path));
  const keep = captionSources(store, backend, sessionId).filter((c) => !paths.has(c.path));
  await store.update(captionsKey(backend, sessionId), [...keep, ...add].slice(-100));
}

/**
 * After an upload: each local video with a caption file beside it is remembered under every name the
 * server gave it. Answers list files in the order they were sent; if the counts differ, the original base
 * name alone is used (the kit also matches names loosely).
 */
export async function rememberUploadCaptions(
  store: StateStore,
  backend: string,
  sessionId: string,
  localPaths: string[],
  answered: Array<Record<string, unknown>>,
): Promise<CaptionSource[]> {
  const add: CaptionSource[] = [];
  localPaths.forEach((p, i) => {
    const cap = siblingCaption(p);
    if (!cap) return;
    const f = answered.length === localPaths.length ? answered[i] : undefined;
    const keys = [path.basename(p), ...['id', 'filename', 'hash', 'cdn_url'].map((k) => f?.[k]).filter((v): v is string => typeof v === 'string' && v !== '')];
    add.push({ keys, path: cap });
  });
  await addSources(store, backend, sessionId, add);
  return add;
}

/** A caption file attached in the chat: matched to the clip of the same base name (or the only clip). */
export async function rememberAttachedCaptions(store: StateStore, backend: string, sessionId: string, files: string[]): Promise<CaptionSource[]> {
  const add = files.map((p) => ({ keys: [path.basename(p, path.extname(p))], path: path.resolve(p), attached: true }));
  await addSources(store, backend, sessionId, add);
  return add;
}

export interface ExportSnapshot {
  jobId: string;
  sessionId: string;
  draft: unknown;
  media: MediaRef[];
  at: number;
}

/** The state's `video_infos` as media references (whatever shape the backend used; unknown keys dropped). */
export function mediaRefs(videoInfos: unknown): MediaRef[] {
  const list = Array.isArray(videoInfos) ? videoInfos : videoInfos && typeof videoInfos === 'object' ? Object.values(videoInfos) : [];
  const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : typeof v === 'number' ? String(v) : undefined);
  return list
    .filter((x): x is Record<string, unknown> => !!x && typeof x === 'object')
    .map((x) => ({
      id: str(x.id) ?? str(x.media_id) ?? str(x.file_id),
      filename: str(x.filename) ?? str(x.file_name) ?? str(x.name),
      cdn_url: str(x.cdn_url) ?? str(x.url),
      hash: str(x.hash),
      duration: typeof x.duration === 'number' ? x.duration : undefined,
    }));
}

export async function saveExportSnapshot(store: StateStore, backend: string, snap: ExportSnapshot): Promise<void> {
  const list = store.get<ExportSnapshot[]>(snapshotsKey(backend));
  const others = (Array.isArray(list) ? list : []).filter((s) => s.jobId !== snap.jobId);
  // Bounded: the 20 latest exports can have their kit made again.
  await store.update(snapshotsKey(backend), [snap, ...others].slice(0, 20));
}

export function exportSnapshot(store: StateStore, backend: string, jobId: string): ExportSnapshot | undefined {
  const list = store.get<ExportSnapshot[]>(snapshotsKey(backend));
  return Array.isArray(list) ? list.find((s) => s.jobId === jobId) : undefined;
}
