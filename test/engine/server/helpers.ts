// Test helpers for the engine server: a raw node:http client (full control over headers and bodies, so bad
// inputs can be sent exactly), a multipart body builder, an SSE frame reader, and a started engine with a
// token and a session.
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { startEngine, type EngineOptions, type RunningEngine } from '../../../src/engine/server/index';
import { tempDir } from '../../support/media';

export const ATTRIBUTION = { 'X-Skill-Source': 'generator-youtube', 'X-Skill-Version': '0.1.0', 'X-Skill-Platform': 'vscode' };

/**
 * Parsed JSON as tests walk it: any key gives another Loose (undefined at run time if absent). Leaves are
 * compared with assert (which takes unknown) or read through str/num/arr, which check their type.
 */
export interface Loose {
  readonly [key: string]: Loose;
}

export function str(v: unknown): string {
  if (typeof v !== 'string') throw new Error(`expected a string, got ${JSON.stringify(v)}`);
  return v;
}

export function num(v: unknown): number {
  if (typeof v !== 'number') throw new Error(`expected a number, got ${JSON.stringify(v)}`);
  return v;
}

export function arr(v: unknown): Loose[] {
  if (!Array.isArray(v)) throw new Error(`expected an array, got ${JSON.stringify(v)}`);
  return v as Loose[];
}

export interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  text: string;
  /** Parsed body ({} when the body is not JSON). */
  json: Loose;
}

export interface RequestOptions {
  headers?: Record<string, string | number>;
  body?: string | Buffer | AsyncIterable<Buffer>;
  token?: string;
}

export function request(base: string, method: string, urlPath: string, opts: RequestOptions = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const u = new URL(urlPath, base);
    const headers: Record<string, string | number> = { ...opts.headers };
    if (opts.token) headers.Authorization = `Bearer ${opts.token}`;
    if ((typeof opts.body === 'string' || Buffer.isBuffer(opts.body)) && headers['Content-Length'] === undefined) {
      headers['Content-Length'] = Buffer.byteLength(opts.body);
    }
    const req = http.request(u, { method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        const text = body.toString('utf8');
        let json: Loose = {};
        try {
          json = JSON.parse(text) as Loose;
        } catch {
          /* not JSON: tests look at text */
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body, text, json });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    const b = opts.body;
    if (b === undefined) req.end();
    else if (typeof b === 'string' || Buffer.isBuffer(b)) req.end(b);
    else {
      (async () => {
        for await (const chunk of b) {
          if (!req.write(chunk)) await new Promise((r) => req.once('drain', r));
        }
        req.end();
      })().catch((e: Error) => req.destroy(e));
    }
  });
}

export const json = (value: unknown): RequestOptions['body'] => JSON.stringify(value);

export interface FilePart {
  /** Name sent in the part's filename (may be hostile on purpose). */
  filename: string;
  /** File to stream, or literal bytes. */
  file?: string;
  bytes?: Buffer;
  field?: string;
}

