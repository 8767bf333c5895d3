// Uploading files and/or URLs into the current session. Files go in one multipart request (default) or,
// with `separately`, one request per file (a failure then names the file and keeps the ones before it);
// URLs go in one JSON request. A backend on this machine (the local engine) can be handed files by file://
// URL instead (`byPath`): it copies them itself. Files are checked (type, size, existence) before anything is sent, so bad
// input costs nothing, not even a session.
import { pathToFileURL } from 'node:url';
import type { NemoClient, UploadProgress } from '../api/client';
import { badInput } from '../api/errors';
import type { UploadedFile } from '../api/schemas';
import { t, type Lang } from '../i18n';
import { rememberUploadCaptions } from '../kit/records';
import type { StateStore } from '../session/stores';
import type { CurrentSession, StoredSession } from './session';

export interface UploadResult {
  files: UploadedFile[];
}

export interface UploadOptions {
  onProgress?: (p: UploadProgress) => void;
  signal?: AbortSignal;
  separately?: boolean;
  /** Name local files by file:// URL instead of sending them (only for a backend on this machine: WorkflowOptions.filesByPath). */
  byPath?: boolean;
}

function isUrl(s: string): boolean {
  return /^https?:\/\//i.test(s.trim());
}

export async function uploadItems(client: NemoClient, state: StateStore, session: CurrentSession, lang: Lang, items: string[], opts: UploadOptions = {}): Promise<UploadResult> {
  const urls = items.filter(isUrl);
  const files = items.filter((i) => !isUrl(i));
  if (items.length === 0) throw badInput(lang, t(lang, 'err.noFiles'));
  const checked = files.length ? await client.checkUploadFiles(files) : [];
  const out: UploadedFile[] = [];
  let usedSession: StoredSession | undefined;
  await session.with(async (s) => {
    usedSession = s;
    out.length = 0;
    if (checked.length && !opts.byPath && !opts.separately) {
      // One multipart request: its own byte progress (framing included).
      out.push(...(await client.uploadFiles(s.sessionId, files, opts)).files);
    } else if (checked.length) {
      // Several requests (one per file, so a failure names its file), or files handed over by path (the
      // backend copies them itself): progress over all files, the finished ones plus the current one's bytes.
      const size = (g: typeof checked) => g.reduce((n, f) => n + f.size, 0);
      const total = size(checked);
      let done = 0;
      opts.onProgress?.({ sentBytes: 0, totalBytes: total });
      for (const group of opts.byPath && !opts.separately ? [checked] : checked.map((c) => [c])) {
        const r = opts.byPath
          ? await client.uploadUrls(s.sessionId, group.map((c) => pathToFileURL(c.path).href), opts.signal)
          : await client.uploadFiles(s.sessionId, [group[0].path], {
              signal: opts.signal,
              onProgress: (p) => opts.onProgress?.({ sentBytes: done + Math.min(p.sentBytes, group[0].size), totalBytes: total }),
            });
        out.push(...r.files);
        done += size(group);
        opts.onProgress?.({ sentBytes: done, totalBytes: total });
      }
    }
    // A caption file next to an uploaded clip is remembered for the export's kit (files come back in order).
    await rememberUploadCaptions(state, client.backendKey, s.sessionId, files, out.slice(0, files.length));
    if (urls.length) out.push(...(await client.uploadUrls(s.sessionId, urls, opts.signal)).files);
  }, opts.signal);
  // Remembered so that a lost session (1002) can be given the same media again (session.ts, recover).
  if (usedSession) await session.recordUploads(usedSession, [...checked.map((c) => c.path), ...urls]);
  return { files: out };
}
