// Atomic JSON files: write `<file>.<rand>.tmp`, fsync, rename over the target. A crash leaves either the
// old or the new file, never half of one. Writes to the same file are chained so an older snapshot can
// never be renamed over a newer one.
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

const chains = new Map<string, Promise<void>>();

async function writeNow(file: string, text: string): Promise<void> {
  await fs.promises.mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${randomBytes(4).toString('hex')}.tmp`;
  const fh = await fs.promises.open(tmp, 'w', 0o600);
  try {
    await fh.writeFile(text, 'utf8');
    await fh.sync();
  } finally {
    await fh.close();
  }
  await fs.promises.rename(tmp, file);
}

/** Queues an atomic write of `value` as JSON; resolves when this (and every earlier) write is on disk. */
export function writeJsonAtomic(file: string, value: unknown): Promise<void> {
  const text = JSON.stringify(value, null, 1);
  const prev = chains.get(file) ?? Promise.resolve();
  const next = prev.catch(() => undefined).then(() => writeNow(file, text));
  chains.set(file, next);
  void next.finally(() => {
    if (chains.get(file) === next) chains.delete(file);
  }).catch(() => undefined);
  return next;
}

/** Reads a JSON file; undefined if it does not exist. A corrupt file is moved aside (kept for inspection). */
export function readJsonFile<T>(file: string): T | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  try {
    return JSON.parse(text) as T;
  } catch {
    fs.renameSync(file, `${file}.corrupt-${Date.now()}`);
    return undefined;
  }
}

/** Resolves when every queued write has finished (used by close()). */
export async function flushWrites(): Promise<void> {
  while (chains.size > 0) {
    await Promise.allSettled([...chains.values()]);
  }
}

/** Removes leftover `.tmp` files of writes interrupted by a crash. */
export function removeStaleTmp(dir: string): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) removeStaleTmp(p);
    else if (e.name.endsWith('.tmp')) fs.rmSync(p, { force: true });
  }
}
