// A real node:http server on 127.0.0.1 whose answers are scripted per route: status, headers, JSON or text
// bodies, SSE frames with delays and drops, raw byte bodies with a mid-body drop. It records every request
// (method, path, headers, body) so contract tests can assert on exactly what the client sent.
// Request bodies above 1 MiB are counted, not kept, so upload memory tests measure the client only.
import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  /** The body when it was at most 1 MiB (else empty). */
  body: Buffer;
  bodyBytes: number;
  /** Parsed JSON body, when it was JSON. */
  json?: unknown;
}

export type SseStep =
  | { data: string } // one `data: …\n\n` frame (the string as is; may be invalid JSON)
  | { comment: string } // `: …\n\n`
  | { raw: string } // written verbatim
  | { delayMs: number }
  | { drop: true }; // destroy the socket: the client sees a dropped connection

export interface Scripted {
  status?: number;
  headers?: Record<string, string>;
  /** Objects are sent as JSON; strings and Buffers verbatim. */
  body?: unknown;
  /** Send an SSE stream instead of a body. Ends (closes) after the last step unless it drops. */
  sse?: SseStep[];
  /** Send these bytes, then destroy the socket after `dropAfter` bytes (a download cut mid-body). */
  dropAfter?: number;
  /** How long after writing those bytes the socket is destroyed (default 200 ms, so the client reads them). */
  dropDelayMs?: number;
  /** Full control for odd cases. */
  handle?: (req: RecordedRequest, res: http.ServerResponse) => void | Promise<void>;
}

type Responder = Scripted | ((req: RecordedRequest) => Scripted | Promise<Scripted>);

interface Route {
  method: string;
  match: string | RegExp;
  queue: Responder[];
}

const KEEP_LIMIT = 1024 * 1024;

export class ScriptedServer {
  readonly requests: RecordedRequest[] = [];
  private readonly routes: Route[] = [];
  private readonly sockets = new Set<Socket>();
  /** Tests waiting for a request (waitForCalls): checked as each request is recorded. */
  private readonly waiters = new Set<() => void>();
  private constructor(private readonly server: http.Server, readonly url: string) {}

  static async start(): Promise<ScriptedServer> {
    const server = http.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    const s = new ScriptedServer(server, `http://127.0.0.1:${port}`);
    server.on('connection', (sock) => {
      s.sockets.add(sock);
      sock.on('close', () => s.sockets.delete(sock));
    });
    server.on('request', (req, res) => void s.dispatch(req, res));
    return s;
  }

  /**
   * Scripts a route. Several responders answer successive requests in order; the last one repeats.
   * A later `on` for the same method+path replaces the earlier one.
   */
  on(method: string, match: string | RegExp, ...responders: Responder[]): this {
    const i = this.routes.findIndex((r) => r.method === method && String(r.match) === String(match));
    if (i >= 0) this.routes.splice(i, 1);
    this.routes.unshift({ method, match, queue: responders });
    return this;
  }

  /** Requests to paths matching `match` (string = exact path). */
  calls(match: string | RegExp, method?: string): RecordedRequest[] {
    return this.requests.filter((r) => (!method || r.method === method) && (typeof match === 'string' ? r.path === match : match.test(r.path)));
  }

