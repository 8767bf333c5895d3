// The business endpoints of the contract (auth, sessions, claim, credits, state) and the render endpoints.
import * as fs from 'node:fs';
import type { CompactDraft } from '../model';
import { TokenStore } from './auth';
import { mediaInfo, type EngineContext } from './context';
import { EngineError, errors } from './errors';
import { serveFile } from './file-serve';
import { readJsonBody, sendOk, sendRenderOk, stringField, type Req, type Res } from './http';
import { newClaimToken, SAFE_ID } from './ids';
import type { RenderJob } from './render-queue';
import { fileEntry } from './uploads';

export async function anonymousToken(ctx: EngineContext, req: Req, res: Res): Promise<void> {
  const clientId = req.headers['x-client-id'];
  const id = Array.isArray(clientId) ? clientId[0] : clientId;
  if (!TokenStore.validClientId(id)) {
    throw new EngineError(4000, 400, 'Missing or invalid X-Client-Id header (1–64 printable characters). Create a stable client id, store it, and retry. / 缺少 X-Client-Id 请求头。');
  }
  req.resume();
  const issued = await ctx.tokens.issue(id);
  const credits = await ctx.ledger.open(issued.userId);
  sendOk(res, { token: issued.token, user_id: issued.userId, expires_at: issued.expiresAt, credits });
}

export async function createSession(ctx: EngineContext, req: Req, res: Res, userId: string): Promise<void> {
  const body = await readJsonBody(req);
  const taskName = (stringField(body, 'task_name') ?? 'project').slice(0, 200);
  const language = stringField(body, 'language')?.toLowerCase().startsWith('zh') ? 'zh' : 'en';
  const s = await ctx.sessions.create(userId, taskName, language);
  ctx.log(`session ${s.sessionId} created`);
  sendOk(res, { task_id: s.taskId, session_id: s.sessionId, user_id: userId });
}

export async function claimToken(ctx: EngineContext, req: Req, res: Res, userId: string): Promise<void> {
  const body = await readJsonBody(req);
  const s = ctx.sessions.get(userId, body.session_id ?? body.sessionId);
  const taskId = stringField(body, 'task_id');
  if (taskId && taskId !== s.taskId) throw errors.sessionNotFound(s.sessionId);
  // The web workspace cannot open a local session; the token is issued so clients behave the same.
  sendOk(res, { claim_token: newClaimToken(), expires_in: 3600, task_id: s.taskId, session_id: s.sessionId });
}

export function credits(ctx: EngineContext, res: Res, userId: string): void {
  sendOk(res, ctx.ledger.balance(userId));
}

export function state(ctx: EngineContext, res: Res, userId: string, sid: string): void {
  const s = ctx.sessions.get(userId, sid);
  const m = s.draft?.m ?? {};
  const num = (v: unknown, d: number) => (typeof v === 'number' && v > 0 ? v : d);
  sendOk(res, {
    session_id: s.sessionId,
    task_id: s.taskId,
    state: {
      draft: s.draft,
      video_infos: s.media.map((x) => fileEntry(ctx, s.sessionId, x)),
      canvas_config: { width: num(m.width, 1920), height: num(m.height, 1080), fps: num(m.fps, 30) },
      video_analyses: Object.fromEntries(Object.entries(s.analyses).map(([id, a]) => [id, { silences: a.silences ?? [] }])),
      generated_media: [],
    },
  });
}

function isDraft(v: unknown): v is CompactDraft {
  return !!v && typeof v === 'object' && Array.isArray((v as { t?: unknown }).t);
}

export async function submitRender(ctx: EngineContext, req: Req, res: Res, userId: string): Promise<void> {
  // The cloud answers HTTP 402 to exports without attribution headers; the engine does the same, so
  // clients are tested against it.
  if (!req.headers['x-skill-source']) {
    req.resume();
    throw new EngineError(4020, 402, 'Export needs the X-Skill-Source / X-Skill-Version / X-Skill-Platform headers. / 导出请求缺少来源请求头。');
  }
  const body = await readJsonBody(req);
  const id = stringField(body, 'id', true);
  if (!SAFE_ID.test(id)) throw errors.badRequest('"id" must be 1–100 letters, digits, "_" or "-" (e.g. render_1732500000000). / id 格式不正确。');
  const s = ctx.sessions.get(userId, body.sessionId ?? body.session_id);
  const draft = body.draft ?? s.draft;
  if (!isDraft(draft) || !draft.t.some((t) => t && Array.isArray(t.sg) && t.sg.length > 0)) {
    throw errors.badRequest('The draft has nothing to render yet: upload footage and edit first. / 草稿为空，无法导出。');
  }
  const existing = ctx.renders.get(id);
  if (existing) {
    if (existing.userId !== userId) throw errors.badRequest(`Render id ${id} is taken; use a fresh id (render_<ms>). / 该 id 已被使用。`);
    sendRenderOk(res, statusData(ctx, existing));
    return;
  }
  const output = body.output && typeof body.output === 'object' && !Array.isArray(body.output) ? (body.output as Record<string, unknown>) : { format: 'mp4', quality: 'high' };
  const job = await ctx.renders.submit({ id, sessionId: s.sessionId, userId, output, draft });
  ctx.log(`render ${id}: queued for session ${s.sessionId}`);
  sendRenderOk(res, statusData(ctx, job));
}

