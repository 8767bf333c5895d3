// Downloads a finished render: to `<name>.part`, length checked, then renamed. An interrupted download
// resumes with Range + If-Range (ETag or Last-Modified kept in a small sidecar). The output URL is tried
// first, then `/api/render/proxy/<id>/download`. The token is only sent to the API's own origin, and
// redirects are followed by hand so it is never carried to another host.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { NemoClient } from '../api/client';
import { action, cancelledError, describeCause, NemoError } from '../api/errors';
import { t } from '../i18n';
import type { RenderJob } from './job';

export interface DownloadOptions {
  signal?: AbortSignal;
  onProgress?: (receivedBytes: number, totalBytes: number | undefined) => void;
  /** File name inside outDir (default `<job id>.mp4`). */
  fileName?: string;
  /** Extra resume attempts after a dropped connection (default 2). */
  resumeAttempts?: number;
  /**
   * The finished render's own file, when the backend is the local engine on this machine
   * (WorkflowOptions.localRenderFile): copied instead of fetched over loopback HTTP. If it cannot be read,
   * the download goes over HTTP as usual.
   */
  localFile?: string;
}

interface PartMeta {
  url: string;
  validator?: string;
  total?: number;
}

class HttpFailure extends Error {
  constructor(readonly status: number) {
    super(`HTTP ${status}`);
  }
}

/** A failure of our own disk (full, read-only, no permission): no retry or other URL can help. */
class LocalWriteError extends Error {
  constructor(readonly file: string, override readonly cause: Error) {
    super(cause.message);
  }
}

function fsCode(e: unknown): string {
  return e && typeof e === 'object' && 'code' in e ? String((e as { code: unknown }).code) : e instanceof Error ? e.message : String(e);
}

function readMeta(file: string): PartMeta | undefined {
  try {
    const v = JSON.parse(fs.readFileSync(file, 'utf8')) as PartMeta;
    return typeof v.url === 'string' ? v : undefined;
  } catch {
    return undefined;
  }
}

function partSize(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
}

/** A strong ETag or a Last-Modified date: the two validators If-Range accepts. */
function validatorOf(res: Response): string | undefined {
  const etag = res.headers.get('etag');
  if (etag && !etag.startsWith('W/')) return etag;
  return res.headers.get('last-modified') ?? undefined;
}

function totalOf(res: Response, offset: number): number | undefined {
  const range = res.headers.get('content-range');
  const m = range ? /\/(\d+)\s*$/.exec(range) : null;
  if (m) return Number(m[1]);
  const len = res.headers.get('content-length');
  return len !== null && /^\d+$/.test(len) ? Number(len) + offset : undefined;
}

export async function downloadRender(client: NemoClient, job: RenderJob, outDir: string, opts: DownloadOptions = {}): Promise<string> {
  const target = path.join(outDir, opts.fileName ?? `${job.id}.mp4`);
  const part = `${target}.part`;
  const metaFile = `${part}.json`;
  try {
    await fs.promises.mkdir(outDir, { recursive: true });
  } catch (e) {
    throw new NemoError({
      kind: 'bad-input',
      userMessage: t(client.lang, 'err.outputFolder', { path: outDir, detail: fsCode(e) }),
      action: action(client.lang, 'open-settings'),
      detail: describeCause(e),
      cause: e,
    });
  }
  /** The complete part file goes under the final name. */
  const finish = async (): Promise<string> => {
    await fs.promises.rename(part, target);
    await fs.promises.rm(metaFile, { force: true });
    return target;
  };
  /** A stop, or our own disk failing, ends the download: no other source or retry can help. */
  const throwIfFinal = (e: unknown): void => {
    if (opts.signal?.aborted) throw cancelledError(client.lang);
    if (e instanceof LocalWriteError) throw writeFailed(client, e);
  };
  if (opts.localFile) {
    try {
      await copyInto(opts.localFile, part, opts);
      return await finish();
    } catch (e) {
      throwIfFinal(e);
      client.log.warn(`download ${job.id}: the engine's file could not be read (${describeCause(e)}); fetching it over HTTP`);
    }
  }
  // A relative output URL (some servers answer `/files/…`) is on the API's origin.
  const output = job.outputUrl ? new URL(job.outputUrl, `${client.apiUrl}/`).toString() : undefined;
  const urls = [...new Set([output, client.fallbackDownloadUrl(job.id)].filter((u): u is string => !!u))];
  let lastError: unknown;
  for (const url of urls) {
    let attemptsLeft = opts.resumeAttempts ?? 2;
    for (;;) {
      const before = partSize(part);
      try {
        await fetchInto(client, url, part, metaFile, opts);
        const meta = readMeta(metaFile);
        const got = partSize(part);
        if (meta?.total !== undefined && got !== meta.total) {
          throw new NemoError({
            kind: 'network',
            userMessage: t(client.lang, 'err.downloadLength', { got, expected: meta.total }),
            action: action(client.lang, 'retry'),
            detail: `length ${got} != ${meta.total}`,
          });
        }
        return await finish();
      } catch (e) {
        throwIfFinal(e);
        lastError = e;
        client.log.warn(`download ${job.id} from ${new URL(url).host} (had ${before} bytes, now ${partSize(part)}): ${describeCause(e)}`);
        // A dropped connection is resumed a bounded number of times (bytes still queued when a stream
        // errors are lost, so an attempt may show no progress); an HTTP error moves on to the fallback URL.
        if (e instanceof HttpFailure || attemptsLeft-- <= 0) break;
      }
    }
  }
  if (lastError instanceof NemoError) throw lastError;
  throw new NemoError({
    kind: 'network',
    userMessage: t(client.lang, 'err.download', { detail: describeCause(lastError) }),
    action: action(client.lang, 'retry'),
    detail: describeCause(lastError),
    cause: lastError,
  });
}

