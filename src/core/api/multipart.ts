// A hand-built streaming multipart/form-data body. fetch + FormData keeps the whole file in memory (it tees
// the body in case of a redirect, undici issue 4058); a ReadableStream pulled from fs.createReadStream with an
// exact Content-Length, duplex:'half' and redirect:'error' keeps memory flat, and counting bytes as they are
// pulled is the only way to report upload progress.
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface MultipartFile {
  /** Absolute path on disk. */
  path: string;
  /** Size in bytes (from stat, checked before sending). */
  size: number;
}

export interface MultipartBody {
  contentType: string;
  contentLength: number;
  /** A fresh stream each call, so a retry can send the body again. */
  stream(onBytes: (sent: number) => void): ReadableStream<Uint8Array>;
  /** Set when reading a file failed mid-stream (it vanished, became unreadable): the real cause of the failure. */
  readError?: { file: string; error: Error };
}

const MIME: Record<string, string> = {
  mp4: 'video/mp4', mov: 'video/quicktime', avi: 'video/x-msvideo', webm: 'video/webm', mkv: 'video/x-matroska',
  jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', gif: 'image/gif', webp: 'image/webp',
  mp3: 'audio/mpeg', wav: 'audio/wav', m4a: 'audio/mp4', aac: 'audio/aac',
};

export function mimeOf(file: string): string {
  return MIME[path.extname(file).slice(1).toLowerCase()] ?? 'application/octet-stream';
}

/** Quotes a file name for Content-Disposition: escape quotes/backslashes, drop CR/LF. */
function quoteName(name: string): string {
  return name.replace(/[\r\n]/g, ' ').replace(/\\/g, '\\\\').replace(/"/g, '\\"');
}

/** Builds a body with one part named `field` per file. */
export function multipartBody(files: MultipartFile[], field = 'files'): MultipartBody {
  const boundary = `----generator-youtube-${randomBytes(12).toString('hex')}`;
  const enc = new TextEncoder();
  const heads = files.map((f) =>
    enc.encode(
      `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${quoteName(path.basename(f.path))}"\r\n` +
        `Content-Type: ${mimeOf(f.path)}\r\n\r\n`,
    ),
  );
  const crlf = enc.encode('\r\n');
  const tail = enc.encode(`--${boundary}--\r\n`);
  const contentLength = files.reduce((n, f, i) => n + heads[i]!.length + f.size + crlf.length, 0) + tail.length;

  async function* chunks(): AsyncGenerator<Uint8Array> {
    for (let i = 0; i < files.length; i++) {
      yield heads[i]!;
      // 256 KiB reads: few syscalls, and at most a couple of chunks in flight.
      try {
        for await (const chunk of fs.createReadStream(files[i]!.path, { highWaterMark: 256 * 1024 })) yield chunk as Buffer;
      } catch (e) {
        body.readError = { file: files[i]!.path, error: e instanceof Error ? e : new Error(String(e)) };
        throw e;
      }
      yield crlf;
    }
    yield tail;
  }

  const body: MultipartBody = {
    contentType: `multipart/form-data; boundary=${boundary}`,
    contentLength,
    stream(onBytes) {
      const it = chunks();
      let sent = 0;
      return new ReadableStream<Uint8Array>(
        {
          async pull(controller) {
            const next = await it.next();
            if (next.done) {
              controller.close();
              return;
            }
            sent += next.value.byteLength;
            onBytes(sent);
            controller.enqueue(next.value);
          },
          async cancel() {
            await it.return(undefined);
          },
        },
        { highWaterMark: 0 },
      );
    },
  };
  return body;
}
