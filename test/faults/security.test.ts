// Security checks over the core and the CLI, with real servers on 127.0.0.1, real files and the real CLI
// bundle (node dist/cli.js): the token never shows up in logs, CLI output, error texts or persisted state,
// even when a hostile server echoes it back; the CLI's secrets file is 0600; the token never goes to another
// origin. (Counted elsewhere, not repeated: the engine's loopback-only bind, foreign Host, token checks and
// data-folder confinement in test/engine/server/security.test.ts and business.test.ts; the storage-URL and
// redirect cases in test/contract/transfer.test.ts.)
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FileSecretStore, FileStateStore, MemorySecretStore, STORE_KEYS, configDir } from '../../src/core/session/stores';
import type { RenderJob } from '../../src/core/render/job';
import { startEngine, type RunningEngine } from '../../src/engine/server/index';
import { collect, harness } from '../support/core-harness';
import { tempDir, testMedia, type TestMedia } from '../support/media';
import { eachTestServer, scriptBasics, ScriptedServer } from '../support/scripted-server';

process.env.GENERATOR_YOUTUBE_X264_PRESET ??= 'ultrafast';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');

/** Every file under `dir` (contents as text), for scanning. */
function filesUnder(dir: string): Array<{ file: string; text: string }> {
  if (!fs.existsSync(dir)) return [];
  const out: Array<{ file: string; text: string }> = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...filesUnder(p));
    else if (e.isFile() && fs.statSync(p).size < 20 * 1024 * 1024) out.push({ file: p, text: fs.readFileSync(p).toString('latin1') });
  }
  return out;
}

function assertNoToken(token: string, where: string, text: string): void {
  assert.ok(token.length > 12);
  // The whole token, and its secret tail (a partial leak is still a leak).
  for (const needle of [token, token.slice(-16)]) {
    const at = text.indexOf(needle);
    assert.equal(at, -1, `${where} contains the token: …${text.slice(Math.max(0, at - 60), at + needle.length + 20)}…`);
  }
}

interface CliRun {
  args: string[];
  code: number | null;
  stdout: string;
  stderr: string;
}

function runCli(args: string[], env: Record<string, string | undefined>): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { PATH: process.env.PATH, ...env } as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ args, code, stdout, stderr }));
  });
}

async function engineToken(url: string): Promise<string> {
  const r = await fetch(`${url}/api/auth/anonymous-token`, { method: 'POST', headers: { 'X-Client-Id': `sec-${Date.now()}` } });
  const body = (await r.json()) as { data: { token: string } };
  return body.data.token;
}

