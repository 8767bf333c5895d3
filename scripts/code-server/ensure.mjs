#!/usr/bin/env node
// Installs code-server 4.100.3 (VS Code 1.100.3, the last line that runs on Node 20) into
// .vscode-test/code-server-4.100.3/ on first use, from the npm registry only. Idempotent: a marker file
// written last says the install finished; the second run returns at once.
//
//   node scripts/code-server/ensure.mjs            installs if needed, prints the entry script path last
//   GY_CODE_SERVER_CACHE=<dir>                     cache folder (default .vscode-test/ in the repo)
//   import { ensureCodeServer } from './ensure.mjs' same, as a function returning { entry, version, dir }
//
// Traps this script exists to avoid (see field notes):
// - code-server's postinstall refuses to run as root and calls `npx node-gyp`: needs
//   npm_config_unsafe_perm=true and npm_config_yes=true.
// - Its nested @vscode/ripgrep@1.15.11 downloads rg from GitHub in postinstall unless a cached archive
//   exists in $TMPDIR. We build that archive from the rg binary inside the npm package
//   @vscode/ripgrep-linux-x64, and point TMPDIR at a private folder so nothing else interferes.
// - node-gyp would download Node headers from the internet; Node's own prefix ships them
//   (<prefix>/include/node), so we point npm_config_nodedir there when they exist.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const CODE_SERVER_VERSION = '4.100.3';
const RIPGREP_WRAPPER_VERSION = '1.15.11'; // the @vscode/ripgrep that code-server 4.100.3 nests
const RIPGREP_ASSET = 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz';
const RIPGREP_BINARY_PACKAGE = '@vscode/ripgrep-linux-x64@1.18.0';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
// GY_CODE_SERVER_CACHE moves the cache out of the clone (e.g. a CI cache folder shared between clean clones).
const cacheRoot = path.resolve(process.env.GY_CODE_SERVER_CACHE || path.join(root, '.vscode-test'));
const installDir = path.join(cacheRoot, `code-server-${CODE_SERVER_VERSION}`);
const marker = path.join(installDir, '.installed');
const entry = path.join(installDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');

const log = (msg) => process.stderr.write(`[code-server] ${msg}\n`);

function sh(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', ...opts });
  if (r.status !== 0) {
    const out = `${r.stdout ?? ''}\n${r.stderr ?? ''}`.trim().split('\n').slice(-40).join('\n');
    throw new Error(`${cmd} ${args.join(' ')} failed (exit ${r.status ?? r.signal}):\n${out}`);
  }
  return r.stdout;
}

function isInstalled() {
  try {
    return fs.readFileSync(marker, 'utf8').trim() === CODE_SERVER_VERSION && fs.existsSync(entry);
  } catch {
    return false;
  }
}

/** Builds $tmp/vscode-ripgrep-cache-<v>/<asset>: a tar.gz with `rg` at its root, from the npm package. */
function prepareRipgrepCache(tmp, env) {
  const packDir = path.join(tmp, 'rg-pack');
  fs.mkdirSync(packDir, { recursive: true });
  const tgz = sh('npm', ['pack', RIPGREP_BINARY_PACKAGE, '--pack-destination', packDir, '--silent'], { cwd: packDir, env })
    .trim().split('\n').pop();
  sh('tar', ['xzf', path.join(packDir, tgz), '-C', packDir]);
  const rg = path.join(packDir, 'package', 'bin', 'rg');
  if (!fs.existsSync(rg)) throw new Error(`${RIPGREP_BINARY_PACKAGE} has no bin/rg; cannot prepare ripgrep for code-server`);
  fs.chmodSync(rg, 0o755);
  const cacheDir = path.join(tmp, `vscode-ripgrep-cache-${RIPGREP_WRAPPER_VERSION}`);
  fs.mkdirSync(cacheDir, { recursive: true });
  sh('tar', ['czf', path.join(cacheDir, RIPGREP_ASSET), '-C', path.dirname(rg), 'rg']);
}

/** Node's headers ship in its own prefix (official tarballs, NodeSource, Debian's libnode-dev). */
function nodeHeadersDir() {
  const prefix = path.resolve(path.dirname(process.execPath), '..');
  return fs.existsSync(path.join(prefix, 'include', 'node', 'node.h')) ? prefix : undefined;
}

/**
 * code-server's postinstall compiles native modules (kerberos, spdlog, …) with node-gyp: it needs a C++
 * toolchain, make, python3 and the Kerberos headers. Say exactly what is missing before a 1-minute install
 * fails in the middle.
 */
function checkBuildTools() {
  const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
  const missing = [];
  if (!has('g++') || !has('make')) missing.push('build-essential');
  if (!has('python3')) missing.push('python3');
  if (!has('krb5-config') && !fs.existsSync('/usr/include/gssapi/gssapi.h')) missing.push('libkrb5-dev');
  if (missing.length > 0) {
    throw new Error(`code-server's install compiles native modules and needs: ${missing.join(' ')}.\n` +
      `  Install them with: sudo apt-get install -y --no-install-recommends ${missing.join(' ')}`);
  }
}

/** One installer at a time: a second caller waits for the first (the lock holds the pid). */
async function withLock(fn) {
  const lock = path.join(cacheRoot, `code-server-${CODE_SERVER_VERSION}.lock`);
  fs.mkdirSync(cacheRoot, { recursive: true });
  for (;;) {
    try {
      fs.writeFileSync(lock, String(process.pid), { flag: 'wx' });
      break;
    } catch {
      const holder = Number(fs.readFileSync(lock, 'utf8'));
      let alive = false;
      try { process.kill(holder, 0); alive = holder > 0; } catch { alive = false; }
      if (!alive) { fs.rmSync(lock, { force: true }); continue; }
      log(`waiting for another install (pid ${holder})…`);
      await new Promise((r) => setTimeout(r, 2000));
    }
  }
  try { return await fn(); } finally { fs.rmSync(lock, { force: true }); }
}

function install() {
  checkBuildTools();
  const started = Date.now();
  log(`installing code-server ${CODE_SERVER_VERSION} into ${installDir} (first use, ~1 min on an idle 2-core machine)…`);
  fs.rmSync(installDir, { recursive: true, force: true });
  fs.mkdirSync(installDir, { recursive: true });
  const tmp = fs.mkdtempSync(path.join(cacheRoot, 'tmp-install-'));
  const env = {
    ...process.env,
    TMPDIR: tmp,
    npm_config_unsafe_perm: 'true',
    npm_config_yes: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
  };
  const headers = nodeHeadersDir();
  if (headers) env.npm_config_nodedir = headers;
  try {
    prepareRipgrepCache(tmp, env);
    fs.writeFileSync(path.join(installDir, 'package.json'), JSON.stringify({ name: 'code-server-cache', private: true }, null, 1));
    sh('npm', ['install', `code-server@${CODE_SERVER_VERSION}`, '--omit=dev', '--no-package-lock', '--loglevel=error'], { cwd: installDir, env });
    if (!fs.existsSync(entry)) throw new Error(`code-server installed but ${entry} is missing`);
    fs.writeFileSync(marker, `${CODE_SERVER_VERSION}\n`);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  log(`installed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** Returns the code-server entry script (run it with `node <entry> …`), installing on first use. */
export async function ensureCodeServer() {
  if (!isInstalled()) {
    await withLock(async () => { if (!isInstalled()) install(); });
  }
  return { entry, version: CODE_SERVER_VERSION, dir: installDir };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const { entry: e } = await ensureCodeServer();
    console.log(e);
  } catch (err) {
    log(`install failed: ${err instanceof Error ? err.message : String(err)}`);
    log('needs: the npm registry, Debian packages from scripts/ensure-system-deps.sh (libkrb5-dev, build tools)');
    process.exit(1);
  }
}
