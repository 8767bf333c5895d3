// NemoClient: every endpoint of the NemoVideo contract, the attribution headers, both envelopes, identity
// (env token > stored token > anonymous token; persisted client id) and the automatic recoveries the contract
// table allows — each at most once per call, never a loop. Session loss (1002) is surfaced as a NemoError of
// kind 'session': the Workflow owns sessions and does that one recovery.
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ZodType } from 'zod';
import { t, type Lang } from '../i18n';
import { type SecretStore, type StateStore, STORE_KEYS } from '../session/stores';
import { PACKAGE_VERSION } from '../version';
import { type FailureInfo, readRenderStatus, type RenderStatusInfo, retryAfterMs, unwrap } from './envelope';
import {
  ACCEPTED_TYPES,
  action,
  badInput,
  badResponse,
  cancelledError,
  classify,
  formatBytes,
  isTransient,
  MAX_UPLOAD_BYTES,
  NemoError,
  networkError,
} from './errors';
import { type Logger, redact, redactingLogger, silentLogger } from './logger';
import { multipartBody } from './multipart';
import * as S from './schemas';
import type { Transport } from './transport';

export type { Logger } from './logger';

export const DEFAULT_API_URL = 'https://mega-api-prod.nemovideo.ai';
export const DEFAULT_WEB_URL = 'https://nemovideo.com';
/** Pause before the single retry of an idempotent GET after a 5xx or a reset. */
export const TRANSIENT_GET_RETRY_MS = 1000;

export interface NemoClientOptions {
  /** Overridden by env NEMO_API_URL. */
  apiUrl?: string;
  /** Overridden by env NEMO_WEB_URL. */
  webUrl?: string;
  /**
   * Key under which the token, session and render jobs are stored (default: the API URL). The CLI's
   * --local passes a fixed key because the in-process engine gets a new port on every run.
   */
  backendKey?: string;
  platform: 'vscode' | 'cli';
  /** X-Skill-Version; defaults to package.json's version. */
  version?: string;
  transport: Transport;
  secrets: SecretStore;
  state: StateStore;
  lang: Lang;
  log?: Logger;
  /** Environment to read NEMO_* from (default process.env); tests pass their own. */
  env?: Record<string, string | undefined>;
  /** Waits (429 back-off). Injectable so tests do not sleep. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  now?: () => number;
}

export interface TokenInfo {
  source: 'env' | 'stored' | 'anonymous';
  anonymous: boolean;
  userId?: string;
  expiresAt?: string;
}

export interface SessionInfo {
  taskId: string;
  sessionId: string;
}

export interface ClaimLink {
  claimToken: string;
  expiresIn?: number;
  url: string;
}

export interface Credits {
  available: number;
  frozen: number;
  total: number;
}

export interface SessionStateAnswer {
  sessionId?: string;
  taskId?: string;
  /** The raw `state` object: draft, video_infos, canvas_config, video_analyses, generated_media. */
  state: Record<string, unknown>;
}

export interface UploadProgress {
  sentBytes: number;
  totalBytes: number;
}

export interface RenderOutput {
  format?: 'mp4';
  quality?: 'high' | 'medium' | 'low';
  resolution?: string;
  fps?: number;
}

type Envelope = 'business' | 'render';

interface CallSpec<T> {
  method: 'GET' | 'POST';
  path: string;
  /** JSON body, or a factory for a streaming body (called again on retry). */
  json?: unknown;
  stream?: () => { body: ReadableStream<Uint8Array>; contentType: string; contentLength: number };
  headers?: Record<string, string>;
  auth?: boolean;
  envelope: Envelope;
  schema?: ZodType<T>;
  signal?: AbortSignal;
  /** For the SSE call: return the raw Response once it is OK. */
  raw?: boolean;
  /** GETs retry one transient failure by default; the export poller has its own policy and opts out. */
  retryTransient?: boolean;
}

function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
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

function stripSlash(u: string): string {
  return u.replace(/\/+$/, '');
}