describe('security: the token never leaks', function () {
  this.timeout(240_000);
  let m: TestMedia;
  before(async () => {
    m = await testMedia();
  });

  it('[security] a full core flow with a known token: nothing in logs, events, errors or persisted state', async () => {
    const tmp = tempDir('gyt-sec-core-');
    const logs: string[] = [];
    const engine = await startEngine({ dataDir: path.join(tmp, 'data'), log: (l) => logs.push(l) });
    try {
      const token = await engineToken(engine.url);
      const stateFile = path.join(tmp, 'config', 'state.json');
      const secretsFile = path.join(tmp, 'config', 'secrets.json');
      const h = harness(engine.url, { env: { NEMO_TOKEN: token }, client: { state: new FileStateStore(stateFile), secrets: new FileSecretStore(secretsFile) }, workflow: { state: new FileStateStore(stateFile), exportPollMs: 300 } });
      const seen: string[] = [];
      const keep = (v: unknown): void => void seen.push(JSON.stringify(v, (_k, x: unknown) => (x instanceof Error ? { ...x, message: x.message, stack: x.stack } : x)));
      keep(await h.workflow.upload([m.clip]));
      const events = await collect(h.workflow.send('trim the first second'));
      keep(events);
      keep(await collect(h.workflow.send('status')));
      keep(await collect(h.workflow.send('credits')));
      let job: RenderJob = await h.workflow.startExport();
      job = await h.workflow.pollExport(job);
      keep(job);
      keep(await h.workflow.download(job, path.join(tmp, 'out')));
      keep(await h.workflow.claimLink());
      // Errors too: a bad file, and a forged token on the same engine.
      await h.workflow.upload([path.join(tmp, 'missing.mp4')]).catch(keep);
      const forged = `${token.slice(0, -6)}zzzzzz`;
      const hf = harness(engine.url, { env: { NEMO_TOKEN: forged } });
      await hf.workflow.credits().catch((e: unknown) => {
        keep(e);
        for (const s of [JSON.stringify(e), String(e), (e as Error).stack ?? '']) assertNoToken(forged, 'the auth error', s);
      });
      for (const line of hf.logs) assertNoToken(forged, 'the forged-token log', line);

      assert.equal(job.status, 'completed', 'the flow really ran');
      assertNoToken(token, 'the client log', h.logs.join('\n'));
      assertNoToken(token, 'the engine log', logs.join('\n'));
      assertNoToken(token, 'events, results and errors', seen.join('\n'));
      assertNoToken(token, 'the persisted state', fs.readFileSync(stateFile, 'utf8'));
      assert.ok(!fs.existsSync(secretsFile) || !fs.readFileSync(secretsFile, 'utf8').includes(token), 'NEMO_TOKEN is not copied into the secrets file');
      for (const f of filesUnder(path.join(tmp, 'out'))) assertNoToken(token, f.file, f.text);
    } finally {
      await engine.close();
    }
  });

  it('[security] a hostile server that echoes the token back in errors and frames: the user never sees it', async () => {
    const server = await ScriptedServer.start();
    try {
      scriptBasics(server);
      const token = 'nmv_usr_Echo7seCretTokenValue0123456789';
      const echo = `invalid request for Authorization: Bearer ${token} (token=${token})`;
      server.on('GET', '/api/credits/balance/simple', { status: 500, body: { code: 5000, message: echo, data: null } });
      server.on('GET', /^\/api\/state\//, { status: 200, body: { code: 3999, message: echo, data: null } });
      server.on('POST', '/run_sse', { sse: [{ data: `not json ${token}` }, { data: JSON.stringify({ error: echo }) }] });
      server.on('POST', '/api/render/proxy/lambda', { status: 400, body: { success: false, error: echo } });
      const h = harness(server.url, { env: { NEMO_TOKEN: token } });
      const texts: string[] = [];
      const grab = (e: unknown): void => void texts.push(JSON.stringify(e), String(e), e instanceof Error ? e.message : '');
      await h.workflow.credits().catch(grab);
      await h.workflow.refreshState().catch(grab);
      await h.workflow.startExport().catch(grab);
      const events = await collect(h.workflow.send('cut the intro'));
      for (const e of events) texts.push(JSON.stringify(e), e.type === 'error' ? e.error.userMessage : '');
      assert.ok(texts.length >= 6);
      assertNoToken(token, 'the log', h.logs.join('\n'));
      assertNoToken(token, 'what the user is shown (error texts and events)', texts.join('\n'));
    } finally {
      await server.close();
    }
  });

  it('[security] the CLI, through a whole flow with NEMO_TOKEN and --verbose, never prints the token or stores it', async () => {
    assert.ok(fs.existsSync(CLI), `${CLI} is missing: run node esbuild.mjs`);
    const tmp = tempDir('gyt-sec-cli-');
    const engineLogs: string[] = [];
    const engine: RunningEngine = await startEngine({ dataDir: path.join(tmp, 'data'), log: (l) => engineLogs.push(l) });
    try {
      const token = await engineToken(engine.url);
      const env = { NEMO_TOKEN: token, NEMO_API_URL: engine.url, XDG_CONFIG_HOME: path.join(tmp, 'config'), HOME: tmp, LANG: 'en_US.UTF-8' };
      const bad = path.join(tmp, 'notes.txt');
      fs.writeFileSync(bad, 'not a video');
      const runs: CliRun[] = [];
      for (const args of [
        ['upload', m.clip, '--verbose'],
        ['chat', 'trim the first second', '--verbose'],
        ['status', '--verbose'],
        ['status', '--json'],
        ['credits', '--verbose', '--json'],
        ['export', '--out', path.join(tmp, 'out'), '--poll-interval', '1', '--verbose'],
        ['upload', bad, '--verbose'],
      ]) {
        runs.push(await runCli(args, env));
      }
      // A rejected token: the error path must not echo it either.
      const forged = `${token.slice(0, -6)}qqqqqq`;
      runs.push(await runCli(['credits', '--verbose'], { ...env, NEMO_TOKEN: forged }));
      const transcript = runs.map((r) => `$ ${r.args.join(' ')} → ${r.code}\n${r.stdout}\n${r.stderr}`).join('\n');
      assert.equal(runs[0]!.code, 0, transcript);
      assert.equal(runs[5]!.code, 0, `the export ran: ${transcript}`);
      assert.equal(runs[6]!.code, 4, 'a bad file is exit code 4');
      assert.notEqual(runs[7]!.code, 0);
      assertNoToken(token, 'the CLI output', transcript);
      assertNoToken(forged, 'the CLI output for a rejected token', `${runs[7]!.stdout}\n${runs[7]!.stderr}`);
      assertNoToken(token, 'the engine log', engineLogs.join('\n'));
      for (const f of filesUnder(path.join(tmp, 'config'))) assertNoToken(token, f.file, f.text);
    } finally {
      await engine.close();
    }
  });

  it('[security] the CLI stores an anonymous token only in a 0600 secrets file inside a 0700 folder, and never prints it', async () => {
    assert.ok(fs.existsSync(CLI), `${CLI} is missing: run node esbuild.mjs`);
    const tmp = tempDir('gyt-sec-cli-anon-');
    const engine = await startEngine({ dataDir: path.join(tmp, 'data') });
    try {
      const xdg = path.join(tmp, 'config');
      const env = { NEMO_API_URL: engine.url, XDG_CONFIG_HOME: xdg, HOME: tmp, LANG: 'en_US.UTF-8' };
      const runs = [await runCli(['credits', '--verbose'], env), await runCli(['status', '--verbose', '--json'], env)];
      assert.equal(runs[0]!.code, 0, runs[0]!.stderr);
      const dir = configDir({ XDG_CONFIG_HOME: xdg });
      const secrets = path.join(dir, 'secrets.json');
      assert.ok(fs.existsSync(secrets), 'the anonymous token is saved for the next run');
      assert.equal(fs.statSync(secrets).mode & 0o777, 0o600);
      assert.equal(fs.statSync(dir).mode & 0o077, 0, 'no access for group/others on the config folder');
      const stored = Object.values(JSON.parse(fs.readFileSync(secrets, 'utf8')) as Record<string, string>).find((v) => /^nmv_/.test(v));
      assert.ok(stored, 'the token is in the secrets file');
      assertNoToken(stored, 'the CLI output', runs.map((r) => r.stdout + r.stderr).join('\n'));
      for (const f of filesUnder(dir).filter((x) => x.file !== secrets)) assertNoToken(stored, f.file, f.text);
    } finally {
      await engine.close();
    }
  });

  it('[security] the secrets file is re-tightened to 0600 even if it existed with looser permissions', async () => {
    const dir = tempDir('gyt-sec-perm-');
    const file = path.join(dir, 'secrets.json');
    fs.writeFileSync(file, '{}', { mode: 0o644 });
    fs.chmodSync(file, 0o644);
    const store = new FileSecretStore(file);
    await store.set('nemo.token:x', 'nmv_usr_perm_test_value_1234');
    assert.equal(fs.statSync(file).mode & 0o777, 0o600);
    assert.equal(await new FileSecretStore(file).get('nemo.token:x'), 'nmv_usr_perm_test_value_1234');
  });
});

describe('security: a token the user set is never silently replaced', () => {
  it('[security] an anonymous-token request still in flight when the user sets a token does not overwrite it (same client or a second one on the same store)', async () => {
    const server = await ScriptedServer.start();
    try {
      scriptBasics(server);
      let release: () => void = () => undefined;
      const held = new Promise<void>((r) => (release = r));
      server.on('POST', '/api/auth/anonymous-token', async () => {
        await held; // the answer arrives only after the user has set a token
        return { body: { code: 0, message: 'success', data: { token: 'nmv_usr_lateanonymous0001', user_id: 'anon_9' } } };
      });
      const a = harness(server.url);
      // A second client over the SAME stores: what the extension has after a settings change rebuilt the backend.
      const b = harness(server.url, { client: { secrets: a.secrets, state: a.state } });
      const pendingA = a.workflow.credits().catch((e: unknown) => e);
      const pendingB = b.workflow.credits().catch((e: unknown) => e);
      await server.waitForCalls('/api/auth/anonymous-token', 2);
      assert.equal(server.calls('/api/auth/anonymous-token').length, 2, 'both clients are waiting for an anonymous token');
      const userToken = 'nmv_usr_registeredUserToken42';
      await a.client.setToken(userToken);
      release();
      await Promise.all([pendingA, pendingB]);
      const key = STORE_KEYS.token(a.client.backendKey);
      assert.equal(await a.secrets.get(key), userToken, 'the late anonymous token replaced the token the user set');
      assert.equal(await a.client.getToken(), userToken, 'the client that took setToken keeps using it');
      const after = server.requests.length;
      await a.workflow.credits();
      assert.equal(server.requests.slice(after).at(-1)?.headers.authorization, `Bearer ${userToken}`);
    } finally {
      await server.close();
    }
  });
});

describe('security: a token set in the last instant before an anonymous token is saved', () => {
  it('[security] setToken called while the anonymous answer is being checked (its write not landed yet) still wins', async () => {
    const server = await ScriptedServer.start();
    try {
      scriptBasics(server);
      /** The store as the extension's SecretStorage behaves: reads and writes take a turn of the event loop. */
      class HookedSecrets extends MemorySecretStore {
        onNextGet: (() => void) | undefined;
        override async get(key: string): Promise<string | undefined> {
          const value = await super.get(key);
          const hook = this.onNextGet;
          this.onNextGet = undefined;
          hook?.();
          return value;
        }
      }
      const secrets = new HookedSecrets();
      const h = harness(server.url, { client: { secrets } });
      const userToken = 'nmv_usr_setInTheLastInstant7';
      let userSet: Promise<void> | undefined;
      server.on('POST', '/api/auth/anonymous-token', () => {
        // The next read is the client's last look at the store before it would save the anonymous token:
        // the user sets a token right then, after the read has its (old) value and before that write.
        secrets.onNextGet = () => {
          userSet = h.client.setToken(userToken);
        };
        return { body: { code: 0, message: 'success', data: { token: 'nmv_usr_lateanonymous0002', user_id: 'anon_10' } } };
      });
      await h.workflow.credits();
      assert.ok(userSet, 'the user set the token during the check');
      await userSet;
      assert.equal(await secrets.get(STORE_KEYS.token(h.client.backendKey)), userToken, 'the anonymous token overwrote the token the user set');
      assert.equal(await h.client.getToken(), userToken);
      assert.equal(server.requests.at(-1)?.headers.authorization, `Bearer ${userToken}`, 'the request went out with the user\'s token');
    } finally {
      await server.close();
    }
  });
});

describe('security: the token stays on its origin', () => {
  let server: ScriptedServer;
  eachTestServer((s) => (server = s));

  it('[security] the Bearer header goes only to the exact API origin (not localhost for 127.0.0.1, another port, https, or a userinfo trick)', async () => {
    const h = harness(server.url);
    const port = new URL(server.url).port;
    assert.match((await h.client.headersFor(`${server.url}/api/render/proxy/r/download`)).Authorization ?? '', /^Bearer /);
    for (const other of [
      `http://localhost:${port}/files/out.mp4`,
      `http://127.0.0.1:${Number(port) + 1}/files/out.mp4`,
      `https://127.0.0.1:${port}/files/out.mp4`,
      `http://127.0.0.1:${port}@storage.example/files/out.mp4`,
      `//storage.example/files/out.mp4`,
      'not a url',
    ]) {
      const headers = await h.client.headersFor(other);
      assert.equal(headers.Authorization, undefined, other);
      assert.equal(headers['X-Skill-Source'], 'generator-youtube');
    }
  });

  it('[security] an output URL naming the same server as "localhost" gets no token; the proxy download (same origin) does', async () => {
    const port = new URL(server.url).port;
    server.on('GET', '/files/out.mp4', (req) => (req.headers.authorization ? { body: Buffer.from('LEAKED') } : { status: 403, body: 'signed links only' }));
    server.on('GET', '/api/render/proxy/render_l/download', { body: Buffer.from('VIA-PROXY') });
    const h = harness(server.url);
    const tmp = tempDir('gyt-sec-origin-');
    const job: RenderJob = { id: 'render_l', sessionId: 's', status: 'completed', progress: 100, outputUrl: `http://localhost:${port}/files/out.mp4`, createdAt: 1, updatedAt: 1 };
    const done = await h.workflow.download(job, tmp);
    assert.equal(fs.readFileSync(done.localPath!, 'utf8'), 'VIA-PROXY');
    assert.equal(server.calls('/files/out.mp4')[0]?.headers.authorization, undefined);
    assert.equal(server.calls('/api/render/proxy/render_l/download')[0]?.headers.authorization, 'Bearer nmv_usr_testtoken123');
  });
});
