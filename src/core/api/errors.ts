// One error taxonomy for everything the core does. Each error carries what the UI needs to show it without
// knowing the backend: a kind, the backend code/HTTP status when there is one, plain-language text, and the
// one action that fixes it (the contract: "never show raw codes alone").
import { t, type Lang, type MessageKey } from '../i18n';
import { redact } from './logger';

export type NemoErrorKind =
  | 'auth' // 1001/1010/1011/HTTP 401: token expired, invalid or refused
  | 'session' // 1002: session not found
  | 'credits' // 2001, or a 402/403 whose body talks about credits: out of credits
  | 'unsupported-type' // 4001 or caught before upload
  | 'too-large' // 4002 or caught before upload
  | 'client-id' // HTTP 400 on the anonymous token call
  | 'plan' // HTTP 402/403 that is about the plan: it cannot export (or attribution headers missing)
  | 'rate-limit' // HTTP 429
  | 'network' // connection refused/reset, DNS, TLS
  | 'server' // 5xx or a non-zero code we do not know
  | 'bad-response' // an answer that does not match any published shape
  | 'timeout' // our own timers gave up
  | 'cancelled' // the user stopped (AbortSignal)
  | 'bad-input'; // local validation (missing file, empty timeline…)

export type RecoveryActionId =
  | 'new-session'
  | 'register'
  | 'top-up'
  | 'show-formats'
  | 'retry'
  | 'set-token'
  | 'check-status'
  | 'trim-or-compress'
  | 'open-settings'
  | 'none';

export interface RecoveryAction {
  id: RecoveryActionId;
  /** Localised button/hint text. */
  label: string;
  /** For actions that open a web page (register, top-up, plan). */
  url?: string;
}

export interface NemoErrorInit {
  kind: NemoErrorKind;
  userMessage: string;
  action: RecoveryAction;
  code?: number;
  httpStatus?: number;
  /** Technical detail for logs (never contains the token). */
  detail?: string;
  /** For rate-limit: how long the server asked us to wait. */
  retryAfterMs?: number;
  cause?: unknown;
}

export class NemoError extends Error {
  readonly kind: NemoErrorKind;
  readonly code?: number;
  readonly httpStatus?: number;
  readonly userMessage: string;
  readonly action: RecoveryAction;
  readonly detail?: string;
  readonly retryAfterMs?: number;

