// The render cache: finished pieces of renders (video spans, encoded audio, whole outputs) stored under a
// key of everything that decides their bytes, in a folder of the engine's data dir (so it survives
// restarts). Generic on purpose: the export's span renderer and the preview proxies both key their
// pieces by their own encode settings and share one size limit.
//
// Safety: an entry is `<key><ext>` plus a sidecar `<key>.json` holding its size and sha256. Entries are
// written as `.part`, checked, and renamed; the sidecar is written last, so an entry without a valid
// sidecar (crash, full disk) is never used and is removed. Before use the size and checksum are verified:
// a damaged entry is deleted and rendered again. Least-recently-used eviction keeps the folder under
// `maxBytes` (the sidecar's mtime is the last use). Entries a running render holds are never evicted.
import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

export const DEFAULT_RENDER_CACHE_MB = 2048;

interface Sidecar {
  size: number;
  sha256: string;
  ext: string;
  createdAt: string;
}

export interface CacheEntry {
  key: string;
  path: string;
  size: number;
}

const KEY = /^[0-9a-f]{64}$/;

/** sha256 of a JSON-serialisable description: the cache key of whatever it describes. */
export function cacheKey(parts: unknown): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

export async function fileSha256(file: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) h.update(chunk as Buffer);
  return h.digest('hex');
}

export class RenderCache {
  private readonly pinned = new Map<string, number>();

  constructor(readonly dir: string, readonly maxBytes: number) {
    fs.mkdirSync(dir, { recursive: true });
    // Half-written files of a render that died: never valid.
    for (const name of fs.readdirSync(dir)) if (name.includes('.part')) fs.rmSync(path.join(dir, name), { force: true });
  }

  private sidecarPath(key: string): string {
    return path.join(this.dir, `${key}.json`);
  }

  private entryPath(key: string, ext: string): string {
    return path.join(this.dir, `${key}${ext}`);
  }

  /** Keeps entries from eviction while a render uses them; returns the release function. */
  pin(keys: string[]): () => void {
    for (const k of keys) this.pinned.set(k, (this.pinned.get(k) ?? 0) + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      for (const k of keys) {
        const n = (this.pinned.get(k) ?? 1) - 1;
        if (n <= 0) this.pinned.delete(k);
        else this.pinned.set(k, n);
      }
    };
  }

  /**
   * The verified entry for `key`, or null (absent, or damaged — then it is removed so it is made again).
   * `verify: 'size'` skips the checksum (for the many small spans of a big export the size check plus the
   * write protocol is enough; the whole output and audio are always checksummed).
   */
  async get(key: string, verify: 'sha256' | 'size' = 'sha256'): Promise<CacheEntry | null> {
    if (!KEY.test(key)) throw new Error(`bad cache key ${key}`);
    let side: Sidecar;
    try {
      side = JSON.parse(await fs.promises.readFile(this.sidecarPath(key), 'utf8')) as Sidecar;
    } catch {
      return null;
    }
    const file = this.entryPath(key, side.ext);
    try {
      const st = await fs.promises.stat(file);
      if (st.size !== side.size) throw new Error('size');
      if (verify === 'sha256' && (await fileSha256(file)) !== side.sha256) throw new Error('checksum');
    } catch {
      await this.remove(key, side.ext);
      return null;
    }
    const now = new Date();
    await fs.promises.utimes(this.sidecarPath(key), now, now).catch(() => undefined);
    return { key, path: file, size: side.size };
  }