  /**
   * Resolves once `count` requests matching `match` (and `method`) have arrived — at once if they already
   * have. Event-driven (checked as each request is recorded), so a test waits for the request itself rather
   * than polling on a timer; the test's own timeout catches a request that never comes.
   */
  waitForCalls(match: string | RegExp, count = 1, method?: string): Promise<RecordedRequest[]> {
    return new Promise((resolve) => {
      const check = (): void => {
        const calls = this.calls(match, method);
        if (calls.length < count) return;
        this.waiters.delete(check);
        resolve(calls);
      };
      this.waiters.add(check);
      check();
    });
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async dispatch(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    let bodyBytes = 0;
    for await (const chunk of req as AsyncIterable<Buffer>) {
      bodyBytes += chunk.length;
      if (bodyBytes <= KEEP_LIMIT) chunks.push(chunk);
    }
    const url = new URL(req.url ?? '/', this.url);
    const body = bodyBytes <= KEEP_LIMIT ? Buffer.concat(chunks) : Buffer.alloc(0);
    const rec: RecordedRequest = { method: req.method ?? 'GET', path: url.pathname, url: url.toString(), headers: req.headers, body, bodyBytes };
    if (body.length && String(req.headers['content-type'] ?? '').includes('json')) {
      try {
        rec.json = JSON.parse(body.toString('utf8'));
      } catch {
        // leave undefined: the test sees the raw body
      }
    }
    this.requests.push(rec);
    for (const w of [...this.waiters]) w();
    const route = this.routes.find((r) => r.method === rec.method && (typeof r.match === 'string' ? r.match === rec.path : r.match.test(rec.path)));
    if (!route) {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ code: 404, message: `no script for ${rec.method} ${rec.path}` }));
      return;
    }
    const responder = route.queue.length > 1 ? route.queue.shift()! : route.queue[0]!;
    const scripted = typeof responder === 'function' ? await responder(rec) : responder;
    await this.answer(rec, scripted, res);
  }

  private async answer(rec: RecordedRequest, s: Scripted, res: http.ServerResponse): Promise<void> {
    if (s.handle) {
      await s.handle(rec, res);
      return;
    }
    if (s.sse) {
      res.writeHead(s.status ?? 200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', ...s.headers });
      res.flushHeaders();
      for (const step of s.sse) {
        if ('delayMs' in step) await new Promise((r) => setTimeout(r, step.delayMs));
        else if ('drop' in step) {
          res.socket?.destroy();
          return;
        } else if ('comment' in step) res.write(`: ${step.comment}\n\n`);
        else if ('raw' in step) res.write(step.raw);
        else res.write(`data: ${step.data}\n\n`);
      }
      res.end();
      return;
    }
    const payload = s.body === undefined ? Buffer.alloc(0) : Buffer.isBuffer(s.body) ? s.body : Buffer.from(typeof s.body === 'string' ? s.body : JSON.stringify(s.body));
    const headers: Record<string, string> = { ...(typeof s.body === 'object' && !Buffer.isBuffer(s.body) ? { 'content-type': 'application/json' } : {}), ...s.headers };
    headers['content-length'] ??= String(payload.length);
    res.writeHead(s.status ?? 200, headers);
    if (s.dropAfter !== undefined) {
      res.write(payload.subarray(0, s.dropAfter), () => {
        setTimeout(() => res.socket?.destroy(), s.dropDelayMs ?? 200);
      });
      return;
    }
    res.end(payload);
  }
}

/** The business envelope. */
export function ok(data: unknown): Scripted {
  return { body: { code: 0, message: 'success', data } };
}

export function fail(code: number, message = 'error', status = 200): Scripted {
  return { status, body: { code, message, data: null } };
}

/** An ADK text event. */
export function adkText(text: string, partial = false): { data: string } {
  return { data: JSON.stringify({ content: { role: 'model', parts: [{ text }] }, partial, author: 'nemo_agent', invocationId: 'e-1', id: `ev-${Math.random()}`, timestamp: Date.now() / 1000 }) };
}

export function adkTool(name: string): { data: string } {
  return { data: JSON.stringify({ content: { role: 'model', parts: [{ functionCall: { id: 'fc-1', name, args: {} } }] }, author: 'nemo_agent' }) };
}

/** Scripts the routes every workflow needs: token, session, credits and state (with a draft). */
export function scriptBasics(s: ScriptedServer, draft: unknown = { t: [], d: 0 }): void {
  s.on('POST', '/api/auth/anonymous-token', ok({ token: 'nmv_usr_testtoken123', user_id: 'anon_1', credits: 100 }));
  s.on('POST', '/api/tasks/me/with-session/nemo_agent', ok({ task_id: 'task_1', session_id: '1234567890123' }));
  s.on('GET', '/api/credits/balance/simple', ok({ available: 90, frozen: 10, total: 100 }));
  s.on('GET', /^\/api\/state\/nemo_agent\/me\/[^/]+\/latest$/, ok({ session_id: '1234567890123', task_id: 'task_1', state: { draft } }));
}

/**
 * A fresh scripted server with the basic answers (`scriptBasics`, with `draft` when given) for each test of
 * the enclosing describe block, closed after the test: no test sees another's script or requests. `use`
 * receives each new server (assign it to the block's `server`).
 */
export function eachTestServer(use: (server: ScriptedServer) => void, draft?: unknown): void {
  let current: ScriptedServer | undefined;
  beforeEach(async () => {
    current = await ScriptedServer.start();
    scriptBasics(current, ...(draft === undefined ? [] : [draft]));
    use(current);
  });
  afterEach(async () => {
    await current?.close();
    current = undefined;
  });
}