/** Status shape 1 of the contract, plus `output` (shape 3's fields) for clients that read those. */
export function statusData(ctx: EngineContext, job: RenderJob): Record<string, unknown> {
  const done = job.status === 'completed';
  const url = done ? ctx.urls.render(job.id) : null;
  return {
    id: job.id,
    taskId: job.id,
    status: job.status,
    progress: job.progress,
    outputUrl: url,
    output: done ? { url, duration: (job.result?.durationMs ?? 0) / 1000, size: job.result?.size ?? 0, width: job.result?.width, height: job.result?.height, fps: job.result?.fps } : null,
    createdAt: job.createdAt,
    startedAt: job.startedAt ?? null,
    completedAt: job.completedAt ?? null,
    ...(job.error ? { error: job.error } : {}),
  };
}

function ownedJob(ctx: EngineContext, userId: string, id: string): RenderJob {
  const job = SAFE_ID.test(id) ? ctx.renders.get(id) : undefined;
  if (!job || job.userId !== userId) throw errors.renderNotFound(id);
  return job;
}

export function renderStatus(ctx: EngineContext, res: Res, userId: string, id: string): void {
  sendRenderOk(res, statusData(ctx, ownedJob(ctx, userId, id)));
}

/** POST /api/render/proxy/lambda/<id>/cancel: answers the job's status once the cancel has settled. */
export async function cancelRender(ctx: EngineContext, req: Req, res: Res, userId: string, id: string): Promise<void> {
  req.resume();
  const job = ownedJob(ctx, userId, id);
  const settled = (await ctx.renders.cancel(job.id)) ?? job;
  sendRenderOk(res, statusData(ctx, settled));
}

export async function renderDownload(ctx: EngineContext, req: Req, res: Res, userId: string, id: string): Promise<void> {
  const job = ownedJob(ctx, userId, id);
  const file = ctx.renders.outputPath(job.id);
  if (job.status !== 'completed' || !fs.existsSync(file)) {
    throw new EngineError(4010, 409, `Render ${job.id} is ${job.status}${job.error ? `: ${job.error}` : ''}; download it once it is completed. / 导出尚未完成。`);
  }
  await serveFile(req, res, file, `${job.id}.mp4`);
}

/** GET /files/u/<sid>/<mediaId>/<name>?sig=…, /files/r/<id>/<id>.mp4?sig=…, /files/p/<sid>/<key>/<name>?sig=… (signed, no Bearer). */
export async function signedFile(ctx: EngineContext, req: Req, res: Res, parts: string[], sig: string | null): Promise<void> {
  const notFound = () => errors.notFound('File not found (or the link is not valid). / 文件不存在或链接无效。');
  if (parts[0] === 'u' && parts.length >= 3) {
    const [, sid, mediaId] = parts;
    if (!ctx.urls.verify(`u/${sid}/${mediaId}`, sig)) throw notFound();
    const s = ctx.sessions.getAny(sid);
    const m = s?.media.find((x) => x.id === mediaId);
    if (!s || !m) throw notFound();
    await serveFile(req, res, mediaInfo(ctx, s.sessionId, m).path, m.filename);
    return;
  }
  if (parts[0] === 'r' && parts.length >= 2) {
    const id = parts[1];
    if (!ctx.urls.verify(`r/${id}`, sig)) throw notFound();
    const job = ctx.renders.get(id);
    const file = ctx.renders.outputPath(id);
    if (!job || job.status !== 'completed' || !fs.existsSync(file)) throw notFound();
    await serveFile(req, res, file, `${id}.mp4`);
    return;
  }
  if (parts[0] === 'p' && parts.length === 4) {
    const [, sid, key, name] = parts;
    if (!ctx.urls.verify(`p/${sid}/${key}/${name}`, sig)) throw notFound();
    const file = ctx.previews.file(sid, key, name);
    if (!file) throw notFound();
    await serveFile(req, res, file, name);
    return;
  }
  throw notFound();
}