/** A multipart body as a stream from disk, with its exact length (sent as Content-Length). */
export function multipart(parts: FilePart[]): { body: AsyncIterable<Buffer>; length: number; contentType: string } {
  const boundary = `----gytest${Math.random().toString(16).slice(2)}`;
  const heads = parts.map((p) => Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${p.field ?? 'files'}"; filename="${p.filename.replace(/"/g, '%22')}"\r\nContent-Type: application/octet-stream\r\n\r\n`));
  const tail = Buffer.from(`--${boundary}--\r\n`);
  const sizes = parts.map((p) => (p.file ? fs.statSync(p.file).size : (p.bytes?.length ?? 0)));
  const length = heads.reduce((n, h, i) => n + h.length + sizes[i] + 2, 0) + tail.length;
  async function* body(): AsyncGenerator<Buffer> {
    for (let i = 0; i < parts.length; i++) {
      yield heads[i];
      const p = parts[i];
      if (p.file) {
        for await (const c of fs.createReadStream(p.file, { highWaterMark: 16 * 1024 })) yield c as Buffer;
      } else if (p.bytes) yield p.bytes;
      yield Buffer.from('\r\n');
    }
    yield tail;
  }
  return { body: body(), length, contentType: `multipart/form-data; boundary=${boundary}` };
}

export interface SseTurn {
  status: number;
  headers: http.IncomingHttpHeaders;
  events: Loose[];
  comments: string[];
  raw: string;
}

/**
 * Posts one /run_sse turn and collects every frame until the server closes the stream. `onHeaders` runs when
 * the stream's headers arrive (the turn is then registered as running on the server).
 */
export function runSse(base: string, token: string, sessionId: string, text: string, onHeaders?: () => void): Promise<SseTurn> {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify({ app_name: 'nemo_agent', user_id: 'me', session_id: sessionId, new_message: { parts: [{ text }] } });
    const req = http.request(new URL('/run_sse', base), {
      method: 'POST', agent: false,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', Accept: 'text/event-stream', 'Content-Length': Buffer.byteLength(body) },
    }, (res) => {
      onHeaders?.();
      let raw = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => { raw += c; });
      res.on('end', () => {
        const events: Loose[] = [];
        const comments: string[] = [];
        for (const block of raw.split('\n\n')) {
          if (!block.trim()) continue;
          const data = block.split('\n').filter((l) => l.startsWith('data:')).map((l) => l.slice(5).trimStart()).join('\n');
          for (const l of block.split('\n')) if (l.startsWith(':')) comments.push(l.slice(1).trim());
          if (data) events.push(JSON.parse(data) as Loose);
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, events, comments, raw });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

export interface Harness {
  engine: RunningEngine;
  dataDir: string;
  base: string;
  token: string;
  sessionId: string;
  logs: string[];
  /** The first log line from index `from` on that matches: resolves when the engine writes it. */
  logged(re: RegExp, from?: number): Promise<string>;
  upload(files: FilePart[], sid?: string): Promise<Reply>;
  state(sid?: string): Promise<Reply>;
}

export async function newToken(base: string, clientId = `test-${Math.random().toString(16).slice(2)}`): Promise<string> {
  const r = await request(base, 'POST', '/api/auth/anonymous-token', { headers: { 'X-Client-Id': clientId } });
  if ((r.json.code as unknown) !== 0) throw new Error(`anonymous token failed: ${r.text}`);
  return str(r.json.data.token);
}

export async function newSession(base: string, token: string): Promise<string> {
  const r = await request(base, 'POST', '/api/tasks/me/with-session/nemo_agent', { token, headers: { 'Content-Type': 'application/json' }, body: json({ task_name: 'project', language: 'en' }) });
  if ((r.json.code as unknown) !== 0) throw new Error(`session failed: ${r.text}`);
  return str(r.json.data.session_id);
}

export async function harness(opts: Partial<EngineOptions> = {}, existing?: { dataDir: string; token: string; sessionId: string }): Promise<Harness> {
  const logs: string[] = [];
  const waiting: Array<{ re: RegExp; from: number; found: (line: string) => void }> = [];
  const log = (line: string) => {
    logs.push(line);
    for (const w of [...waiting]) {
      if (logs.length - 1 >= w.from && w.re.test(line)) {
        waiting.splice(waiting.indexOf(w), 1);
        w.found(line);
      }
    }
  };
  const dataDir = existing?.dataDir ?? opts.dataDir ?? path.join(tempDir('gy-engine-'), 'data');
  const engine = await startEngine({ dataDir, log, ...opts });
  const base = engine.url;
  const token = existing?.token ?? await newToken(base);
  const sessionId = existing?.sessionId ?? await newSession(base, token);
  return {
    engine, dataDir, base, token, sessionId, logs,
    logged: (re, from = 0) => {
      const seen = logs.slice(from).find((l) => re.test(l));
      return seen !== undefined ? Promise.resolve(seen) : new Promise((found) => waiting.push({ re, from, found }));
    },
    upload: (files, sid = sessionId) => {
      const mp = multipart(files);
      return request(base, 'POST', `/api/upload-video/nemo_agent/me/${sid}`, { token, headers: { 'Content-Type': mp.contentType, 'Content-Length': mp.length }, body: mp.body });
    },
    state: (sid = sessionId) => request(base, 'GET', `/api/state/nemo_agent/me/${sid}/latest`, { token }),
  };
}

/** Polls the export status until it is completed or failed; `seen` collects every (status, progress) polled. */
export async function waitForRender(base: string, token: string, id: string, seen?: Array<[string, number]>): Promise<Reply> {
  for (;;) {
    const r = await request(base, 'GET', `/api/render/proxy/lambda/${id}`, { token });
    const status = r.json.data?.status as unknown;
    seen?.push([String(status), Number(r.json.data?.progress)]);
    if (status === 'completed' || status === 'failed' || r.status !== 200) return r;
    await new Promise((res) => setTimeout(res, 200));
  }
}