function writeFailed(client: NemoClient, e: LocalWriteError): NemoError {
  return new NemoError({
    kind: 'bad-input',
    userMessage: t(client.lang, 'err.writeFile', { path: e.file, detail: fsCode(e.cause) }),
    action: action(client.lang, 'open-settings'),
    detail: describeCause(e.cause),
    cause: e.cause,
  });
}

/**
 * Copies the local engine's finished file into the part file in 1 MB pieces, with progress like a download.
 * A read failure is thrown as is (the caller falls back to HTTP); a write failure as LocalWriteError.
 */
async function copyInto(source: string, part: string, opts: DownloadOptions): Promise<void> {
  const input = await fs.promises.open(source, 'r');
  let output: fs.promises.FileHandle | undefined;
  const writing = async <T>(op: () => Promise<T>): Promise<T> => {
    try {
      return await op();
    } catch (e) {
      throw new LocalWriteError(part, e as Error);
    }
  };
  try {
    const total = (await input.stat()).size;
    output = await writing(() => fs.promises.open(part, 'w'));
    const out = output;
    const buf = Buffer.allocUnsafe(Math.min(1024 * 1024, Math.max(1, total)));
    let copied = 0;
    opts.onProgress?.(0, total);
    while (copied < total) {
      if (opts.signal?.aborted) throw opts.signal.reason;
      const { bytesRead } = await input.read(buf, 0, buf.length, copied);
      if (bytesRead === 0) throw new Error(`${source} ended at ${copied} of ${total} bytes`);
      const at = copied;
      await writing(() => out.write(buf, 0, bytesRead, at));
      copied += bytesRead;
      opts.onProgress?.(copied, total);
    }
    output = undefined;
    await writing(() => out.close()).catch(async (e: unknown) => {
      await fs.promises.rm(part, { force: true }).catch(() => undefined);
      throw e;
    });
  } catch (e) {
    // What was written is removed; a part file that could not even be opened is not ours to remove.
    if (output) {
      await output.close().catch(() => undefined);
      await fs.promises.rm(part, { force: true }).catch(() => undefined);
    }
    throw e;
  } finally {
    await input.close();
  }
}

/** One GET into the part file: resumes when the part matches this URL and has a validator. */
async function fetchInto(client: NemoClient, firstUrl: string, part: string, metaFile: string, opts: DownloadOptions): Promise<void> {
  const meta = readMeta(metaFile);
  let offset = meta && meta.url === firstUrl && meta.validator ? partSize(part) : 0;
  let url = firstUrl;
  let res: Response | undefined;
  for (let hop = 0; hop < 5; hop++) {
    const headers = await client.headersFor(url);
    if (offset > 0 && meta?.validator) {
      headers.Range = `bytes=${offset}-`;
      headers['If-Range'] = meta.validator;
    }
    res = await client.transport(url, { method: 'GET', headers, redirect: 'manual', signal: opts.signal });
    const loc = res.headers.get('location');
    if (res.status >= 300 && res.status < 400 && loc) {
      await res.body?.cancel();
      url = new URL(loc, url).toString();
      continue;
    }
    break;
  }
  if (!res) throw new HttpFailure(0);
  if (res.status === 416 && meta?.total !== undefined && offset === meta.total) {
    await res.body?.cancel();
    return; // already complete
  }
  if (res.status !== 200 && res.status !== 206) {
    await res.body?.cancel();
    if (res.status === 416) await fs.promises.rm(part, { force: true });
    throw new HttpFailure(res.status);
  }
  if (res.status === 200) offset = 0; // the server ignored the range or the file changed: start over
  const total = totalOf(res, offset);
  const next: PartMeta = { url: firstUrl, validator: validatorOf(res), total };
  await fs.promises.writeFile(metaFile, JSON.stringify(next));
  const out = fs.createWriteStream(part, { flags: offset > 0 ? 'a' : 'w' });
  // A write error (disk full, read-only) arrives as an 'error' event: keep it, never let it escape.
  let writeError: Error | undefined;
  out.on('error', (e) => {
    writeError ??= e;
  });
  let received = offset;
  opts.onProgress?.(received, total);
  const reader = res.body?.getReader();
  try {
    if (reader) {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        if (writeError) break;
        received += value.byteLength;
        if (!out.write(value)) {
          await new Promise<void>((r) => {
            const settle = (): void => {
              out.off('drain', settle);
              out.off('error', settle);
              r();
            };
            out.on('drain', settle);
            out.on('error', settle);
          });
        }
        if (writeError) break;
        opts.onProgress?.(received, total);
      }
    }
  } finally {
    if (!writeError) {
      await new Promise<void>((resolve) => {
        out.end(() => resolve());
        out.once('error', () => resolve());
      });
    } else {
      // Closed before the call ends: no event of this stream can arrive after the caller has its answer.
      await new Promise<void>((resolve) => {
        if (out.closed) resolve();
        else out.once('close', () => resolve()).destroy();
      });
    }
  }
  if (writeError) {
    await reader?.cancel().catch(() => undefined);
    throw new LocalWriteError(part, writeError);
  }
}
