// Over ~300 lines on purpose: one short method per contract endpoint (about 20 of them); the rules they share
// (identity, request/recovery, upload checks, envelopes) are already in their own files, so splitting further
// would only scatter the endpoint list.
// NemoClient: every endpoint of the NemoVideo contract, as one method each. The rules live next door:
// who we are (identity.ts), how a request is sent and recovered (request.ts), which local files may be
// uploaded (upload-check.ts), what the answers look like (envelope.ts, schemas.ts), and what a failure
// means to the user (errors.ts).
import { t, type Lang } from '../i18n';
import type { SecretStore, StateStore } from '../session/stores';
import { PACKAGE_VERSION } from '../version';
import { type FailureInfo, readRenderStatus, readSubmitAnswer, type RenderStatusInfo, type SubmitAnswer } from './envelope';
import { action, badInput, badResponse, NemoError } from './errors';
import { Identity, type TokenInfo } from './identity';
import { type Logger, redact, redactingLogger, silentLogger } from './logger';
import { multipartBody } from './multipart';
import { defaultSleep, Requester } from './request';
import * as S from './schemas';
import type { Transport } from './transport';
import { type CheckedFile, checkUploadFiles } from './upload-check';

export type { Logger } from './logger';
export type { TokenInfo } from './identity';
export type { SubmitAnswer } from './envelope';
export { TRANSIENT_GET_RETRY_MS } from './request';

export const DEFAULT_API_URL = 'https://mega-api-prod.nemovideo.ai';
export const DEFAULT_WEB_URL = 'https://nemovideo.com';

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
  /** A string such as "1080p" or "720p" (not pixels). */
  resolution?: string;
  fps?: number;
}

/**
 * What a cancel request achieved: the server stopped the job (or reports it finished); it has no job with
 * that id (nothing is running); or it cannot cancel at all (an older server without the route).
 */
export type CancelAnswer = { outcome: 'cancelled'; status?: RenderStatusInfo } | { outcome: 'unknown-job' } | { outcome: 'not-supported' };

function stripSlash(u: string): string {
  return u.replace(/\/+$/, '');
}

export class NemoClient {
  readonly apiUrl: string;
  readonly webUrl: string;
  /** Token/session storage is per backend: the cloud and the local engine have different tokens. */
  readonly backendKey: string;
  readonly platform: 'vscode' | 'cli';
  readonly version: string;
  readonly lang: Lang;
  readonly transport: Transport;
  readonly log: Logger;
  readonly now: () => number;
  private readonly env: Record<string, string | undefined>;
  private readonly ids: Identity;
  private readonly requests: Requester;

  constructor(opts: NemoClientOptions) {
    this.env = opts.env ?? process.env;
    this.apiUrl = stripSlash(this.env.NEMO_API_URL || opts.apiUrl || DEFAULT_API_URL);
    this.webUrl = stripSlash(this.env.NEMO_WEB_URL || opts.webUrl || DEFAULT_WEB_URL);
    this.backendKey = opts.backendKey ?? this.apiUrl;
    this.platform = opts.platform;
    this.version = opts.version ?? PACKAGE_VERSION;
    this.lang = opts.lang;
    this.transport = opts.transport;
    this.now = opts.now ?? Date.now;
    this.log = redactingLogger(opts.log ?? silentLogger, () => [this.ids.currentToken, this.env.NEMO_TOKEN]);
    this.ids = new Identity({
      env: this.env,
      secrets: opts.secrets,
      state: opts.state,
      backendKey: this.backendKey,
      log: this.log,
      fetchAnonymous: (clientId, signal) =>
        this.requests.call({ method: 'POST', path: '/api/auth/anonymous-token', auth: false, headers: { 'X-Client-Id': clientId }, schema: S.anonTokenData, signal }),
    });
    this.requests = new Requester({
      apiUrl: this.apiUrl,
      webUrl: this.webUrl,
      lang: this.lang,
      transport: this.transport,
      identity: this.ids,
      log: this.log,
      attributionHeaders: () => this.attributionHeaders(),
      sleep: opts.sleep ?? defaultSleep,
      now: this.now,
    });
  }

  /** The attribution headers; missing attribution makes export answer 402. */
  attributionHeaders(): Record<string, string> {
    return { 'X-Skill-Source': 'generator-youtube', 'X-Skill-Version': this.version, 'X-Skill-Platform': this.platform };
  }

  // ---------------------------------------------------------------- identity (see identity.ts)

  clientId(): Promise<string> {
    return this.ids.clientId();
  }

