// Where an export is saved and under which name (pure, tested in plain Node). Names are readable
// (`<title or session>-<yyyy-mm-dd-hhmm>.mp4`), safe on every file system, and unique: an existing file is
// never overwritten, a `-2`, `-3`… suffix is added instead.
import * as path from 'node:path';

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)$/i;

/**
 * A file-name stem from free text: characters that are illegal on Windows/macOS/Linux and control characters
 * become "-", whitespace runs become "-", leading dots/dashes go (no hidden files), at most 60 characters
 * (cut on a code point, never inside a surrogate pair). Chinese and other scripts are kept.
 */
export function sanitizeStem(text: string, fallback = 'video'): string {
  let s = text
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f<>:"/\\|?*]+/g, '-')
    .replace(/\s+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[.\-]+/, '')
    .replace(/[.\-\s]+$/, '');
  s = Array.from(s).slice(0, 60).join('').replace(/[.\-]+$/, '');
  if (!s || WINDOWS_RESERVED.test(s)) return s ? `${s}-${fallback}` : fallback;
  return s;
}

/** `yyyy-mm-dd-hhmm` in local time. */
export function stampOf(ms: number): string {
  const d = new Date(ms);
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}`;
}

/** The readable stem for an export: the timeline title, else `session-<last 6 of the id>`, then the date. */
export function exportStem(opts: { title?: string | null; sessionId: string; createdAt: number }): string {
  const title = opts.title?.trim();
  const who = title ? sanitizeStem(title) : `session-${sanitizeStem(opts.sessionId.slice(-6), 'x')}`;
  return `${who}-${stampOf(opts.createdAt)}`;
}

/**
 * The first free `<stem>.<ext>`, `<stem>-2.<ext>`, … in the folder. A name is taken when the file exists,
 * when a download into it is in progress (`.part`), or when `reserved` holds it (downloads this process is
 * about to start).
 */
export function uniqueFileName(stem: string, ext: string, taken: (fileName: string) => boolean): string {
  const e = ext.replace(/^\./, '') || 'mp4';
  for (let i = 1; ; i++) {
    const name = i === 1 ? `${stem}.${e}` : `${stem}-${i}.${e}`;
    if (!taken(name) && !taken(`${name}.part`)) return name;
  }
}

export interface OutputFolderInputs {
  /** The `generatorYoutube.outputFolder` setting ('' = default). */
  setting: string;
  /** The first workspace folder, if any. */
  workspaceFolder?: string;
  home: string;
  /** Is this an existing directory? (Injected so the rule is testable.) */
  isDirectory: (p: string) => boolean;
}

/**
 * The folder exports go to: the setting (absolute, `~/…`, or relative to the workspace folder), else
 * `<workspace>/youtube-exports`, else the user's Videos folder (~/Videos), else the home folder.
 */
export function resolveOutputFolder(i: OutputFolderInputs): string {
  const setting = i.setting.trim();
  if (setting) {
    if (setting === '~' || setting.startsWith('~/') || setting.startsWith('~\\')) return path.join(i.home, setting.slice(1));
    if (path.isAbsolute(setting)) return path.normalize(setting);
    return path.resolve(i.workspaceFolder ?? i.home, setting);
  }
  if (i.workspaceFolder) return path.join(i.workspaceFolder, 'youtube-exports');
  const videos = path.join(i.home, 'Videos');
  return i.isDirectory(videos) ? videos : i.home;
}
