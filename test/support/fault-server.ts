// Fault responders for the ScriptedServer (test/support/scripted-server.ts): the misbehaviours its declarative
// `Scripted` answers cannot express. Each returns a `Scripted` with a `handle`, so a fault test scripts a
// route exactly like a contract test does, on the same real node:http server bound to 127.0.0.1.
//   resetConnection()       the socket is destroyed before any response byte (ECONNRESET on the client)
//   neverRespond()          the request is read and nothing is ever written (no headers, no body)
//   headersThenEnd()        200 + SSE headers, then a clean close with no body byte
//   openStream()            an SSE stream the TEST writes to, frame by frame, and can end or drop
//   rangeFile()             a file server with Range/If-Range on or off, optionally cut mid-body
//   shortBody()             a Content-Length promise broken by a clean FIN (not a reset)
import type * as http from 'node:http';
import type { Scripted } from './scripted-server';

/** Destroys the connection before any response byte. */
export function resetConnection(): Scripted {
  return {
    handle: (_req, res) => {
      res.socket?.destroy();
    },
  };
}

/** Holds the request open, never sending headers; `closed` resolves when the client gives up. */
export function neverRespond(): Scripted & { closed: Promise<void>; opened: Promise<void> } {
  let onClosed: () => void = () => undefined;
  let onOpened: () => void = () => undefined;
  const closed = new Promise<void>((r) => (onClosed = r));
  const opened = new Promise<void>((r) => (onOpened = r));
  return {
    closed,
    opened,
    handle: (_req, res) =>
      new Promise<void>((resolve) => {
        onOpened();
        res.socket?.once('close', () => {
          onClosed();
          resolve();
        });
      }),
  };
}

/** Sends 200 with event-stream headers, then ends the response without a single body byte. */
export function headersThenEnd(): Scripted {
  return {
    handle: (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      res.flushHeaders();
      setTimeout(() => res.end(), 20);
    },
  };
}

export interface OpenStream extends Scripted {
  /** Resolves once the headers are out (the client is reading). */
  opened: Promise<void>;
  /** Resolves when the connection closes (client abort, drop, or end). */
  closed: Promise<void>;
  /** Writes one `data: …\n\n` frame. */
  data(payload: string): void;
  /** Writes `: text\n\n` (a heartbeat comment). */
  comment(text: string): void;
  end(): void;
  drop(): void;
  /** True once the client closed the connection before the server ended it. */
  readonly clientClosed: boolean;
}

/** An SSE stream under the test's control: the server writes only when the test says so. */
export function openStream(): OpenStream {
  let res: http.ServerResponse | undefined;
  let onOpened: () => void = () => undefined;
  let onClosed: () => void = () => undefined;
  let serverEnded = false;
  let clientClosed = false;
  const opened = new Promise<void>((r) => (onOpened = r));
  const closed = new Promise<void>((r) => (onClosed = r));
  return {
    opened,
    closed,
    get clientClosed() {
      return clientClosed;
    },
    data: (payload) => void res?.write(`data: ${payload}\n\n`),
    comment: (text) => void res?.write(`: ${text}\n\n`),
    end: () => {
      serverEnded = true;
      res?.end();
    },
    drop: () => {
      serverEnded = true;
      res?.socket?.destroy();
    },
    handle: (_req, r) =>
      new Promise<void>((resolve) => {
        res = r;
        r.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
        r.flushHeaders();
        r.socket?.once('close', () => {
          if (!serverEnded) clientClosed = true;
          onClosed();
          resolve();
        });
        onOpened();
      }),
  };
}

export interface RangeFileOptions {
  /** Honour `Range` (206) — otherwise every answer is 200 with the whole file. */
  ranges: boolean;
  /** Send a strong ETag (the validator the client needs to resume). Default true. */
  etag?: boolean;
  /** Destroy the socket after this many bytes of the FIRST answer (a download cut mid-body). */
  cutFirstAt?: number;
}

/** A file server for one body; records the Range header of each request in `ranges`. */
export function rangeFile(content: Buffer, opts: RangeFileOptions): Scripted & { ranges: Array<string | undefined> } {
  const ranges: Array<string | undefined> = [];
  const tag = '"fault-v1"';
  return {
    ranges,
    handle: (req, res) => {
      const range = typeof req.headers.range === 'string' ? req.headers.range : undefined;
      ranges.push(range);
      const first = ranges.length === 1;
      const headers: Record<string, string> = { 'content-type': 'video/mp4' };
      if (opts.etag !== false) headers.etag = tag;
      if (opts.ranges) headers['accept-ranges'] = 'bytes';
      const m = range ? /^bytes=(\d+)-$/.exec(range) : null;
      const ifRange = req.headers['if-range'];
      let from = 0;
      if (opts.ranges && m && (ifRange === undefined || ifRange === tag)) from = Number(m[1]);
      const body = content.subarray(from);
      headers['content-length'] = String(body.length);
      if (from > 0) headers['content-range'] = `bytes ${from}-${content.length - 1}/${content.length}`;
      res.writeHead(from > 0 ? 206 : 200, headers);
      if (first && opts.cutFirstAt !== undefined) {
        res.write(body.subarray(0, opts.cutFirstAt), () => setTimeout(() => res.socket?.destroy(), 20));
        return;
      }
      res.end(body);
    },
  };
}

/** Promises `content.length` bytes, sends `sent` of them, then closes the socket cleanly (FIN). */
export function shortBody(content: Buffer, sent: number): Scripted {
  return {
    handle: (_req, res) => {
      res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': String(content.length) });
      res.write(content.subarray(0, sent), () => setTimeout(() => res.socket?.end(), 20));
    },
  };
}