  getToken(signal?: AbortSignal): Promise<string> {
    return this.ids.getToken(signal);
  }

  /** What is known about the token in use (after getToken). */
  async identity(): Promise<TokenInfo> {
    await this.ids.getToken();
    return this.ids.currentInfo ?? { source: 'stored', anonymous: true };
  }

  setToken(token: string): Promise<void> {
    return this.ids.setToken(token);
  }

  forgetToken(): Promise<void> {
    return this.ids.forgetToken();
  }

  refreshAnonymousToken(signal?: AbortSignal): Promise<string> {
    return this.ids.refreshAnonymous(signal);
  }

  /**
   * The single recovery for a rejected token, for callers that learn of the rejection themselves (a
   * /run_sse body that is one JSON error): a new anonymous token, or "rejected, Set Token" for the user's own.
   */
  renewToken(e: NemoError, signal?: AbortSignal): Promise<void> {
    return this.requests.renewToken(e, '/run_sse', signal);
  }

  /** A failed answer the caller read itself → the NemoError the user sees (register link for anonymous users…). */
  failureError(f: FailureInfo): NemoError {
    return this.requests.failureError(f);
  }

  // ---------------------------------------------------------------- business endpoints

  /** POST /api/tasks/me/with-session/nemo_agent */
  async createSession(language: string = this.lang, signal?: AbortSignal): Promise<SessionInfo> {
    const d = await this.requests.call({ method: 'POST', path: '/api/tasks/me/with-session/nemo_agent', json: { task_name: 'project', language }, schema: S.sessionData, signal });
    return { taskId: d.task_id, sessionId: d.session_id };
  }

  /** POST /api/auth/claim-token → browser link `<web>/workspace/claim?ct=…`. */
  async claimLink(session: SessionInfo, signal?: AbortSignal): Promise<ClaimLink> {
    const d = await this.requests.call({ method: 'POST', path: '/api/auth/claim-token', json: { task_id: session.taskId, session_id: session.sessionId }, schema: S.claimData, signal });
    return { claimToken: d.claim_token, expiresIn: d.expires_in, url: `${this.webUrl}/workspace/claim?ct=${encodeURIComponent(d.claim_token)}` };
  }

  /** GET /api/credits/balance/simple */
  async credits(signal?: AbortSignal): Promise<Credits> {
    const d = await this.requests.call({ method: 'GET', path: '/api/credits/balance/simple', schema: S.creditsData, signal });
    const frozen = d.frozen ?? 0;
    return { available: d.available, frozen, total: d.total ?? d.available + frozen };
  }

  /** GET /api/state/nemo_agent/me/<sid>/latest */
  async sessionState(sessionId: string, signal?: AbortSignal): Promise<SessionStateAnswer> {
    const d = await this.requests.call({ method: 'GET', path: `/api/state/nemo_agent/me/${encodeURIComponent(sessionId)}/latest`, schema: S.stateData, signal });
    return { sessionId: d.session_id, taskId: d.task_id, state: d.state };
  }

  /**
   * POST /run_sse. Returns the open event stream; every answer that is not one (HTTP 200 JSON with a code,
   * 4xx/5xx, a web page) is thrown as a NemoError, after the usual one-time recoveries — safe because no
   * turn began.
   */
  async openTurn(sessionId: string, text: string, signal?: AbortSignal): Promise<Response> {
    return this.requests.call<Response>({
      method: 'POST',
      path: '/run_sse',
      json: { app_name: 'nemo_agent', user_id: 'me', session_id: sessionId, new_message: { parts: [{ text }] } },
      headers: { Accept: 'text/event-stream', 'Accept-Encoding': 'identity' },
      eventStream: true,
      signal,
    });
  }

  /** Returns `text` with the current token (and anything token-like) masked, for text shown to users. */
  redact(text: string): string {
    return redact(text, [this.ids.currentToken, this.env.NEMO_TOKEN]);
  }

  // ---------------------------------------------------------------- uploads

  /** Checks local files before any byte is sent (see upload-check.ts). */
  checkUploadFiles(files: string[]): Promise<CheckedFile[]> {
    return checkUploadFiles(this.lang, files);
  }

