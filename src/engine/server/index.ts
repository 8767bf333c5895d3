// The local engine: the NemoVideo API on 127.0.0.1 (node:http only). Same paths, envelopes, event stream
// and error codes as the cloud (see ../../../../shared contract, mirrored in ARCHITECTURE), state kept in
// JSON files in `dataDir` so a restart loses nothing. Editing and rendering are delegated to the planner
// and the renderer through the types in ../model.
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import * as path from 'node:path';
import { MAX_UPLOAD_BYTES } from '../ingest/media-types';
import { checkFfmpeg, DEFAULT_RENDER_CACHE_MB, RenderCache } from '../render/index';
import { TokenStore } from './auth';
import { mediaInfo, type EngineContext, type ToolStatus } from './context';
import { asEngineError, EngineError, errors } from './errors';
import { resolveFfmpegPaths } from '../../core/media/ffmpegPaths';
import { sendBusinessError, sendRenderError, type Req, type Res } from './http';
import { claimFolder, ensureFolderFree, releaseFolder } from './data-lock';
import { flushWrites, readJsonFile, removeStaleTmp } from './json-store';
import { DEFAULT_CREDITS, Ledger } from './ledger';
import { PreviewService } from './previews';
import { RenderQueue } from './render-queue';
import { findRoute, type Envelope } from './router';
import { SessionStore } from './sessions';
import { SignedUrls } from './signed-urls';
import { SilenceAnalyses } from './silenceAnalyses';
import { ToolCheck } from './toolCheck';

export interface EngineOptions {
  /** 0 or absent = a free port. */
  port?: number;
  /** Only loopback is ever bound; the option exists to make that explicit at call sites. */
  host?: '127.0.0.1';
  dataDir: string;
  /** The `generatorYoutube.ffmpegPath` setting: the ffmpeg binary or its folder; empty = PATH. */
  ffmpegPath?: string;
  /** The same paths' ffmpeg check, already running (the CLI starts it before its bundle loads); else the engine runs it. */
  toolCheck?: Promise<ToolStatus>;
  log?: (line: string) => void;
  /** Extra thinking time per chat turn (tests use it to hold a turn open). */
  turnDelayMs?: number;
  /** Interval of `: heartbeat` comments on /run_sse; 15 s like the cloud. */
  heartbeatMs?: number;
  /** Per-file upload ceiling in bytes; default 500 × 1024 × 1024 as the contract says. Tests lower it. */
  maxUploadBytes?: number;
  /** Credits a new user starts with (100). */
  initialCredits?: number;
  /** Renders running at once across sessions (1: the machine is small, and each render uses every core). */
  maxConcurrentRenders?: number;
  /**
   * Size limit of the render cache (`<dataDir>/render-cache`) in MB; 0 = render without a cache. Default:
   * env GENERATOR_YOUTUBE_RENDER_CACHE_MB, else 2048.
   */
  renderCacheMaxMB?: number;
}

export interface RunningEngine {
  url: string;
  port: number;
  /** What the ffmpeg check finds (missing tools and how to install them); it runs beside the engine's start. */
  tools: Promise<ToolStatus>;
  /** Resolves when render job `id` next changes (for an in-process client; see RenderQueue.changed). */
  renderChanged(id: string, signal: AbortSignal): Promise<void>;
  close(): Promise<void>;
}

interface EngineFile {
  secret: string;
  createdAt: string;
}

function loadSecret(dataDir: string): string {
  const file = path.join(dataDir, 'engine.json');
  const existing = readJsonFile<EngineFile>(file);
  if (existing?.secret) return existing.secret;
  const fresh: EngineFile = { secret: randomBytes(32).toString('hex'), createdAt: new Date().toISOString() };
  fs.writeFileSync(file, JSON.stringify(fresh), { mode: 0o600 });
  return fresh.secret;
}

function renderCacheMb(option: number | undefined): number {
  const env = Number(process.env.GENERATOR_YOUTUBE_RENDER_CACHE_MB);
  const mb = option ?? (process.env.GENERATOR_YOUTUBE_RENDER_CACHE_MB && Number.isFinite(env) ? env : DEFAULT_RENDER_CACHE_MB);
  return Math.max(0, Math.floor(mb));
}

export async function startEngine(opts: EngineOptions): Promise<RunningEngine> {
  if (opts.host && opts.host !== '127.0.0.1') throw new Error('The local engine binds 127.0.0.1 only.');
  const dataDir = path.resolve(opts.dataDir);
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  await ensureFolderFree(dataDir);
  try {
    return await start(opts, dataDir);
  } catch (e) {
    releaseFolder(dataDir);
    throw e;
  }
}

