// POST /api/upload-video/nemo_agent/me/<sid>: multipart `files` (one or many) streamed to disk, or JSON
// `{urls, source_type}` for file:// and http(s)://127.0.0.1 URLs. All-or-nothing per request: every file is
// received into `incoming/*.part` and probed; only if all are good are they moved into the session (with
// unique names) and added to its state. A bad file gets 4001/4002 naming it, and nothing is half-added.
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import { sanitizeFilename, uniqueFilename } from '../ingest/filenames';
import { extensionOf, isAccepted, tooLargeMessage, unsupportedTypeMessage } from '../ingest/media-types';
import { probeMedia, type ProbedMedia, ProbeToolError, UnreadableMediaError } from '../ingest/probe';
import { PartFile, receive, receiveFile, TooLargeError, type Received } from '../ingest/receive';
import { mediaInfo, type EngineContext } from './context';
import { Codes, EngineError, errors } from './errors';
import { forEachChunk, readJsonBody, sendOk, type Req, type Res } from './http';
import { newMediaId } from './ids';
import { boundaryOf, MultipartError, MultipartParser } from './multipart';
import type { SessionRecord, StoredMedia } from './sessions';
import type { EarlySilences } from './silenceAnalyses';

/** Multipart framing around one 500 MB file never needs more than this. */
const MULTIPART_OVERHEAD = 1024 * 1024;

interface Incoming extends Received {
  name: string;
}

function incomingPath(ctx: EngineContext): string {
  const dir = path.join(ctx.dataDir, 'incoming');
  fs.mkdirSync(dir, { recursive: true });
  return path.join(dir, `${randomBytes(8).toString('hex')}.part`);
}

function checkName(raw: string): string {
  const name = sanitizeFilename(raw);
  if (!isAccepted(name)) throw errors.unsupportedType(unsupportedTypeMessage(name));
  return name;
}

async function receiveMultipart(ctx: EngineContext, req: Req, boundary: string, got: Incoming[]): Promise<void> {
  const parser = new MultipartParser(boundary);
  let current: { part: PartFile; name: string } | undefined;
  let skipping = false;
  try {
    await forEachChunk(req, async (chunk) => {
      for (const ev of parser.push(chunk)) {
        if (ev.type === 'part') {
          // Only file parts named `files` (or `file`) are uploads; other fields are ignored.
          skipping = !(ev.filename !== undefined && (ev.name === 'files' || ev.name === 'file'));
          if (!skipping) {
            const name = checkName(ev.filename ?? '');
            current = { part: new PartFile(incomingPath(ctx), ctx.maxUploadBytes), name };
          }
        } else if (ev.type === 'data') {
          if (current) {
            try {
              await current.part.write(ev.chunk);
            } catch (e) {
              if (e instanceof TooLargeError) throw errors.fileTooLarge(tooLargeMessage(current.name));
              throw e;
            }
          }
        } else if (ev.type === 'partEnd') {
          if (current) {
            const r = await current.part.finish();
            got.push({ ...r, name: current.name });
            current = undefined;
          }
        }
      }
    });
    parser.finish();
  } catch (e) {
    if (current) await current.part.abort();
    if (e instanceof MultipartError) throw errors.badRequest(`${e.message} / 上传数据格式错误。`);
    throw e;
  }
  if (got.length === 0) throw errors.badRequest('No file found: send multipart/form-data with one or more parts named "files". / 没有找到文件（表单字段名应为 files）。');
}

function isLoopbackHttp(u: URL): boolean {
  return (u.protocol === 'http:' || u.protocol === 'https:') && (u.hostname === '127.0.0.1' || u.hostname === 'localhost');
}

function fetchLoopback(u: URL): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    const get = u.protocol === 'https:' ? https.get : http.get;
    const r = get(u, { timeout: 30_000 }, resolve);
    r.on('timeout', () => r.destroy(new Error('timed out')));
    r.on('error', reject);
  });
}