export class NemoClient {
  readonly apiUrl: string;
  readonly webUrl: string;
  readonly platform: 'vscode' | 'cli';
  readonly version: string;
  readonly lang: Lang;
  readonly transport: Transport;
  readonly log: Logger;
  private readonly secrets: SecretStore;
  private readonly state: StateStore;
  private readonly env: Record<string, string | undefined>;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly now: () => number;
  /** Cached token for this process (also what the logger redacts). */
  private token: string | undefined;
  private tokenInfo: TokenInfo | undefined;
  /** Serialises concurrent anonymous-token requests: the backend allows one per client per 7 days. */
  private pendingToken: Promise<string> | undefined;

  constructor(opts: NemoClientOptions) {
    this.env = opts.env ?? process.env;
    this.apiUrl = stripSlash(this.env.NEMO_API_URL || opts.apiUrl || DEFAULT_API_URL);
    this.webUrl = stripSlash(this.env.NEMO_WEB_URL || opts.webUrl || DEFAULT_WEB_URL);
    this.backendKey = opts.backendKey ?? this.apiUrl;
    this.platform = opts.platform;
    this.version = opts.version ?? PACKAGE_VERSION;
    this.lang = opts.lang;
    this.transport = opts.transport;
    this.secrets = opts.secrets;
    this.state = opts.state;
    this.sleep = opts.sleep ?? defaultSleep;
    this.now = opts.now ?? Date.now;
    this.log = redactingLogger(opts.log ?? silentLogger, () => [this.token, this.env.NEMO_TOKEN]);
  }

  /** Token/session storage is per backend: the cloud and the local engine have different tokens. */
  readonly backendKey: string;

  /** The attribution headers; missing attribution makes export answer 402. */
  attributionHeaders(): Record<string, string> {
    return { 'X-Skill-Source': 'generator-youtube', 'X-Skill-Version': this.version, 'X-Skill-Platform': this.platform };
  }

  // ---------------------------------------------------------------- identity

  /** env NEMO_CLIENT_ID > stored > a new random id, persisted so the anonymous-token quota is not burnt. */
  async clientId(): Promise<string> {
    const fromEnv = this.env.NEMO_CLIENT_ID?.trim();
    if (fromEnv) return fromEnv.slice(0, 64);
    const stored = this.state.get<string>(STORE_KEYS.clientId);
    if (typeof stored === 'string' && stored.length > 0 && stored.length <= 64) return stored;
    return this.newClientId();
  }

  private async newClientId(): Promise<string> {
    const id = `gyt-${randomUUID()}`;
    await this.state.update(STORE_KEYS.clientId, id);
    return id;
  }

  /** env NEMO_TOKEN > stored token > a new anonymous token. */
  async getToken(signal?: AbortSignal): Promise<string> {
    const fromEnv = this.env.NEMO_TOKEN?.trim();
    if (fromEnv) {
      this.token = fromEnv;
      this.tokenInfo = { source: 'env', anonymous: false };
      return fromEnv;
    }
    if (this.token) return this.token;
    const stored = await this.secrets.get(STORE_KEYS.token(this.backendKey));
    if (stored) {
      this.token = stored;
      const info = this.state.get<TokenInfo>(STORE_KEYS.tokenInfo(this.backendKey));
      this.tokenInfo = info ? { ...info, source: 'stored' } : { source: 'stored', anonymous: true };
      return stored;
    }
    return this.refreshAnonymousToken(signal);
  }

  /** What is known about the token in use (after getToken). */
  async identity(): Promise<TokenInfo> {
    await this.getToken();
    return this.tokenInfo ?? { source: 'stored', anonymous: true };
  }

  /** Stores a registered user's token (from a setting or `set-token`). */
  async setToken(token: string): Promise<void> {
    await this.secrets.set(STORE_KEYS.token(this.backendKey), token);
    await this.state.update(STORE_KEYS.tokenInfo(this.backendKey), { source: 'stored', anonymous: false });
    this.token = token;
    this.tokenInfo = { source: 'stored', anonymous: false };
  }

