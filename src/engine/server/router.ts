// The route table: method + path pattern → handler. Paths use the literal user `me` as in the contract.
import { handleRunSse } from './chat';
import type { EngineContext } from './context';
import type { Req, Res } from './http';
import * as r from './routes';
import { previewStatus, startPreview } from './preview-routes';
import { handleUpload } from './uploads';

export type Envelope = 'business' | 'render' | 'sse' | 'file';

export interface Route {
  method: 'GET' | 'POST';
  pattern: RegExp;
  envelope: Envelope;
  /** false = no Bearer token needed (anonymous token, signed file URLs, health). */
  auth: boolean;
  handle(ctx: EngineContext, req: Req, res: Res, m: RegExpExecArray, userId: string, url: URL): Promise<void> | void;
}

const seg = '([^/]+)';

export const routes: Route[] = [
  { method: 'POST', pattern: /^\/api\/auth\/anonymous-token\/?$/, envelope: 'business', auth: false, handle: (c, q, s) => r.anonymousToken(c, q, s) },
  { method: 'POST', pattern: /^\/api\/tasks\/me\/with-session\/nemo_agent\/?$/, envelope: 'business', auth: true, handle: (c, q, s, _m, u) => r.createSession(c, q, s, u) },
  { method: 'POST', pattern: /^\/api\/auth\/claim-token\/?$/, envelope: 'business', auth: true, handle: (c, q, s, _m, u) => r.claimToken(c, q, s, u) },
  { method: 'GET', pattern: /^\/api\/credits\/balance\/simple\/?$/, envelope: 'business', auth: true, handle: (c, _q, s, _m, u) => r.credits(c, s, u) },
  { method: 'GET', pattern: new RegExp(`^/api/state/nemo_agent/me/${seg}/latest/?$`), envelope: 'business', auth: true, handle: (c, _q, s, m, u) => r.state(c, s, u, decodeURIComponent(m[1])) },
  { method: 'POST', pattern: new RegExp(`^/api/upload-video/nemo_agent/me/${seg}/?$`), envelope: 'business', auth: true, handle: (c, q, s, m, u) => handleUpload(c, q, s, u, decodeURIComponent(m[1])) },
  { method: 'POST', pattern: /^\/run_sse\/?$/, envelope: 'sse', auth: true, handle: (c, q, s, _m, u) => handleRunSse(c, q, s, u) },
  { method: 'POST', pattern: /^\/api\/render\/proxy\/lambda\/?$/, envelope: 'render', auth: true, handle: (c, q, s, _m, u) => r.submitRender(c, q, s, u) },
  { method: 'POST', pattern: new RegExp(`^/api/render/proxy/lambda/${seg}/cancel/?$`), envelope: 'render', auth: true, handle: (c, q, s, m, u) => r.cancelRender(c, q, s, u, decodeURIComponent(m[1])) },
  { method: 'GET', pattern: new RegExp(`^/api/render/proxy/lambda/${seg}/?$`), envelope: 'render', auth: true, handle: (c, _q, s, m, u) => r.renderStatus(c, s, u, decodeURIComponent(m[1])) },
  { method: 'GET', pattern: new RegExp(`^/api/render/proxy/${seg}/download/?$`), envelope: 'render', auth: true, handle: (c, q, s, m, u) => r.renderDownload(c, q, s, u, decodeURIComponent(m[1])) },
  // Engine-only extension (local backend): preview proxies. Not part of the cloud contract.
  { method: 'POST', pattern: new RegExp(`^/api/preview/nemo_agent/me/${seg}/?$`), envelope: 'business', auth: true, handle: (c, q, s, m, u) => startPreview(c, q, s, u, decodeURIComponent(m[1])) },
  { method: 'GET', pattern: new RegExp(`^/api/preview/nemo_agent/me/${seg}/${seg}/?$`), envelope: 'business', auth: true, handle: (c, _q, s, m, u) => previewStatus(c, s, u, decodeURIComponent(m[1]), decodeURIComponent(m[2])) },
  {
    method: 'GET', pattern: /^\/files\/(.+)$/, envelope: 'file', auth: false,
    handle: (c, q, s, m, _u, url) => r.signedFile(c, q, s, m[1].split('/').map((p) => decodeURIComponent(p)), url.searchParams.get('sig')),
  },
];

/** HEAD is served like GET (download resumption probes with it). */
export function findRoute(method: string, pathname: string): { route: Route; match: RegExpExecArray } | { allowed: string[] } | undefined {
  const m = method === 'HEAD' ? 'GET' : method;
  const allowed: string[] = [];
  for (const route of routes) {
    const match = route.pattern.exec(pathname);
    if (!match) continue;
    if (route.method === m) return { route, match };
    allowed.push(route.method);
  }
  return allowed.length ? { allowed } : undefined;
}