async function start(opts: EngineOptions, dataDir: string): Promise<RunningEngine> {
  removeStaleTmp(dataDir);
  // Partial uploads of a previous run can never complete, and the links its silence detections read are unused: drop them.
  fs.rmSync(path.join(dataDir, 'incoming'), { recursive: true, force: true });
  fs.rmSync(path.join(dataDir, 'analysing'), { recursive: true, force: true });
  const log = opts.log ?? (() => undefined);
  const ffmpeg = resolveFfmpegPaths(opts.ffmpegPath);
  const tools = new ToolCheck(() => opts.toolCheck ?? checkFfmpeg(ffmpeg));
  void tools.ready.then((t) => {
    if (!t.ok) log(`ffmpeg check: missing ${t.missing.join(', ')}. ${t.hint}`);
  });

  let baseUrl = '';
  const urls = new SignedUrls(loadSecret(dataDir), () => baseUrl);
  const sessions = new SessionStore(dataDir);
  const cacheMb = renderCacheMb(opts.renderCacheMaxMB);
  // One cache for exports and preview proxies: one size limit, one eviction order.
  const cache = cacheMb > 0 ? new RenderCache(path.join(dataDir, 'render-cache'), cacheMb * 1024 * 1024) : undefined;
  const renders = new RenderQueue(dataDir, {
    ffmpeg,
    cache,
    maxConcurrent: Math.max(1, opts.maxConcurrentRenders ?? 1),
    toolProblem: () => tools.problem(),
    log,
    mediaFor: (job) => {
      const s = sessions.getAny(job.sessionId);
      return s ? s.media.map((m) => mediaInfo({ sessions, urls }, s.sessionId, m)) : [];
    },
  });
  const ctx: EngineContext = {
    dataDir,
    tokens: new TokenStore(dataDir),
    ledger: new Ledger(dataDir, opts.initialCredits ?? DEFAULT_CREDITS),
    sessions,
    renders,
    previews: new PreviewService(dataDir, { ffmpeg, toolProblem: () => tools.problem(), log, cache }),
    urls,
    silences: new SilenceAnalyses({ ffmpeg: ffmpeg.ffmpeg, sessions, linkDir: path.join(dataDir, 'analysing'), log }),
    ffmpeg,
    tools,
    heartbeatMs: opts.heartbeatMs ?? 15_000,
    maxUploadBytes: opts.maxUploadBytes ?? MAX_UPLOAD_BYTES,
    turnDelayMs: opts.turnDelayMs ?? 0,
    busyTurns: new Set(),
    runningTurns: new Set(),
    log,
  };

  const server = http.createServer({ requestTimeout: 0, headersTimeout: 60_000 }, (req, res) => {
    void handle(ctx, req, res, () => server.address() as AddressInfo);
  });
  const sockets = new Set<Socket>();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    else socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  baseUrl = `http://127.0.0.1:${port}`;
  await claimFolder(dataDir, port, baseUrl);
  ctx.renders.resume();
  log(`engine listening on ${baseUrl} (data: ${dataDir})`);

  let closing: Promise<void> | undefined;
  return {
    url: baseUrl,
    port,
    tools: tools.ready,
    renderChanged: (id, signal) => ctx.renders.changed(id, signal),
    close: () => {
      closing ??= (async () => {
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        await Promise.all([ctx.renders.close(), ctx.previews.close(), ctx.silences.close()]);
        // Turns still working finish and save their drafts; their streams are then closed.
        await Promise.allSettled([...ctx.runningTurns]);
        server.closeIdleConnections();
        for (const s of sockets) s.destroy();
        await stopped;
        await flushWrites();
        releaseFolder(dataDir);
        log('engine stopped');
      })();
      return closing;
    },
  };
}

function envelopeFor(pathname: string): Envelope {
  return pathname.startsWith('/api/render/') ? 'render' : 'business';
}

function sendError(res: Res, envelope: Envelope, err: EngineError): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  if (envelope === 'render') sendRenderError(res, err);
  else sendBusinessError(res, err);
}

/** After answering without reading the whole body: stop the client politely, then cut it off. */
function closeAfter(req: Req, res: Res): void {
  res.on('finish', () => {
    req.resume();
    req.socket.end();
    setTimeout(() => req.socket.destroy(), 2000).unref();
  });
}

async function handle(ctx: EngineContext, req: Req, res: Res, address: () => AddressInfo): Promise<void> {
  const started = Date.now();
  let pathname = '/';
  let envelope: Envelope = 'business';
  // Never the query string: signed links carry their signature there.
  res.once('finish', () => ctx.log(`${req.method} ${pathname} ${res.statusCode} ${Date.now() - started}ms`));
  try {
    const port = address().port;
    // DNS-rebinding guard: a web page that resolves its own name to 127.0.0.1 still sends its own Host.
    const host = (req.headers.host ?? '').toLowerCase();
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) {
      throw new EngineError(4003, 403, 'Requests must be addressed to 127.0.0.1 (Host header mismatch).');
    }
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    pathname = url.pathname;
    envelope = envelopeFor(pathname);
    const found = findRoute(req.method ?? 'GET', pathname);
    if (!found) throw errors.notFound(`No such endpoint: ${req.method} ${pathname}. / 接口不存在。`);
    if ('allowed' in found) {
      throw new EngineError(4005, 405, `Method ${req.method} not allowed on ${pathname}; use ${found.allowed.join(', ')}.`, { Allow: found.allowed.join(', ') });
    }
    const { route, match } = found;
    envelope = route.envelope;
    const userId = route.auth ? ctx.tokens.authenticate(req.headers.authorization) : '';
    await route.handle(ctx, req, res, match, userId, url);
  } catch (e) {
    const err = e instanceof URIError ? errors.badRequest('Malformed percent-encoding in the URL.') : asEngineError(e);
    if (err.code === 5000) ctx.log(`${req.method} ${pathname}: ${(e as Error)?.stack ?? String(e)}`);
    if (err.headers.Connection === 'close' || !req.complete) closeAfter(req, res);
    if (envelope === 'sse' || envelope === 'file') envelope = 'business';
    try {
      sendError(res, envelope, err);
    } catch {
      res.destroy();
    }
  }
}