  async forgetToken(): Promise<void> {
    await this.secrets.delete(STORE_KEYS.token(this.backendKey));
    this.token = undefined;
    this.tokenInfo = undefined;
  }

  /** POST /api/auth/anonymous-token with the persisted client id; HTTP 400 → new client id, one retry. */
  refreshAnonymousToken(signal?: AbortSignal): Promise<string> {
    this.pendingToken ??= this.fetchAnonymousToken(signal).finally(() => {
      this.pendingToken = undefined;
    });
    return this.pendingToken;
  }

  private async fetchAnonymousToken(signal?: AbortSignal): Promise<string> {
    // What the store held when we asked: if a token is stored while the request is in flight (the user ran
    // "set token", or another client on the same store got one), the late anonymous answer must not
    // replace it.
    const key = STORE_KEYS.token(this.backendKey);
    const storedBefore = await this.secrets.get(key);
    const attempt = async (clientId: string): Promise<S.AnonTokenData> =>
      this.call({
        method: 'POST',
        path: '/api/auth/anonymous-token',
        auth: false,
        headers: { 'X-Client-Id': clientId },
        envelope: 'business',
        schema: S.anonTokenData,
        signal,
      });
    let data: S.AnonTokenData;
    try {
      data = await attempt(await this.clientId());
    } catch (e) {
      if (!(e instanceof NemoError && e.kind === 'client-id')) throw e;
      this.log.warn('anonymous token: server wants a client id; creating and persisting a new one');
      data = await attempt(this.env.NEMO_CLIENT_ID?.trim() ? (await this.clientId()) : await this.newClientId());
    }
    const storedNow = await this.secrets.get(key);
    if (storedNow && storedNow !== storedBefore) {
      this.log.info('anonymous token not kept: a token was stored while it was being fetched');
      this.token = storedNow;
      const info = this.state.get<TokenInfo>(STORE_KEYS.tokenInfo(this.backendKey));
      this.tokenInfo = info ? { ...info, source: 'stored' } : { source: 'stored', anonymous: false };
      return storedNow;
    }
    this.token = data.token;
    this.tokenInfo = { source: 'anonymous', anonymous: true, userId: data.user_id, expiresAt: data.expires_at };
    await this.secrets.set(key, data.token);
    await this.state.update(STORE_KEYS.tokenInfo(this.backendKey), this.tokenInfo);
    this.log.info(`anonymous token obtained${data.user_id ? ` for ${data.user_id}` : ''}`);
    return data.token;
  }

  // ---------------------------------------------------------------- endpoints

  /** POST /api/tasks/me/with-session/nemo_agent */
  async createSession(language: string = this.lang, signal?: AbortSignal): Promise<SessionInfo> {
    const d = await this.call({
      method: 'POST',
      path: '/api/tasks/me/with-session/nemo_agent',
      json: { task_name: 'project', language },
      envelope: 'business',
      schema: S.sessionData,
      signal,
    });
    return { taskId: d.task_id, sessionId: d.session_id };
  }

  /** POST /api/auth/claim-token → browser link `<web>/workspace/claim?ct=…`. */
  async claimLink(session: SessionInfo, signal?: AbortSignal): Promise<ClaimLink> {
    const d = await this.call({
      method: 'POST',
      path: '/api/auth/claim-token',
      json: { task_id: session.taskId, session_id: session.sessionId },
      envelope: 'business',
      schema: S.claimData,
      signal,
    });
    return { claimToken: d.claim_token, expiresIn: d.expires_in, url: `${this.webUrl}/workspace/claim?ct=${encodeURIComponent(d.claim_token)}` };
  }

  /** GET /api/credits/balance/simple */
  async credits(signal?: AbortSignal): Promise<Credits> {
    const d = await this.call({ method: 'GET', path: '/api/credits/balance/simple', envelope: 'business', schema: S.creditsData, signal });
    const frozen = d.frozen ?? 0;
    return { available: d.available, frozen, total: d.total ?? d.available + frozen };
  }

