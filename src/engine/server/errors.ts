// Every failure the engine answers with, in the contract's vocabulary: a business `code` (1001 token,
// 1002 session, 2001 credits, 4001 type, 4002 size) plus the HTTP status it travels with. Clients must read
// the body's code (the contract allows either HTTP 200 or 4xx/5xx with the same body), so statuses are
// chosen to be honest HTTP, never to carry meaning on their own. 402 is deliberately NOT used for 2001:
// the contract reserves HTTP 402 for "free plan cannot export".

export const Codes = {
  ok: 0,
  tokenInvalid: 1001,
  sessionNotFound: 1002,
  outOfCredits: 2001,
  /** Malformed or missing request fields (not in the published table; engine-specific). */
  badRequest: 4000,
  unsupportedType: 4001,
  fileTooLarge: 4002,
  /** Route does not exist (engine-specific). */
  notFound: 4004,
  /**
   * No render job with this id for this user (engine-specific), on every render route (status, cancel,
   * download) alike. Not 4004: "no such job" is not "no such route" (on cancel, the contract reads a missing
   * route as an older server that cannot cancel; the client asks the status route which of the two it is).
   */
  renderNotFound: 4040,
  /** A turn is already running in this session (engine-specific; never retry by re-sending). */
  turnInProgress: 4009,
  /** ffmpeg/ffprobe missing or broken on this machine (engine-specific). */
  toolMissing: 5003,
  internal: 5000,
} as const;

export class EngineError extends Error {
  constructor(
    readonly code: number,
    readonly httpStatus: number,
    message: string,
    /** Extra headers (e.g. Connection: close when the body was not read). */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'EngineError';
  }
}

export const errors = {
  tokenInvalid: () => new EngineError(Codes.tokenInvalid, 401,
    'Token missing, expired or not issued by this engine. Get a new anonymous token (POST /api/auth/anonymous-token) and retry. / 令牌无效或已过期，请重新获取匿名令牌后重试。'),
  sessionNotFound: (sid: string) => new EngineError(Codes.sessionNotFound, 404,
    `Session ${JSON.stringify(sid.slice(0, 80))} not found. Create a new session and retry. / 会话不存在，请新建会话后重试。`),
  outOfCredits: (need: number, left: number) => new EngineError(Codes.outOfCredits, 403,
    `Out of credits: this needs ${need}, ${left} left. Register or top up to continue; export stays free. / 积分不足（需要 ${need}，剩余 ${left}）。`),
  // 422, not 400: the contract gives HTTP 400 one meaning ("missing client id" → make one and retry), and a
  // client that keys on the status must not take a malformed body for that.
  badRequest: (what: string) => new EngineError(Codes.badRequest, 422, what),
  unsupportedType: (what: string) => new EngineError(Codes.unsupportedType, 415, what),
  fileTooLarge: (what: string) => new EngineError(Codes.fileTooLarge, 413, what, { Connection: 'close' }),
  notFound: (what: string) => new EngineError(Codes.notFound, 404, what),
  renderNotFound: (id: string) => new EngineError(Codes.renderNotFound, 404,
    `Render job ${JSON.stringify(id.slice(0, 100))} not found: nothing with this id is running here. / 找不到该导出任务，没有此 ID 的任务在运行。`),
  turnInProgress: () => new EngineError(Codes.turnInProgress, 409,
    'A turn is already running in this session. Wait for it to finish (poll the state); do not re-send the message. / 本会话正在处理上一条消息，请等待完成，不要重复发送。'),
  toolMissing: (what: string) => new EngineError(Codes.toolMissing, 503, what),
};

/** Turns anything thrown into an EngineError without leaking internals beyond the message. */
export function asEngineError(err: unknown): EngineError {
  if (err instanceof EngineError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new EngineError(Codes.internal, 500, `Internal engine error: ${message}`);
}