  constructor(init: NemoErrorInit) {
    // Server text ends up in these; a hostile or buggy server may echo the token back: never show it.
    const userMessage = redact(init.userMessage);
    super(userMessage, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'NemoError';
    this.kind = init.kind;
    this.code = init.code;
    this.httpStatus = init.httpStatus;
    this.userMessage = userMessage;
    this.action = init.action;
    this.detail = init.detail === undefined ? undefined : redact(init.detail);
    this.retryAfterMs = init.retryAfterMs;
  }

  /** Plain data for logs, JSON output and webview messages. */
  toJSON(): Record<string, unknown> {
    return { kind: this.kind, code: this.code, httpStatus: this.httpStatus, message: this.userMessage, action: this.action, detail: this.detail };
  }
}

export function isNemoError(e: unknown): e is NemoError {
  return e instanceof NemoError;
}

export function action(lang: Lang, id: RecoveryActionId, url?: string): RecoveryAction {
  return url ? { id, label: t(lang, `action.${id}` as MessageKey), url } : { id, label: t(lang, `action.${id}` as MessageKey) };
}

/** Accepted upload extensions, in the contract's order. */
export const ACCEPTED_TYPES = ['mp4', 'mov', 'avi', 'webm', 'mkv', 'jpg', 'png', 'gif', 'webp', 'mp3', 'wav', 'm4a', 'aac'] as const;
/** The contract's ceiling: 500 × 1024 × 1024 bytes. */
export const MAX_UPLOAD_BYTES = 500 * 1024 * 1024;

// One byte formatter for every front end, the webview included (it may import only src/shared).
export { formatBytes } from '../../shared/bytes';

export interface ErrorContext {
  lang: Lang;
  webUrl: string;
  /** The anonymous user id (for the register link on 2001). */
  anonUserId?: string;
  /** Whether the token in use is anonymous (2001 → register) or a registered one (2001 → top up). */
  anonymous: boolean;
}

/**
 * Classifies a failed answer (HTTP status + business code + message) into a NemoError.
 * Business code wins over HTTP status, since errors come both as HTTP 200 with a code and as 4xx/5xx.
 */
export function classify(
  ctx: ErrorContext,
  info: { httpStatus?: number; code?: number; message?: string; retryAfterMs?: number },
): NemoError {
  const { lang } = ctx;
  const detail = [info.httpStatus ? `HTTP ${info.httpStatus}` : '', info.code !== undefined ? `code ${info.code}` : '', info.message ?? '']
    .filter(Boolean)
    .join(', ');
  const base = { code: info.code, httpStatus: info.httpStatus, detail };
  switch (info.code) {
    case 1001:
    case 1010:
    case 1011: // 1011 can also mean missing attribution headers: the caller renews once, never loops
      return new NemoError({ ...base, kind: 'auth', userMessage: t(lang, 'err.auth'), action: action(lang, 'retry') });
    case 1002:
      return new NemoError({ ...base, kind: 'session', userMessage: t(lang, 'err.session'), action: action(lang, 'new-session') });
    case 2001:
      return creditsError(ctx, base);
    case 4001:
      return new NemoError({
        ...base,
        kind: 'unsupported-type',
        userMessage: t(lang, 'err.unsupportedType', { types: ACCEPTED_TYPES.join(', ') }),
        action: action(lang, 'show-formats'),
      });
    case 4002:
      return new NemoError({ ...base, kind: 'too-large', userMessage: t(lang, 'err.tooLarge', { size: '> 500 MB' }), action: action(lang, 'trim-or-compress') });
    default:
      break;
  }
  switch (info.httpStatus) {
    case 400:
      // The contract's HTTP 400 is "missing client id" (the anonymous-token call). A 400 that carries its
      // own business code is a different refusal: show the server's words.
      if (info.code === undefined) return new NemoError({ ...base, kind: 'client-id', userMessage: t(lang, 'err.clientId'), action: action(lang, 'retry') });
      return new NemoError({ ...base, kind: 'server', userMessage: t(lang, 'err.unknownCode', { detail: info.message || detail }), action: action(lang, 'retry') });
    case 401:
      return new NemoError({ ...base, kind: 'auth', userMessage: t(lang, 'err.auth'), action: action(lang, 'retry') });
    case 402:
    case 403:
      // Sources disagree (skill: 402 = plan cannot export; MCP plugin: 402 = credits, 403 = plan): the body
      // decides; only a body that says neither falls back to the status code (both mean "plan" then).
      return paymentError(ctx, base, info.message);
    case 404:
      return new NemoError({ ...base, kind: 'bad-response', userMessage: t(lang, 'err.unknownCode', { detail }), action: action(lang, 'check-status') });
    case 413:
      return new NemoError({ ...base, kind: 'too-large', userMessage: t(lang, 'err.tooLarge', { size: '> 500 MB' }), action: action(lang, 'trim-or-compress') });
    case 415:
      return new NemoError({
        ...base,
        kind: 'unsupported-type',
        userMessage: t(lang, 'err.unsupportedType', { types: ACCEPTED_TYPES.join(', ') }),
        action: action(lang, 'show-formats'),
      });
    case 429:
      return new NemoError({ ...base, kind: 'rate-limit', userMessage: t(lang, 'err.rateLimit'), action: action(lang, 'retry'), retryAfterMs: info.retryAfterMs });
    default:
      break;
  }
  if (info.httpStatus !== undefined && info.httpStatus >= 500) {
    return new NemoError({ ...base, kind: 'server', userMessage: t(lang, 'err.server', { detail }), action: action(lang, 'retry') });
  }
  return new NemoError({ ...base, kind: 'server', userMessage: t(lang, 'err.unknownCode', { detail: info.message || detail }), action: action(lang, 'retry') });
}

const CREDIT_WORDS = /credit|balance|insufficient (funds|points)|积分|余额|点数/i;

type Base = { code?: number; httpStatus?: number; detail: string };

function registerUrl(ctx: ErrorContext): string {
  return `${ctx.webUrl}/register?bind=${encodeURIComponent(ctx.anonUserId ?? '')}`;
}

function creditsError(ctx: ErrorContext, base: Base): NemoError {
  const { lang } = ctx;
  return ctx.anonymous
    ? new NemoError({ ...base, kind: 'credits', userMessage: t(lang, 'err.credits.anon'), action: action(lang, 'register', registerUrl(ctx)) })
    : new NemoError({ ...base, kind: 'credits', userMessage: t(lang, 'err.credits.user'), action: action(lang, 'top-up', `${ctx.webUrl}/pricing`) });
}

/** The plan cannot export. An anonymous token may simply lack the render scope: registering unlocks it. */
function planError(ctx: ErrorContext, base: Base): NemoError {
  const { lang } = ctx;
  return ctx.anonymous
    ? new NemoError({ ...base, kind: 'plan', userMessage: t(lang, 'err.plan.anon'), action: action(lang, 'register', registerUrl(ctx)) })
    : new NemoError({ ...base, kind: 'plan', userMessage: t(lang, 'err.plan'), action: { id: 'top-up', label: t(lang, 'action.see-plans'), url: `${ctx.webUrl}/pricing` } });
}

/**
 * HTTP 402/403 decided by the body's words. Credit words win ("upgrade to get more credits" is about credits);
 * plan words (plan, subscription, upgrade) and a body that says neither both mean the plan.
 */
export function paymentError(ctx: ErrorContext, base: Base, message: string | undefined): NemoError {
  if (message && CREDIT_WORDS.test(message)) return creditsError(ctx, base);
  return planError(ctx, base);
}

export function networkError(lang: Lang, cause: unknown): NemoError {
  const detail = describeCause(cause);
  return new NemoError({ kind: 'network', userMessage: t(lang, 'err.network', { detail }), action: action(lang, 'retry'), detail, cause });
}

export function cancelledError(lang: Lang): NemoError {
  return new NemoError({ kind: 'cancelled', userMessage: t(lang, 'err.cancelled'), action: action(lang, 'none') });
}

export function badResponse(lang: Lang, detail: string, httpStatus?: number): NemoError {
  return new NemoError({ kind: 'bad-response', userMessage: t(lang, 'err.badResponse', { detail }), action: action(lang, 'retry'), detail, httpStatus });
}

export function badInput(lang: Lang, message: string, id: RecoveryActionId = 'none'): NemoError {
  return new NemoError({ kind: 'bad-input', userMessage: message, action: action(lang, id), detail: message });
}

/** A short technical description of a thrown value (fetch wraps the real reason in `cause`). */
export function describeCause(e: unknown): string {
  if (e instanceof Error) {
    const inner = (e as Error & { cause?: unknown }).cause;
    const code = inner && typeof inner === 'object' && 'code' in inner ? String((inner as { code: unknown }).code) : '';
    const innerMessage = inner instanceof Error ? inner.message : '';
    // fetch says only "fetch failed"; the useful part (ECONNREFUSED, "bad port") is in its cause.
    return code ? `${e.message}: ${code}` : innerMessage && innerMessage !== e.message ? `${e.message}: ${innerMessage}` : e.message;
  }
  return String(e);
}

/** True for failures worth one more try with the same request: network, our own timeouts, HTTP 5xx, 429. Never a 4xx. */
export function isTransient(e: unknown): boolean {
  if (!(e instanceof NemoError)) return false;
  if (e.kind === 'network' || e.kind === 'timeout' || e.kind === 'rate-limit') return true;
  return e.kind === 'server' && e.httpStatus !== undefined && e.httpStatus >= 500;
}

/**
 * True when a network failure happened before the request could reach the server (refused, DNS, TLS), so
 * nothing was received. Any other network failure (reset, socket closed) may have come after the server
 * got the request: for a chat message that means "dropped", never "safe to re-send".
 */
export function neverReachedServer(e: unknown): boolean {
  if (!(e instanceof NemoError) || e.kind !== 'network') return false;
  return /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|CERT|certificate|SSL|ERR_INVALID_URL|Invalid URL|bad port/i.test(e.detail ?? '');
}
