// Security of the engine: loopback only, its own tokens only, no token at rest or in logs, Host checks
// against DNS rebinding, and no way to read or write outside the data folder.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { startEngine } from '../../../src/engine/server/index';
import { testMedia, tempDir } from '../../support/media';
import { ATTRIBUTION, arr, harness, json, request, runSse, str, type Harness } from './helpers';

function connects(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ host, port });
    s.setTimeout(2000);
    s.once('connect', () => { s.destroy(); resolve(true); });
    s.once('error', () => resolve(false));
    s.once('timeout', () => { s.destroy(); resolve(false); });
  });
}

/** Every file under dir with its contents (small files only), to search for secrets. */
function readAll(dir: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push([p, fs.readFileSync(p).toString('latin1')]);
    }
  };
  walk(dir);
  return out;
}

describe('engine server: security', () => {
  let h: Harness;
  before(async () => {
    h = await harness();
    const m = await testMedia();
    await h.upload([{ filename: 'clip.mp4', file: m.clip }]);
    await runSse(h.base, h.token, h.sessionId, 'add an intro titled Secure');
  });
  after(async () => { await h.engine.close(); });

  it('[security] binds 127.0.0.1 only: other addresses of this machine refuse connections', async () => {
    assert.match(h.engine.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(await connects('127.0.0.1', h.engine.port), true);
    const others = Object.values(os.networkInterfaces()).flat()
      .filter((i): i is os.NetworkInterfaceInfo => !!i && i.family === 'IPv4' && !i.internal).map((i) => i.address);
    // 127.0.0.2 is loopback too, but not the bound address: a wildcard bind would accept it.
    for (const addr of ['127.0.0.2', ...others]) assert.equal(await connects(addr, h.engine.port), false, addr);
    // The kernel's own table agrees: the listening socket is 127.0.0.1 (0100007F), not 0.0.0.0.
    const tcp = fs.readFileSync('/proc/net/tcp', 'utf8');
    const hexPort = h.engine.port.toString(16).toUpperCase().padStart(4, '0');
    const listening = tcp.split('\n').filter((l) => l.includes(`:${hexPort} `) && / 0A /.test(l));
    assert.ok(listening.length >= 1);
    for (const l of listening) assert.match(l.trim().split(/\s+/)[1], /^0100007F:/);
  });

  it('[security] refuses to start on another address', async () => {
    const host = '0.0.0.0' as unknown as '127.0.0.1';
    await assert.rejects(startEngine({ dataDir: tempDir(), host }), /127\.0\.0\.1 only/);
  });

  it('[security] requests with a foreign Host header (DNS rebinding) are refused with 403', async () => {
    const r = await request(h.base, 'GET', '/api/credits/balance/simple', { token: h.token, headers: { Host: `evil.example:${h.engine.port}` } });
    assert.equal(r.status, 403);
    assert.notEqual(r.json.code, 0);
    const tok = await request(h.base, 'POST', '/api/auth/anonymous-token', { headers: { Host: 'attacker.test', 'X-Client-Id': 'x' } });
    assert.equal(tok.status, 403);
    const ok = await request(h.base, 'GET', '/api/credits/balance/simple', { token: h.token, headers: { Host: `localhost:${h.engine.port}` } });
    assert.equal(ok.json.code, 0);
  });

  it('[security] the token is never stored in the data folder nor written to the log', async () => {
    const found = readAll(h.dataDir).filter(([, text]) => text.includes(h.token)).map(([p]) => p);
    assert.deepEqual(found, []);
    assert.ok(h.logs.length > 5, 'the engine did log');
    assert.equal(h.logs.filter((l) => l.includes(h.token) || l.includes('sig=')).length, 0);
  });

  it('[security] upload links are signed: changing the session or media id in a link gives 404', async () => {
    const [f] = arr((await h.state()).json.data.state.video_infos);
    const u = new URL(str(f.cdn_url));
    const forged = u.pathname.replace(h.sessionId, '1111111111111111111');
    const r = await request(h.base, 'GET', `${forged}?${u.searchParams.toString()}`);
    assert.equal(r.status, 404);
  });

  it('[security] traversal in ids cannot reach outside the data folder (session, render, file links)', async () => {
    const outsideFile = path.join(path.dirname(h.dataDir), 'outside.json');
    fs.writeFileSync(outsideFile, '{"secret":"outside"}');
    const attempts: Array<[string, string, string | undefined]> = [
      ['GET', '/api/state/nemo_agent/me/..%2F..%2Foutside/latest', undefined],
      ['GET', '/api/state/nemo_agent/me/..%2Foutside.json/latest', undefined],
      ['GET', '/api/render/proxy/lambda/..%2F..%2Foutside', undefined],
      ['GET', '/api/render/proxy/..%2F..%2Foutside/download', undefined],
      ['GET', '/files/r/..%2F..%2Foutside/x.mp4?sig=x', undefined],
      ['POST', '/api/render/proxy/lambda', json({ id: '../../outside', sessionId: h.sessionId, draft: { t: [{ tt: 0, sg: [{}], d: 1 }], d: 1 } }) as string],
      ['POST', `/api/upload-video/nemo_agent/me/..%2F..%2F${h.sessionId}`, json({ urls: ['file:///etc/passwd'] }) as string],
    ];
    for (const [method, p, body] of attempts) {
      const r = await request(h.base, method, p, { token: h.token, headers: ATTRIBUTION, body });
      assert.ok(r.status >= 400 && r.status < 500, `${method} ${p} → ${r.status}`);
      assert.ok(!r.text.includes('"secret":"outside"'), p);
    }
    assert.equal(fs.readFileSync(outsideFile, 'utf8'), '{"secret":"outside"}', 'untouched');
    assert.deepEqual(fs.readdirSync(path.dirname(h.dataDir)).sort(), ['data', 'outside.json']);
  });

  it('[security] a file:// URL to something that is not an accepted media type is refused (no reading /etc/passwd)', async () => {
    const r = await request(h.base, 'POST', `/api/upload-video/nemo_agent/me/${h.sessionId}`, { token: h.token, body: json({ urls: ['file:///etc/passwd'] }) });
    assert.equal(r.json.code, 4001);
    assert.ok(!r.text.includes('root:'));
  });
});