  /**
   * Moves a finished file (on the same file system, e.g. a render's work folder in the data dir) into the
   * cache under `key`. The file is checksummed, renamed into place, and only then described by its sidecar.
   */
  async adopt(key: string, file: string, ext: string): Promise<CacheEntry> {
    if (!KEY.test(key)) throw new Error(`bad cache key ${key}`);
    const st = await fs.promises.stat(file);
    const sha256 = await fileSha256(file);
    const target = this.entryPath(key, ext);
    const part = `${target}.part-${randomBytes(4).toString('hex')}`;
    try {
      await fs.promises.rename(file, part).catch(async (e: NodeJS.ErrnoException) => {
        if (e.code !== 'EXDEV') throw e;
        await fs.promises.copyFile(file, part);
      });
      await fs.promises.rename(part, target);
      const side: Sidecar = { size: st.size, sha256, ext, createdAt: new Date().toISOString() };
      const sidePart = `${this.sidecarPath(key)}.part-${randomBytes(4).toString('hex')}`;
      await fs.promises.writeFile(sidePart, JSON.stringify(side));
      await fs.promises.rename(sidePart, this.sidecarPath(key));
    } catch (e) {
      await fs.promises.rm(part, { force: true });
      await this.remove(key, ext);
      throw e;
    }
    return { key, path: target, size: st.size };
  }

  /** Stores a copy of `file` (a hard link when possible: outputs are never modified in place). */
  async storeCopy(key: string, file: string, ext: string): Promise<CacheEntry> {
    const tmp = path.join(this.dir, `${key}.copy.part-${randomBytes(4).toString('hex')}`);
    try {
      await fs.promises.link(file, tmp).catch(() => fs.promises.copyFile(file, tmp));
      return await this.adopt(key, tmp, ext);
    } finally {
      await fs.promises.rm(tmp, { force: true });
    }
  }

  /** Copies an entry out to `dest` (hard link when possible), via `<dest>.part` and rename. */
  async copyOut(entry: CacheEntry, dest: string): Promise<void> {
    const part = `${dest}.part`;
    await fs.promises.rm(part, { force: true });
    try {
      await fs.promises.link(entry.path, part).catch(() => fs.promises.copyFile(entry.path, part));
      await fs.promises.rename(part, dest);
    } catch (e) {
      await fs.promises.rm(part, { force: true });
      throw e;
    }
  }

  async remove(key: string, ext?: string): Promise<void> {
    await fs.promises.rm(this.sidecarPath(key), { force: true });
    if (ext !== undefined) await fs.promises.rm(this.entryPath(key, ext), { force: true });
  }

  /** Bytes in the cache (entries with a sidecar; orphans are removed). */
  async usage(): Promise<{ bytes: number; entries: Array<{ key: string; ext: string; size: number; usedAt: number }> }> {
    const names = await fs.promises.readdir(this.dir);
    const entries: Array<{ key: string; ext: string; size: number; usedAt: number }> = [];
    const described = new Set<string>();
    for (const name of names) {
      if (!name.endsWith('.json') || name.includes('.part')) continue;
      const key = name.slice(0, -5);
      if (!KEY.test(key)) continue;
      try {
        const side = JSON.parse(await fs.promises.readFile(path.join(this.dir, name), 'utf8')) as Sidecar;
        const st = await fs.promises.stat(path.join(this.dir, name));
        entries.push({ key, ext: side.ext, size: side.size, usedAt: st.mtimeMs });
        described.add(`${key}${side.ext}`);
      } catch {
        await fs.promises.rm(path.join(this.dir, name), { force: true });
      }
    }
    // A file whose sidecar never got written (crash between the two renames) is unusable: remove it.
    for (const name of names) {
      if (name.endsWith('.json') || name.includes('.part')) continue;
      if (!described.has(name) && KEY.test(name.slice(0, 64))) await fs.promises.rm(path.join(this.dir, name), { force: true });
    }
    return { bytes: entries.reduce((s, e) => s + e.size, 0), entries };
  }

  /** Least-recently-used eviction down to maxBytes (pinned entries stay). Returns the bytes removed. */
  async evict(): Promise<number> {
    const { bytes, entries } = await this.usage();
    let over = bytes - this.maxBytes;
    let removed = 0;
    if (over <= 0) return 0;
    for (const e of entries.sort((a, b) => a.usedAt - b.usedAt)) {
      if (over <= 0) break;
      if (this.pinned.has(e.key)) continue;
      await this.remove(e.key, e.ext);
      over -= e.size;
      removed += e.size;
    }
    return removed;
  }
}
