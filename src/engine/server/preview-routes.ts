// Engine-only extension: POST starts (or reuses) the preview of the session's current draft, GET polls it.
// The answer carries signed links to proxy.webm and filmstrip.jpg and the waveform peaks inline. Local
// only: the cloud has no preview endpoint (clients fall back to the last export there).
import { mediaInfo, type EngineContext } from './context';
import { errors } from './errors';
import { sendOk, type Req, type Res } from './http';
import type { PreviewJob } from './previews';

export function previewData(ctx: EngineContext, job: PreviewJob): Record<string, unknown> {
  const m = job.manifest;
  return {
    key: job.key,
    status: job.status,
    progress: job.progress,
    ...(job.reason ? { reason: job.reason } : {}),
    ...(job.error ? { error: job.error } : {}),
    ...(m && job.status === 'completed'
      ? {
          durationMs: m.durationMs, width: m.width, height: m.height, fps: m.fps, size: m.size,
          proxyUrl: ctx.urls.preview(job.sessionId, job.key, m.proxy),
          filmstripUrl: ctx.urls.preview(job.sessionId, job.key, m.filmstrip.file),
          filmstrip: { count: m.filmstrip.count, stepSec: m.filmstrip.stepSec, tileWidth: m.filmstrip.tileWidth, tileHeight: m.filmstrip.tileHeight },
          peaks: m.peaks,
        }
      : {}),
  };
}

export async function startPreview(ctx: EngineContext, req: Req, res: Res, userId: string, sid: string): Promise<void> {
  req.resume();
  const s = ctx.sessions.get(userId, sid);
  const media = s.media.map((x) => mediaInfo(ctx, s.sessionId, x));
  sendOk(res, previewData(ctx, await ctx.previews.start(s, media)));
}

export function previewStatus(ctx: EngineContext, res: Res, userId: string, sid: string, key: string): void {
  const s = ctx.sessions.get(userId, sid);
  const job = ctx.previews.status(s.sessionId, key);
  if (!job) throw errors.notFound(`No preview ${JSON.stringify(key.slice(0, 64))} in this session; ask for a new one. / 找不到该预览。`);
  sendOk(res, previewData(ctx, job));
}
