// Upload file names come from clients: keep only a safe base name (no folders, no traversal, no control
// characters, no leading dots), and never overwrite an existing file (name-1.mp4, name-2.mp4, …).
import * as path from 'node:path';

const MAX_NAME = 120;

export function sanitizeFilename(raw: string): string {
  // Both separators: a Windows-style "..\\..\\x" must not survive on Linux either.
  const base = raw.split(/[\\/]/).pop() ?? '';
  let name = base
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .replace(/[<>:"|?*]/g, '_')
    .trim()
    .replace(/^\.+/, '')
    .replace(/\s+/g, ' ');
  if (!name || name === '.' || name === '..') name = 'upload';
  if (name.length > MAX_NAME) {
    const ext = path.extname(name).slice(0, 10);
    name = name.slice(0, MAX_NAME - ext.length) + ext;
  }
  return name;
}

/** First of name, name-1, name-2 … (before the extension) that `taken` does not contain. */
export function uniqueFilename(name: string, taken: (candidate: string) => boolean): string {
  if (!taken(name)) return name;
  const ext = path.extname(name);
  const stem = name.slice(0, name.length - ext.length) || 'upload';
  for (let i = 1; ; i++) {
    const candidate = `${stem}-${i}${ext}`;
    if (!taken(candidate)) return candidate;
  }
}
