// The one request path every endpoint goes through: attribution headers, Bearer token, JSON or streamed
// body, both envelopes, schema check, and at most ONE automatic recovery per call, never a loop:
//   auth (1001/1010/1011/HTTP 401) → anonymous token: a new one (same client id), retry once;
//                                    the user's own token: "rejected, Set Token", no retry
//   429                            → wait Retry-After (seconds or HTTP date; else 30 s), retry once
//   5xx / reset on a GET           → short pause, retry once (GETs are safe to repeat)
// Session loss (1002) is thrown as kind 'session': the Workflow owns sessions and does that recovery.
import type { ZodType } from 'zod';
import { t, type Lang } from '../i18n';
import { type FailureInfo, retryAfterMs, unwrap } from './envelope';
import { action, badResponse, cancelledError, classify, isTransient, NemoError, networkError } from './errors';
import type { Identity } from './identity';
import type { Logger } from './logger';
import type { Transport } from './transport';

/** Pause before the single retry of an idempotent GET after a 5xx or a reset. */
export const TRANSIENT_GET_RETRY_MS = 1000;
/** The contract's wait after a 429 without Retry-After. */
export const DEFAULT_RATE_LIMIT_WAIT_MS = 30_000;

export interface CallSpec<T> {
  method: 'GET' | 'POST';
  path: string;
  /** JSON body, or a factory for a streaming body (called again on retry). */
  json?: unknown;
  stream?: () => { body: ReadableStream<Uint8Array>; contentType: string; contentLength: number };
  headers?: Record<string, string>;
  auth?: boolean;
  schema?: ZodType<T>;
  signal?: AbortSignal;
  /**
   * For /run_sse: return the raw Response once it is an event stream. Any other answer (HTTP 200 JSON with
   * a non-zero code, a JSON or HTML page…) is that error: no turn ran, so the recoveries above may send once more.
   */
  eventStream?: boolean;
  /** GETs retry one transient failure by default; the export poller has its own policy and opts out. */
  retryTransient?: boolean;
}

export interface RequesterDeps {
  apiUrl: string;
  webUrl: string;
  lang: Lang;
  transport: Transport;
  identity: Identity;
  log: Logger;
  attributionHeaders(): Record<string, string>;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  now(): number;
}

export function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function isEventStream(res: Response): boolean {
  return /^\s*text\/event-stream/i.test(res.headers.get('content-type') ?? '');
}

/** A body that is SSE frames although the Content-Type did not say so (a proxy rewrote it): still a stream. */
function looksLikeSse(text: string): boolean {
  return /^\s*(data|event|id|retry)\s*:|^\s*:/.test(text);
}

export class Requester {
  constructor(private readonly deps: RequesterDeps) {}

  /** What a classified error needs to pick its words and links (register link for anonymous users…). */
  errorContext(): { lang: Lang; webUrl: string; anonymous: boolean; anonUserId?: string } {
    const info = this.deps.identity.currentInfo;
    return { lang: this.deps.lang, webUrl: this.deps.webUrl, anonymous: info?.anonymous ?? true, anonUserId: info?.userId };
  }

  /** A failed answer (HTTP status, code, words) → the NemoError the user sees. */
  failureError(f: FailureInfo, retryAfter?: number): NemoError {
    const err = classify(this.errorContext(), { ...f, retryAfterMs: retryAfter });
    this.deps.log.warn(`request failed: ${err.kind} (${err.detail ?? ''})`);
    return err;
  }

  /**
   * The one recovery for a rejected token. Anonymous token: forget it and get a new one with the same client
   * id (the caller retries once). The user's own token (NEMO_TOKEN or Set Token): never replaced behind the
   * user's back — throws "rejected, set a new token".
   */
  async renewToken(e: NemoError, path: string, signal?: AbortSignal): Promise<void> {
    const { identity, lang, log } = this.deps;
    const info = identity.currentInfo;
    if (info && !info.anonymous) {
      const key = info.source === 'env' ? 'err.auth.env' : 'err.auth.user';
      throw new NemoError({ kind: 'auth', code: e.code, httpStatus: e.httpStatus, userMessage: t(lang, key), action: action(lang, 'set-token'), detail: e.detail });
    }
    log.warn(`${path}: token rejected (${e.detail ?? ''}); getting a new anonymous token and retrying once`);
    await identity.forgetToken();
    await identity.refreshAnonymous(signal);
  }

