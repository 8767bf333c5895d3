// Local files are checked before any byte is sent (the contract: "check before upload too"): exists, is a
// regular file, not empty, an accepted type, at most 500 MiB. Bad input costs nothing and loses nothing.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { t, type Lang } from '../i18n';
import { ACCEPTED_TYPES, action, badInput, formatBytes, MAX_UPLOAD_BYTES, NemoError } from './errors';

export interface CheckedFile {
  /** Absolute path. */
  path: string;
  size: number;
}

/** Throws a bad-input / unsupported-type / too-large NemoError naming the first bad file. */
export async function checkUploadFiles(lang: Lang, files: string[]): Promise<CheckedFile[]> {
  if (files.length === 0) throw badInput(lang, t(lang, 'err.noFiles'));
  const out: CheckedFile[] = [];
  for (const f of files) {
    const abs = path.resolve(f);
    let st: fs.Stats;
    try {
      st = await fs.promises.stat(abs);
    } catch {
      throw badInput(lang, t(lang, 'err.fileMissing', { path: f }));
    }
    if (!st.isFile()) throw badInput(lang, t(lang, 'err.notAFile', { path: f }));
    const ext = path.extname(abs).slice(1).toLowerCase();
    if (!(ACCEPTED_TYPES as readonly string[]).includes(ext === 'jpeg' ? 'jpg' : ext)) {
      throw new NemoError({
        kind: 'unsupported-type',
        userMessage: `${path.basename(f)}: ${t(lang, 'err.unsupportedType', { types: ACCEPTED_TYPES.join(', ') })}`,
        action: action(lang, 'show-formats'),
        detail: `extension .${ext}`,
      });
    }
    if (st.size === 0) throw badInput(lang, t(lang, 'err.fileEmpty', { path: f }));
    if (st.size > MAX_UPLOAD_BYTES) {
      throw new NemoError({
        kind: 'too-large',
        userMessage: `${path.basename(f)}: ${t(lang, 'err.tooLarge', { size: formatBytes(st.size) })}`,
        action: action(lang, 'trim-or-compress'),
        detail: `${st.size} bytes`,
      });
    }
    out.push({ path: abs, size: st.size });
  }
  return out;
}