  /** GET /api/state/nemo_agent/me/<sid>/latest */
  async sessionState(sessionId: string, signal?: AbortSignal): Promise<SessionStateAnswer> {
    const d = await this.call({
      method: 'GET',
      path: `/api/state/nemo_agent/me/${encodeURIComponent(sessionId)}/latest`,
      envelope: 'business',
      schema: S.stateData,
      signal,
    });
    return { sessionId: d.session_id, taskId: d.task_id, state: d.state };
  }

  /**
   * POST /run_sse. Returns the open Response (status 2xx, body = the event stream); errors before the stream
   * starts are thrown as NemoErrors (with the usual one-time recoveries, safe because the turn never began).
   */
  async openTurn(sessionId: string, text: string, signal?: AbortSignal): Promise<Response> {
    return this.call<Response>({
      method: 'POST',
      path: '/run_sse',
      json: { app_name: 'nemo_agent', user_id: 'me', session_id: sessionId, new_message: { parts: [{ text }] } },
      headers: { Accept: 'text/event-stream', 'Accept-Encoding': 'identity' },
      envelope: 'business',
      raw: true,
      signal,
    });
  }

  /** Returns `text` with the current token (and anything token-like) masked, for text shown to users. */
  redact(text: string): string {
    return redact(text, [this.token, this.env.NEMO_TOKEN]);
  }

  /**
   * Checks local files before any byte is sent: exists, regular file, accepted type, ≤ 500 MiB.
   * Throws a bad-input/unsupported-type/too-large NemoError naming the file.
   */
  async checkUploadFiles(files: string[]): Promise<Array<{ path: string; size: number }>> {
    if (files.length === 0) throw badInput(this.lang, t(this.lang, 'err.noFiles'));
    const out: Array<{ path: string; size: number }> = [];
    for (const f of files) {
      const abs = path.resolve(f);
      let st: fs.Stats;
      try {
        st = await fs.promises.stat(abs);
      } catch {
        throw badInput(this.lang, t(this.lang, 'err.fileMissing', { path: f }));
      }
      if (!st.isFile()) throw badInput(this.lang, t(this.lang, 'err.notAFile', { path: f }));
      const ext = path.extname(abs).slice(1).toLowerCase();
      if (!(ACCEPTED_TYPES as readonly string[]).includes(ext === 'jpeg' ? 'jpg' : ext)) {
        throw new NemoError({
          kind: 'unsupported-type',
          userMessage: `${path.basename(f)}: ${t(this.lang, 'err.unsupportedType', { types: ACCEPTED_TYPES.join(', ') })}`,
          action: action(this.lang, 'show-formats'),
          detail: `extension .${ext}`,
        });
      }
      if (st.size === 0) throw badInput(this.lang, t(this.lang, 'err.fileEmpty', { path: f }));
      if (st.size > MAX_UPLOAD_BYTES) {
        throw new NemoError({
          kind: 'too-large',
          userMessage: `${path.basename(f)}: ${t(this.lang, 'err.tooLarge', { size: formatBytes(st.size) })}`,
          action: action(this.lang, 'trim-or-compress'),
          detail: `${st.size} bytes`,
        });
      }
      out.push({ path: abs, size: st.size });
    }
    return out;
  }

  /** POST /api/upload-video/nemo_agent/me/<sid> as streaming multipart, all files in one request. */
  async uploadFiles(
    sessionId: string,
    files: string[],
    opts: { onProgress?: (p: UploadProgress) => void; signal?: AbortSignal } = {},
  ): Promise<S.UploadData> {
    const checked = await this.checkUploadFiles(files);
    const body = multipartBody(checked);
    try {
      return await this.uploadBody(sessionId, body, opts);
    } catch (e) {
      // A file that vanished or became unreadable mid-stream fails the request as a "network" error;
      // say what really happened.
      if (body.readError) {
        const { file, error } = body.readError;
        throw new NemoError({
          kind: 'bad-input',
          userMessage: t(this.lang, 'err.fileRead', { path: file, detail: (error as NodeJS.ErrnoException).code ?? error.message }),
          action: action(this.lang, 'none'),
          detail: error.message,
          cause: error,
        });
      }
      throw e;
    }
  }