async function receiveUrl(ctx: EngineContext, raw: unknown): Promise<Incoming> {
  if (typeof raw !== 'string' || raw.length > 4096) throw errors.badRequest('Each entry of "urls" must be a URL string. / urls 中每一项都必须是 URL 字符串。');
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw errors.badRequest(`Not a URL: ${JSON.stringify(raw.slice(0, 200))}. / 不是合法的 URL。`);
  }
  if (u.protocol === 'file:') {
    const file = fileURLToPath(u);
    const name = checkName(path.basename(file));
    let st: fs.Stats;
    try {
      st = await fs.promises.stat(file);
    } catch {
      throw errors.badRequest(`File not found: ${file}. / 文件不存在。`);
    }
    if (!st.isFile()) throw errors.badRequest(`Not a regular file: ${file}. / 不是普通文件。`);
    if (st.size > ctx.maxUploadBytes) throw errors.fileTooLarge(tooLargeMessage(name));
    try {
      return { ...(await receiveFile(file, incomingPath(ctx), ctx.maxUploadBytes)), name };
    } catch (e) {
      if (e instanceof TooLargeError) throw errors.fileTooLarge(tooLargeMessage(name));
      throw errors.badRequest(`Could not read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}. / 无法读取该文件。`);
    }
  }
  if (!isLoopbackHttp(u)) {
    throw errors.badRequest('The local engine has no internet access: it can fetch only file:// and http://127.0.0.1 URLs. Download the file and upload it instead. / 本地引擎只能读取 file:// 和 127.0.0.1 的地址，请先下载文件再上传。');
  }
  const name = checkName(decodeURIComponent(u.pathname.split('/').pop() ?? ''));
  let resp: http.IncomingMessage;
  try {
    resp = await fetchLoopback(u);
  } catch (e) {
    throw errors.badRequest(`Could not fetch ${u.origin}${u.pathname}: ${(e as Error).message}. / 无法获取该地址。`);
  }
  if (resp.statusCode !== 200) {
    resp.resume();
    throw errors.badRequest(`Fetching ${u.origin}${u.pathname} answered HTTP ${resp.statusCode}; expected 200 (redirects are not followed). / 获取文件失败。`);
  }
  const declared = Number(resp.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > ctx.maxUploadBytes) {
    resp.destroy();
    throw errors.fileTooLarge(tooLargeMessage(name));
  }
  return { ...(await receiveCapped(resp, incomingPath(ctx), name, ctx.maxUploadBytes)), name };
}

async function receiveCapped(source: AsyncIterable<Buffer>, partPath: string, name: string, limit: number): Promise<Received> {
  try {
    return await receive(source, partPath, limit);
  } catch (e) {
    if (e instanceof TooLargeError) throw errors.fileTooLarge(tooLargeMessage(name));
    throw e;
  }
}

/** The contract's upload answer entry for one file. */
export function fileEntry(ctx: EngineContext, sid: string, m: StoredMedia): Record<string, unknown> {
  const info = mediaInfo(ctx, sid, m);
  return {
    id: m.id,
    filename: m.filename,
    file_type: m.kind,
    extension: extensionOf(m.filename),
    cdn_url: info.url,
    duration: m.duration,
    width: m.width,
    height: m.height,
    fps: m.fps,
    has_audio: m.hasAudio,
    hash: m.hash,
    size: m.size,
  };
}

type Probed = Array<{ inc: Incoming; p: Awaited<ReturnType<typeof probeMedia>> }>;

/** What each received file is (ffprobe), or the reason it is refused. */
async function probeAll(ctx: EngineContext, got: Incoming[], probedOne: (i: number, p: ProbedMedia) => void): Promise<Probed> {
  const probed: Probed = [];
  for (const inc of got) {
    if (inc.size === 0) throw errors.unsupportedType(`"${inc.name}" is empty (0 bytes). Upload the actual file. / 文件为空。`);
    try {
      const p = await probeMedia(inc.path, inc.name, ctx.ffmpeg.ffprobe, ctx.ffmpeg.ffmpeg);
      probedOne(probed.length, p);
      probed.push({ inc, p });
    } catch (e) {
      if (e instanceof UnreadableMediaError) throw errors.unsupportedType(e.message);
      if (e instanceof ProbeToolError) throw errors.toolMissing(e.message);
      throw e;
    }
  }
  return probed;
}

/** Moves the probed files into the session and records them. */
async function commitAll(ctx: EngineContext, session: SessionRecord, probed: Probed): Promise<StoredMedia[]> {
  const dir = ctx.sessions.uploadsDir(session.sessionId);
  await fs.promises.mkdir(dir, { recursive: true });
  const added: StoredMedia[] = [];
  for (const { inc, p } of probed) {
    // Chosen and renamed synchronously after the check, so two concurrent uploads cannot pick the same name.
    const filename = uniqueFilename(inc.name, (c) => fs.existsSync(path.join(dir, c)) || session.media.some((m) => m.filename === c));
    fs.renameSync(inc.path, path.join(dir, filename));
    const m: StoredMedia = { id: newMediaId(), filename, kind: p.kind, duration: p.duration, width: p.width, height: p.height, fps: p.fps, hasAudio: p.hasAudio, hash: inc.hash, size: inc.size };
    session.media.push(m);
    added.push(m);
  }
  await ctx.sessions.save(session);
  return added;
}