  async call<T>(spec: CallSpec<T>): Promise<T> {
    try {
      return await this.once(spec);
    } catch (e) {
      if (!(e instanceof NemoError)) throw e;
      if (e.kind === 'auth' && spec.auth !== false) {
        await this.renewToken(e, spec.path, spec.signal);
        return this.once(spec);
      }
      if (e.kind === 'rate-limit') {
        const wait = e.retryAfterMs ?? DEFAULT_RATE_LIMIT_WAIT_MS;
        this.deps.log.warn(`${spec.path}: rate limited; waiting ${Math.round(wait / 1000)} s, then one retry`);
        await this.pause(wait, spec.signal);
        return this.once(spec);
      }
      if (spec.method === 'GET' && spec.retryTransient !== false && isTransient(e)) {
        this.deps.log.warn(`${spec.path}: ${e.detail ?? e.kind}; retrying once`);
        await this.pause(e.retryAfterMs ?? TRANSIENT_GET_RETRY_MS, spec.signal);
        return this.once(spec);
      }
      throw e;
    }
  }

  private async pause(ms: number, signal?: AbortSignal): Promise<void> {
    try {
      await this.deps.sleep(ms, signal);
    } catch {
      throw cancelledError(this.deps.lang);
    }
  }

  private async once<T>(spec: CallSpec<T>): Promise<T> {
    const { lang, log } = this.deps;
    const url = `${this.deps.apiUrl}${spec.path}`;
    const headers: Record<string, string> = { ...this.deps.attributionHeaders(), ...spec.headers };
    if (spec.auth !== false) headers.Authorization = `Bearer ${await this.deps.identity.getToken(spec.signal)}`;
    const init: RequestInit & { duplex?: 'half' } = { method: spec.method, headers, signal: spec.signal };
    if (spec.json !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(spec.json);
    } else if (spec.stream) {
      const s = spec.stream();
      headers['Content-Type'] = s.contentType;
      headers['Content-Length'] = String(s.contentLength);
      init.body = s.body;
      init.duplex = 'half';
      // fetch keeps a copy of a streamed body for redirects unless redirects are errors (undici #4058).
      init.redirect = 'error';
    } else if (spec.method === 'POST') {
      headers['Content-Length'] = '0';
    }
    const started = this.deps.now();
    let res: Response;
    try {
      res = await this.deps.transport(url, init);
    } catch (e) {
      if (spec.signal?.aborted) throw cancelledError(lang);
      log.warn(`${spec.method} ${spec.path}: ${String(e)}`);
      throw networkError(lang, e);
    }
    log.debug?.(`${spec.method} ${spec.path} → HTTP ${res.status} (${this.deps.now() - started} ms)`);
    if (spec.eventStream && res.ok && isEventStream(res)) return res as unknown as T;
    let text: string;
    try {
      text = await res.text();
    } catch (e) {
      if (spec.signal?.aborted) throw cancelledError(lang);
      throw networkError(lang, e);
    }
    const u = unwrap(res.status, text);
    if (u.ok === false) throw this.failureError(u.failure, retryAfterMs(res.headers.get('retry-after'), this.deps.now()));
    if (spec.eventStream) {
      // An OK answer that is not an event stream: frames under the wrong Content-Type are still the turn;
      // anything else (code 0 JSON, a web page) is no turn at all and must not pass for a silent one.
      if (res.ok && looksLikeSse(text)) return new Response(text, { status: res.status, headers: { 'content-type': 'text/event-stream' } }) as unknown as T;
      throw badResponse(lang, `${spec.path}: answered ${res.headers.get('content-type') ?? 'without a Content-Type'} instead of an event stream (${text.slice(0, 80)})`, res.status);
    }
    if (u.ok === 'unparsable') throw badResponse(lang, `${spec.path}: not JSON (${text.slice(0, 80)})`, res.status);
    if (!spec.schema) return u.data as T;
    const parsed = spec.schema.safeParse(u.data);
    if (!parsed.success) throw badResponse(lang, `${spec.path}: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ').slice(0, 200)}`, res.status);
    return parsed.data;
  }
}
