// Small helpers over node:http: the two envelopes of the contract and a bounded JSON body reader.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { EngineError, errors } from './errors';

export type Req = IncomingMessage;
export type Res = ServerResponse;

/** JSON bodies are drafts and small requests; 8 MiB leaves room for a large draft and stops a memory flood. */
export const MAX_JSON_BODY = 8 * 1024 * 1024;

export function sendJson(res: Res, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(text);
}

/** Business envelope `{code,message,data}`. */
export function sendOk(res: Res, data: unknown, message = 'success'): void {
  sendJson(res, 200, { code: 0, message, data });
}

export function sendBusinessError(res: Res, err: EngineError): void {
  sendJson(res, err.httpStatus, { code: err.code, message: err.message, data: null }, err.headers);
}

/** Render envelope `{success,...}`; errors keep the business code too so a client can refresh a token on 1001. */
export function sendRenderOk(res: Res, data: unknown): void {
  sendJson(res, 200, { success: true, data });
}

export function sendRenderError(res: Res, err: EngineError): void {
  sendJson(res, err.httpStatus, { success: false, error: err.message, code: err.code }, err.headers);
}

/** Reads a JSON object body with a size cap; empty body → {} (the anonymous-token call has none). */
export async function readJsonBody(req: Req, limit = MAX_JSON_BODY): Promise<Record<string, unknown>> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > limit) {
    throw new EngineError(4000, 413, `Request body too large (${declared} bytes; the limit is ${limit}).`, { Connection: 'close' });
  }
  const chunks: Buffer[] = [];
  let total = 0;
  await forEachChunk(req, async (chunk) => {
    total += chunk.length;
    if (total > limit) {
      throw new EngineError(4000, 413, `Request body too large (over ${limit} bytes).`, { Connection: 'close' });
    }
    chunks.push(chunk);
  });
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (!text) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw errors.badRequest(`Malformed JSON body: ${(e as Error).message}. Send a JSON object with Content-Type: application/json. / 请求体不是合法的 JSON。`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw errors.badRequest('The JSON body must be an object. / 请求体必须是 JSON 对象。');
  }
  return parsed as Record<string, unknown>;
}

export function stringField(body: Record<string, unknown>, key: string, required: true): string;
export function stringField(body: Record<string, unknown>, key: string, required?: false): string | undefined;
export function stringField(body: Record<string, unknown>, key: string, required = false): string | undefined {
  const v = body[key];
  if (v === undefined || v === null || v === '') {
    if (required) throw errors.badRequest(`Missing field "${key}". / 缺少字段 "${key}"。`);
    return undefined;
  }
  if (typeof v === 'number') return String(v);
  if (typeof v !== 'string') throw errors.badRequest(`Field "${key}" must be a string. / 字段 "${key}" 必须是字符串。`);
  return v;
}

/**
 * Feeds the request body to `onChunk` one chunk at a time (the next chunk waits: backpressure). Unlike
 * `for await`, stopping early on an error leaves the socket open, so the error answer still reaches the
 * client; the caller then drains and closes the connection.
 */
export function forEachChunk(req: Req, onChunk: (chunk: Buffer) => Promise<void>): Promise<void> {
  return new Promise((resolve, reject) => {
    let failed = false;
    // 'end' may fire right after the last 'data' even while paused, so it waits for this chain.
    let working: Promise<void> = Promise.resolve();
    const fail = (e: unknown) => {
      if (failed) return;
      failed = true;
      req.off('data', onData);
      req.pause();
      reject(e);
    };
    const onData = (chunk: Buffer) => {
      req.pause();
      working = working.then(() => onChunk(chunk)).then(() => { if (!failed) req.resume(); }, (e: unknown) => fail(e));
    };
    req.on('data', onData);
    req.once('end', () => { void working.then(() => { if (!failed) resolve(); }); });
    req.once('error', fail);
    req.once('aborted', () => fail(new Error('The client aborted the request.')));
  });
}