export async function handleUpload(ctx: EngineContext, req: Req, res: Res, userId: string, sid: string): Promise<void> {
  const session = ctx.sessions.get(userId, sid);
  // Known missing ffmpeg: the body is not read (answer and close the connection). While the engine's check
  // still runs (just after start) the body is received meanwhile, and refused after it if the check fails.
  const known = ctx.tools.knownProblem();
  if (known) throw new EngineError(Codes.toolMissing, 503, known, { Connection: 'close' });
  const contentType = req.headers['content-type'] ?? '';
  const got: Incoming[] = [];
  let early: Array<EarlySilences | undefined> = [];
  let refused: unknown;
  // Detections not kept (a refused upload, music) are stopped and awaited: no ffmpeg outlives the request.
  const stopEarly = async () => {
    for (const e of early) e?.abort();
    await Promise.all(early.map((e) => e?.result.catch(() => undefined)));
    early = [];
  };
  try {
    const boundary = boundaryOf(contentType);
    if (boundary) {
      const declared = Number(req.headers['content-length'] ?? NaN);
      if (Number.isFinite(declared) && declared > ctx.maxUploadBytes + MULTIPART_OVERHEAD) {
        throw errors.fileTooLarge(`The upload is ${declared} bytes; the limit is 500 MB (${ctx.maxUploadBytes} bytes) per request. Upload large files one at a time, trimmed or compressed. / 单次上传不能超过 500 MB。`);
      }
      await receiveMultipart(ctx, req, boundary, got);
    } else if (/^application\/json\b/i.test(contentType) || contentType === '') {
      const body = await readJsonBody(req);
      const urls = body.urls;
      if (!Array.isArray(urls) || urls.length === 0) throw errors.badRequest('Send multipart "files", or JSON {"urls":["file:///…"],"source_type":"url"}. / 请上传文件或提供 urls。');
      if (urls.length > 50) throw errors.badRequest('At most 50 URLs per request. / 每次最多 50 个地址。');
      for (const raw of urls) got.push(await receiveUrl(ctx, raw));
    } else {
      throw errors.badRequest(`Unsupported Content-Type ${JSON.stringify(contentType.slice(0, 100))}: use multipart/form-data or application/json. / 不支持的内容类型。`);
    }
    // A clip with sound has its silences detected from the moment its probe says so (while the next file is
    // probed and this request is answered): a turn sent the moment the answer arrives then finds it (nearly)
    // done. Not beside its own probe: two ffmpeg starting at once on this 2-core machine each take ~1.7× as
    // long, and the probe is what the answer waits for.
    early = got.map(() => undefined);
    const startSilences = (i: number, p: ProbedMedia) => {
      if (p.kind === 'video' && p.hasAudio) early[i] = ctx.silences.start(got[i].path);
    };
    // The probe runs while the engine's ffmpeg check may still be running (just after start); both are
    // awaited (no ffprobe outlives the request), and a failed check is the answer whatever the probe said.
    const probing = probeAll(ctx, got, startSilences).then((ok) => ({ ok }), (err: unknown) => ({ err }));
    const problem = await ctx.tools.problem();
    const probed = await probing;
    if (problem) throw new EngineError(Codes.toolMissing, 503, problem);
    if ('err' in probed) throw probed.err;
    const added = await commitAll(ctx, session, probed.ok);
    // Kept with the clip's session (a clip whose silences are known already needs none: stopped before the answer).
    early = early.map((e, i) => (ctx.silences.adopt(session, added[i], e) ? undefined : e));
    await stopEarly();
    ctx.log(`upload ${session.sessionId}: ${added.map((m) => `${m.filename} (${m.kind}, ${m.size} B)`).join(', ')}`);
    sendOk(res, { files: added.map((m) => fileEntry(ctx, session.sessionId, m)), session_state_applied: true });
  } catch (e) {
    refused = e;
    throw e;
  } finally {
    await stopEarly();
    // Whatever was received but not moved into the session is removed (a failed request adds nothing).
    await Promise.all(got.map((g) => fs.promises.rm(g.path, { force: true })));
    // Said once nothing of the request is left, so the line can be trusted (and waited for).
    if (refused !== undefined) ctx.log(`upload ${session.sessionId}: refused, nothing kept: ${String((refused as Error)?.message ?? refused).slice(0, 200)}`);
  }
}