  /** POST /api/upload-video/nemo_agent/me/<sid> as streaming multipart, all files in one request. */
  async uploadFiles(sessionId: string, files: string[], opts: { onProgress?: (p: UploadProgress) => void; signal?: AbortSignal } = {}): Promise<S.UploadData> {
    const checked = await this.checkUploadFiles(files);
    const body = multipartBody(checked);
    try {
      return await this.requests.call({
        method: 'POST',
        path: `/api/upload-video/nemo_agent/me/${encodeURIComponent(sessionId)}`,
        stream: () => ({
          body: body.stream((sent) => opts.onProgress?.({ sentBytes: Math.min(sent, body.contentLength), totalBytes: body.contentLength })),
          contentType: body.contentType,
          contentLength: body.contentLength,
        }),
        schema: S.uploadData,
        signal: opts.signal,
      });
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

  /** Upload by URL: JSON `{"urls":[…],"source_type":"url"}`. */
  async uploadUrls(sessionId: string, urls: string[], signal?: AbortSignal): Promise<S.UploadData> {
    if (urls.length === 0) throw badInput(this.lang, t(this.lang, 'err.noFiles'));
    return this.requests.call({ method: 'POST', path: `/api/upload-video/nemo_agent/me/${encodeURIComponent(sessionId)}`, json: { urls, source_type: 'url' }, schema: S.uploadData, signal });
  }

  // ---------------------------------------------------------------- render endpoints

  /**
   * POST /api/render/proxy/lambda (camelCase sessionId). The caller picks the `render_<ms>` id; the answer
   * (either published shape) may name the job's id, status and progress.
   */
  async submitRender(id: string, sessionId: string, draft: unknown, output: RenderOutput = {}, signal?: AbortSignal): Promise<SubmitAnswer> {
    const data = await this.requests.call<unknown>({ method: 'POST', path: '/api/render/proxy/lambda', json: { id, sessionId, draft, output: { format: 'mp4', quality: 'high', ...output } }, signal });
    return readSubmitAnswer(data);
  }

  /** GET /api/render/proxy/lambda/<id>, any of the three published shapes. */
  async renderStatus(id: string, signal?: AbortSignal): Promise<RenderStatusInfo> {
    const data = await this.requests.call<unknown>({ method: 'GET', path: `/api/render/proxy/lambda/${encodeURIComponent(id)}`, signal, retryTransient: false });
    const info = readRenderStatus(data);
    if (!info) throw badResponse(this.lang, 'export status without a status field');
    return info;
  }

  /**
   * POST /api/render/proxy/lambda/<id>/cancel, no body. A 404 means either "no such route" (an older server
   * that cannot cancel: the caller stops following the job and says the backend may still finish it) or "no
   * such job" (nothing is running). The body cannot be trusted to tell them apart (a server may answer an
   * unknown route under /api/render/ in the render envelope too), so the job's own status route decides:
   * it knows the job → the cancel route is what is missing; it says 404 as well → there is no such job.
   */
  async cancelRender(id: string, signal?: AbortSignal): Promise<CancelAnswer> {
    try {
      const data = await this.requests.call<unknown>({ method: 'POST', path: `/api/render/proxy/lambda/${encodeURIComponent(id)}/cancel`, signal });
      return { outcome: 'cancelled', status: readRenderStatus(data) ?? undefined };
    } catch (e) {
      if (!(e instanceof NemoError && e.httpStatus === 404)) throw e;
    }
    try {
      await this.renderStatus(id, signal);
    } catch (e) {
      if (e instanceof NemoError && e.httpStatus === 404) {
        this.log.warn(`cancel ${id}: the server has no such job (${e.detail ?? ''})`);
        return { outcome: 'unknown-job' };
      }
      if (e instanceof NemoError && e.kind === 'cancelled') throw e;
      // The job's status could not be read: keep the careful answer (the backend may still finish it).
    }
    return { outcome: 'not-supported' };
  }

  // ---------------------------------------------------------------- engine-only extensions

  /**
   * Engine-only extension (local backend): start or reuse the preview proxy of the session's current draft.
   * The cloud has no such endpoint and answers 404 (callers then preview the last export instead).
   */
  async startPreview(sessionId: string, signal?: AbortSignal): Promise<S.PreviewData> {
    return this.requests.call({ method: 'POST', path: `/api/preview/nemo_agent/me/${encodeURIComponent(sessionId)}`, schema: S.previewData, signal });
  }

  /** Engine-only extension: the status of one preview (by the key startPreview answered). */
  async previewStatus(sessionId: string, key: string, signal?: AbortSignal): Promise<S.PreviewData> {
    return this.requests.call({ method: 'GET', path: `/api/preview/nemo_agent/me/${encodeURIComponent(sessionId)}/${encodeURIComponent(key)}`, schema: S.previewData, signal });
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
}

export function sameOrigin(a: string, b: string): boolean {
  try {
    return new URL(a).origin === new URL(b).origin;
  } catch {
    return false;
  }
}