  private uploadBody(sessionId: string, body: ReturnType<typeof multipartBody>, opts: { onProgress?: (p: UploadProgress) => void; signal?: AbortSignal }): Promise<S.UploadData> {
    return this.call({
      method: 'POST',
      path: `/api/upload-video/nemo_agent/me/${encodeURIComponent(sessionId)}`,
      stream: () => ({
        body: body.stream((sent) => opts.onProgress?.({ sentBytes: Math.min(sent, body.contentLength), totalBytes: body.contentLength })),
        contentType: body.contentType,
        contentLength: body.contentLength,
      }),
      envelope: 'business',
      schema: S.uploadData,
      signal: opts.signal,
    });
  }

  /** Upload by URL: JSON `{"urls":[…],"source_type":"url"}`. */
  async uploadUrls(sessionId: string, urls: string[], signal?: AbortSignal): Promise<S.UploadData> {
    if (urls.length === 0) throw badInput(this.lang, t(this.lang, 'err.noFiles'));
    return this.call({
      method: 'POST',
      path: `/api/upload-video/nemo_agent/me/${encodeURIComponent(sessionId)}`,
      json: { urls, source_type: 'url' },
      envelope: 'business',
      schema: S.uploadData,
      signal,
    });
  }

  /** POST /api/render/proxy/lambda (camelCase sessionId). The caller picks the `render_<ms>` id. */
  async submitRender(id: string, sessionId: string, draft: unknown, output: RenderOutput = {}, signal?: AbortSignal): Promise<unknown> {
    return this.call({
      method: 'POST',
      path: '/api/render/proxy/lambda',
      json: { id, sessionId, draft, output: { format: 'mp4', quality: 'high', ...output } },
      envelope: 'render',
      signal,
    });
  }

  /** GET /api/render/proxy/lambda/<id>, any of the three published shapes. */
  async renderStatus(id: string, signal?: AbortSignal): Promise<RenderStatusInfo> {
    const data = await this.call<unknown>({ method: 'GET', path: `/api/render/proxy/lambda/${encodeURIComponent(id)}`, envelope: 'render', signal, retryTransient: false });
    const info = readRenderStatus(data);
    if (!info) throw badResponse(this.lang, 'export status without a status field');
    return info;
  }

  /**
   * Engine-only extension (local backend): start or reuse the preview proxy of the session's current draft.
   * The cloud has no such endpoint and answers 404 (callers then preview the last export instead).
   */
  async startPreview(sessionId: string, signal?: AbortSignal): Promise<S.PreviewData> {
    return this.call({ method: 'POST', path: `/api/preview/nemo_agent/me/${encodeURIComponent(sessionId)}`, envelope: 'business', schema: S.previewData, signal });
  }

  /** Engine-only extension: the status of one preview (by the key startPreview answered). */
  async previewStatus(sessionId: string, key: string, signal?: AbortSignal): Promise<S.PreviewData> {
    return this.call({
      method: 'GET', path: `/api/preview/nemo_agent/me/${encodeURIComponent(sessionId)}/${encodeURIComponent(key)}`, envelope: 'business', schema: S.previewData, signal,
    });
  }

  /** The fallback download URL for a render. */
  fallbackDownloadUrl(id: string): string {
    return `${this.apiUrl}/api/render/proxy/${encodeURIComponent(id)}/download`;
  }

  /**
   * Headers for fetching `url`: attribution always; the Bearer token only when `url` is on the API's own
   * origin — never to a storage host on another origin.
   */
  async headersFor(url: string): Promise<Record<string, string>> {
    const h = this.attributionHeaders();
    if (sameOrigin(url, this.apiUrl)) h.Authorization = `Bearer ${await this.getToken()}`;
    return h;
  }

  // ---------------------------------------------------------------- the one request path

  private errorContext(): { lang: Lang; webUrl: string; anonymous: boolean; anonUserId?: string } {
    return { lang: this.lang, webUrl: this.webUrl, anonymous: this.tokenInfo?.anonymous ?? true, anonUserId: this.tokenInfo?.userId };
  }

