// What the user attached (dropped, pasted, picked) → files to upload, URLs to upload, and items refused with
// a reason, checked BEFORE anything is sent so bad input costs nothing. Pure (node:fs/path only, no vscode).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ACCEPTED_TYPES, formatBytes, isCaptionFile, MAX_UPLOAD_BYTES } from '../../core';

export type Attachment =
  | { kind: 'file'; path: string; name: string; size: number }
  /** A .srt/.vtt: taken in for the upload kit (re-timed through the edit), never uploaded. */
  | { kind: 'caption'; path: string; name: string }
  | { kind: 'url'; url: string; name: string }
  | { kind: 'rejected'; name: string; reason: 'type' | 'size' | 'missing' | 'not-a-file' | 'unknown'; detail: string };

/** A dropped/pasted line → an absolute local path, an http(s) URL, or null when it is neither. */
export function parseItem(raw: string): { path: string } | { url: string } | null {
  const s = raw.trim();
  if (!s) return null;
  if (/^https?:\/\//i.test(s)) {
    try {
      return { url: new URL(s).toString() };
    } catch {
      return null;
    }
  }
  if (/^file:\/\//i.test(s)) {
    try {
      return { path: fileURLToPath(s) };
    } catch {
      return null;
    }
  }
  // code-server / remote windows hand over vscode-remote://authority/path: the path is on this (host) machine.
  if (/^vscode-remote:\/\//i.test(s)) {
    try {
      return { path: decodeURIComponent(new URL(s).pathname) };
    } catch {
      return null;
    }
  }
  if (path.isAbsolute(s)) return { path: path.normalize(s) };
  return null;
}

export function extensionOf(p: string): string {
  const ext = path.extname(p).slice(1).toLowerCase();
  return ext === 'jpeg' ? 'jpg' : ext;
}

/** Checks one item: type by extension, size against the contract's ceiling, existence. */
export async function checkItem(raw: string, maxBytes: number = MAX_UPLOAD_BYTES): Promise<Attachment> {
  const parsed = parseItem(raw);
  const shortName = raw.length > 80 ? `…${raw.slice(-79)}` : raw;
  if (!parsed) return { kind: 'rejected', name: shortName, reason: 'unknown', detail: raw };
  if ('url' in parsed) return { kind: 'url', url: parsed.url, name: parsed.url.length > 80 ? `${parsed.url.slice(0, 79)}…` : parsed.url };
  const name = path.basename(parsed.path);
  const caption = isCaptionFile(parsed.path);
  if (!caption && !(ACCEPTED_TYPES as readonly string[]).includes(extensionOf(parsed.path))) {
    return { kind: 'rejected', name, reason: 'type', detail: [...ACCEPTED_TYPES, 'srt', 'vtt'].join(', ') };
  }
  let st: fs.Stats;
  try {
    st = await fs.promises.stat(parsed.path);
  } catch {
    return { kind: 'rejected', name, reason: 'missing', detail: parsed.path };
  }
  if (!st.isFile()) return { kind: 'rejected', name, reason: 'not-a-file', detail: parsed.path };
  if (caption) return { kind: 'caption', path: parsed.path, name };
  if (st.size > maxBytes) return { kind: 'rejected', name, reason: 'size', detail: formatBytes(st.size) };
  return { kind: 'file', path: parsed.path, name, size: st.size };
}
