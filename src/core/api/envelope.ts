// The two answer envelopes, and the three published export-status shapes.
//   business: {"code":0,"message":"…","data":{…}}  (non-zero code = error, even with HTTP 200)
//   render:   {"success":true,"data":{…}} | {"success":false,"error":"…"}
// Errors may also arrive as HTTP 4xx/5xx with those bodies, with {"detail":…}/{"error":…}, or not as JSON.
import { normaliseStatus, type RenderStatus } from '../render/job';

export type Obj = Record<string, unknown>;

export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** What a failed answer said, before classification into a NemoError. */
export interface FailureInfo {
  httpStatus?: number;
  code?: number;
  message?: string;
}

export type Unwrapped = { ok: true; data: unknown } | { ok: false; failure: FailureInfo } | { ok: 'unparsable'; text: string };

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function messageOf(body: Obj): string | undefined {
  for (const k of ['message', 'msg', 'error', 'detail', 'errorMessage']) {
    const v = body[k];
    if (typeof v === 'string' && v) return v;
    if (isObj(v) && typeof v.message === 'string') return v.message;
    if (Array.isArray(v) && v.length) return JSON.stringify(v).slice(0, 300);
  }
  return undefined;
}

function codeOf(body: Obj): number | undefined {
  const c = body.code;
  if (typeof c === 'number' && Number.isFinite(c)) return c;
  if (typeof c === 'string' && /^-?\d+$/.test(c)) return Number(c);
  return undefined;
}

/**
 * Unwraps either envelope. A body with `code` is a business envelope; one with `success` a render envelope;
 * anything else (e.g. export-status shapes 2 and 3) is taken as the data itself when HTTP says OK.
 */
export function unwrap(httpStatus: number, text: string): Unwrapped {
  const body = parseJson(text);
  const httpOk = httpStatus >= 200 && httpStatus < 300;
  if (!isObj(body)) {
    if (!httpOk) return { ok: false, failure: { httpStatus, message: text.trim().slice(0, 200) || undefined } };
    return { ok: 'unparsable', text };
  }
  const code = codeOf(body);
  if (code !== undefined) {
    if (code !== 0) return { ok: false, failure: { httpStatus: httpOk ? undefined : httpStatus, code, message: messageOf(body) } };
    if (!httpOk) return { ok: false, failure: { httpStatus, code, message: messageOf(body) } };
    return { ok: true, data: body.data ?? {} };
  }
  if (typeof body.success === 'boolean') {
    if (!body.success || !httpOk) return { ok: false, failure: { httpStatus: httpOk ? undefined : httpStatus, message: messageOf(body) } };
    return { ok: true, data: body.data ?? {} };
  }
  if (!httpOk) return { ok: false, failure: { httpStatus, message: messageOf(body) } };
  return { ok: true, data: body };
}

export interface RenderStatusInfo {
  status: RenderStatus;
  progress: number;
  outputUrl?: string;
  size?: number;
  durationSec?: number;
  error?: string;
}

function numberOf(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}

/**
 * Reads any of the three export-status shapes (after `unwrap`, shape 1's `data` is passed here):
 *   1. {id,status,progress,outputUrl,createdAt,completedAt}
 *   2. {status:"completed",progress:100,output:{url}}
 *   3. {taskId,status,progress,output:{url,duration,size}}
 * Returns null when there is no status at all.
 */
export function readRenderStatus(data: unknown): RenderStatusInfo | null {
  if (!isObj(data)) return null;
  const inner = isObj(data.data) && data.status === undefined ? data.data : data;
  if (inner.status === undefined && inner.state === undefined) return null;
  const output = isObj(inner.output) ? inner.output : {};
  const url = [inner.outputUrl, inner.output_url, output.url, inner.url, inner.downloadUrl].find((v): v is string => typeof v === 'string' && v.length > 0);
  const status = normaliseStatus(inner.status ?? inner.state);
  let progress = numberOf(inner.progress) ?? (status === 'completed' ? 100 : 0);
  if (progress > 0 && progress <= 1 && status !== 'completed' && !Number.isInteger(progress)) progress *= 100;
  const info: RenderStatusInfo = { status, progress: Math.max(0, Math.min(100, progress)) };
  if (url) info.outputUrl = url;
  const size = numberOf(output.size ?? inner.size);
  if (size !== undefined) info.size = size;
  const duration = numberOf(output.duration ?? inner.duration);
  if (duration !== undefined) info.durationSec = duration;
  const err = inner.error ?? inner.errorMessage ?? inner.message;
  if ((status === 'failed' || status === 'cancelled') && typeof err === 'string') info.error = err;
  return info;
}

/** What a submit answer may say: `{"success":true,"data":{id,status,progress}}` (unwrapped) or `{"render_id",status}`. */
export interface SubmitAnswer {
  id?: string;
  status?: RenderStatus;
  progress?: number;
}

export function readSubmitAnswer(data: unknown): SubmitAnswer {
  if (!isObj(data)) return {};
  const out: SubmitAnswer = {};
  const id = [data.id, data.render_id, data.renderId, data.taskId].find((v) => (typeof v === 'string' && v.length > 0) || typeof v === 'number');
  if (id !== undefined) out.id = String(id);
  if (typeof data.status === 'string') out.status = normaliseStatus(data.status);
  const progress = numberOf(data.progress);
  if (progress !== undefined) out.progress = Math.max(0, Math.min(100, progress));
  return out;
}

/** Retry-After as seconds or an HTTP date → ms (null when absent/garbled). */
export function retryAfterMs(header: string | null, now: number): number | undefined {
  if (!header) return undefined;
  const s = Number(header);
  if (Number.isFinite(s) && s >= 0) return s * 1000;
  const at = Date.parse(header);
  return Number.isFinite(at) ? Math.max(0, at - now) : undefined;
}