  /**
   * Sends one request with at most ONE automatic recovery: 1001/401 → new anonymous token (same client id)
   * and retry; 429 → wait Retry-After (or 30 s) and retry. A second failure is thrown as is.
   */
  private async call<T>(spec: CallSpec<T>): Promise<T> {
    try {
      return await this.once(spec);
    } catch (e) {
      if (!(e instanceof NemoError)) throw e;
      if (e.kind === 'auth' && spec.auth !== false) {
        if (this.tokenInfo?.source === 'env') {
          throw new NemoError({ kind: 'auth', code: e.code, httpStatus: e.httpStatus, userMessage: t(this.lang, 'err.auth.env'), action: action(this.lang, 'set-token'), detail: e.detail });
        }
        this.log.warn(`${spec.path}: token rejected (${e.detail ?? ''}); getting a new anonymous token and retrying once`);
        await this.forgetToken();
        await this.refreshAnonymousToken(spec.signal);
        return this.once(spec);
      }
      if (spec.method === 'GET' && spec.retryTransient !== false && isTransient(e) && e.kind !== 'rate-limit') {
        // GETs are safe to repeat: one more try after a short pause for a 5xx or a reset connection.
        this.log.warn(`${spec.path}: ${e.detail ?? e.kind}; retrying once`);
        try {
          await this.sleep(e.retryAfterMs ?? TRANSIENT_GET_RETRY_MS, spec.signal);
        } catch {
          throw cancelledError(this.lang);
        }
        return this.once(spec);
      }
      if (e.kind === 'rate-limit') {
        const wait = e.retryAfterMs ?? 30_000;
        this.log.warn(`${spec.path}: rate limited; waiting ${Math.round(wait / 1000)} s, then one retry`);
        try {
          await this.sleep(wait, spec.signal);
        } catch {
          throw cancelledError(this.lang);
        }
        return this.once(spec);
      }
      throw e;
    }
  }

  private async once<T>(spec: CallSpec<T>): Promise<T> {
    const url = `${this.apiUrl}${spec.path}`;
    const headers: Record<string, string> = { ...this.attributionHeaders(), ...spec.headers };
    if (spec.auth !== false) headers.Authorization = `Bearer ${await this.getToken(spec.signal)}`;
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
    const started = this.now();
    let res: Response;
    try {
      res = await this.transport(url, init);
    } catch (e) {
      if (spec.signal?.aborted) throw cancelledError(this.lang);
      this.log.warn(`${spec.method} ${spec.path}: ${String(e)}`);
      throw networkError(this.lang, e);
    }
    this.log.debug?.(`${spec.method} ${spec.path} → HTTP ${res.status} (${this.now() - started} ms)`);
    if (spec.raw && res.ok) return res as unknown as T;
    let text: string;
    try {
      text = await res.text();
    } catch (e) {
      if (spec.signal?.aborted) throw cancelledError(this.lang);
      throw networkError(this.lang, e);
    }
    const u = unwrap(res.status, text);
    if (u.ok === 'unparsable') throw badResponse(this.lang, `${spec.path}: not JSON (${text.slice(0, 80)})`, res.status);
    if (u.ok === false) throw this.failure(u.failure, res);
    if (!spec.schema) return u.data as T;
    const parsed = spec.schema.safeParse(u.data);
    if (!parsed.success) throw badResponse(this.lang, `${spec.path}: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ').slice(0, 200)}`, res.status);
    return parsed.data;
  }

  private failure(f: FailureInfo, res: Response): NemoError {
    const err = classify(this.errorContext(), { ...f, retryAfterMs: retryAfterMs(res.headers.get('retry-after'), this.now()) });
    this.log.warn(`request failed: ${err.kind} (${err.detail ?? ''})`);
    return err;
  }
}

export function sameOrigin(a: string, b: string): boolean {
  try {
    return new URL(a).origin === new URL(b).origin;
  } catch {
    return false;
  }
}
