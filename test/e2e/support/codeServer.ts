// Starts a real code-server (VS Code 1.100.x) on 127.0.0.1 with its own fresh user-data and extensions
// folders, and stops it with everything it spawned. Used by the integration runner
// (scripts/code-server/run-integration.mjs) and by every e2e test (through workbench.ts).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { installExtensionCopy, installExtensionVsix, installFolderExtension } from './extensionInstall';
import { registerEmptyLanguagePack } from './locale';
import { repoRoot } from './paths';
import { writeUserSettings, type UserSettingsOptions } from './userSettings';

export { repoRoot };

export interface CodeServerOptions extends UserSettingsOptions {
  /** Folder opened by default (the workbench URL's `?folder=`). */
  readonly workspace: string;
  /**
   * How the extension gets into the extensions folder: `copy` (the repo's runtime files, the default),
   * `none` (integration tier: it is loaded as extensionDevelopmentPath instead) or a .vsix to install
   * with `--install-extension`.
   */
  readonly extension?: 'copy' | 'none' | { readonly vsix: string };
  /**
   * Display language (`--locale`), e.g. 'zh-cn': our extension's strings switch to it; VS Code's own UI
   * stays English (no real language pack offline; see locale.ts).
   */
  readonly locale?: string;
  /**
   * Keep VS Code's Workspace Trust on (default off: no trust prompt). With it on, the folder opens in
   * Restricted Mode until trusted: what `capabilities.untrustedWorkspaces` is about.
   */
  readonly workspaceTrust?: boolean;
  /** Extra extension folders (each with a package.json) copied into the extensions folder, e.g. test fixtures. */
  readonly extraExtensions?: readonly string[];
  /** A label for the run folder under .vscode-test/runs/. */
  readonly label?: string;
}

export interface CodeServer {
  readonly port: number;
  /** http://127.0.0.1:<port> */
  readonly origin: string;
  readonly runDir: string;
  readonly userDataDir: string;
  readonly extensionsDir: string;
  readonly workspace: string;
  /** The workbench URL for a folder (default: the workspace), with an optional test payload. */
  workbenchUrl(folder?: string, payload?: ReadonlyArray<readonly [string, string]>): string;
  /** A `vscode-remote://` URI for an absolute path on this machine, as the workbench payload wants it. */
  remoteUri(absPath: string): string;
  /** Everything code-server printed so far (for failure messages). */
  output(): string;
  /** False once the code-server process has exited. */
  isRunning(): boolean;
  stop(): Promise<void>;
}

/** Path of code-server's entry script, installing code-server on first use (scripts/code-server/ensure.mjs). */
export function codeServerEntry(): string {
  const r = spawnSync(process.execPath, [path.join(repoRoot, 'scripts', 'code-server', 'ensure.mjs')], {
    encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'],
  });
  const entry = r.stdout.trim().split('\n').pop() ?? '';
  if (r.status !== 0 || !fs.existsSync(entry)) {
    throw new Error(`could not install code-server (exit ${r.status}); run: node scripts/code-server/ensure.mjs`);
  }
  return entry;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

const live = new Set<ChildProcess>();
// If the test process dies without stop(), do not leave code-server behind.
process.once('exit', () => {
  for (const child of live) killGroup(child, 'SIGKILL');
});

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal); // the group we created with detached: true (code-server + ext host + watchers)
  } catch {
    try { child.kill(signal); } catch { /* already gone */ }
  }
}

async function waitForHealth(origin: string, child: ChildProcess, output: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`code-server exited early (${child.exitCode ?? child.signalCode}):\n${output()}`);
    }
    try {
      const res = await fetch(`${origin}/healthz`);
      if (res.ok) return;
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`code-server did not answer on ${origin} within ${timeoutMs} ms:\n${output()}`);
}

/**
 * Run folders are removed by stop(); a killed test process leaves its folder behind. Remove those once they
 * are a day old (a live run is never that old: the tiers have time limits far below it).
 */
function pruneStaleRuns(runsRoot: string): void {
  const dayAgo = Date.now() - 24 * 3600_000;
  for (const name of fs.readdirSync(runsRoot)) {
    const dir = path.join(runsRoot, name);
    try {
      if (fs.statSync(dir).mtimeMs < dayAgo) fs.rmSync(dir, { recursive: true, force: true });
    } catch { /* another run removed it first */ }
  }
}

interface Launched {
  readonly child: ChildProcess;
  readonly port: number;
  readonly origin: string;
  output(): string;
  /** Stops code-server and everything in its process group. */
  kill(): Promise<void>;
}

async function launch(baseArgs: readonly string[], options: CodeServerOptions, runDir: string): Promise<Launched> {
  const port = await freePort();
  const args = [
    ...baseArgs,
    '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry', '--disable-update-check', '--disable-getting-started-override', '--ignore-last-opened',
    ...(options.workspaceTrust ? [] : ['--disable-workspace-trust']),
    ...(options.locale ? ['--locale', options.locale] : []),
    options.workspace,
  ];
  const child = spawn(process.execPath, args, {
    cwd: runDir, detached: true, stdio: ['ignore', 'pipe', 'pipe'],
    // code-server reads $XDG_* for its own config; keep it inside the run folder.
    env: { ...process.env, XDG_CONFIG_HOME: path.join(runDir, 'config'), XDG_DATA_HOME: path.join(runDir, 'data') },
  });
  live.add(child);
  let out = '';
  const collect = (b: Buffer): void => { out = (out + b.toString()).slice(-20000); };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const kill = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((r) => child.once('exit', () => r()));
      killGroup(child, 'SIGTERM');
      const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    killGroup(child, 'SIGKILL'); // stragglers left in the group
    live.delete(child);
  };
  return { child, port, origin: `http://127.0.0.1:${port}`, output: () => out, kill };
}

export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  const entry = codeServerEntry();
  const runsRoot = path.join(repoRoot, '.vscode-test', 'runs');
  fs.mkdirSync(runsRoot, { recursive: true });
  pruneStaleRuns(runsRoot);
  const runDir = fs.mkdtempSync(path.join(runsRoot, `${options.label ?? 'run'}-`));
  const userDataDir = path.join(runDir, 'user-data');
  const extensionsDir = path.join(runDir, 'extensions');
  fs.mkdirSync(extensionsDir, { recursive: true });
  writeUserSettings(userDataDir, options.workspaceTrust
    ? { ...options, settings: { 'security.workspace.trust.enabled': true, ...options.settings } }
    : options);
  if (options.locale && !options.locale.toLowerCase().startsWith('en')) registerEmptyLanguagePack(userDataDir, options.locale);

  const baseArgs = [entry, '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir];
  const ext = options.extension ?? 'copy';
  if (ext === 'copy') installExtensionCopy(extensionsDir);
  else if (ext !== 'none') installExtensionVsix(process.execPath, baseArgs, ext.vsix);
  for (const folder of options.extraExtensions ?? []) installFolderExtension(extensionsDir, folder);

  // A free port can be taken between freePort() and code-server's bind: then try another one.
  let launched: Launched | undefined;
  for (let attempt = 1; !launched; attempt++) {
    const candidate = await launch(baseArgs, options, runDir);
    try {
      await waitForHealth(candidate.origin, candidate.child, candidate.output, 60_000);
      launched = candidate;
    } catch (err) {
      await candidate.kill();
      if (attempt < 3 && /EADDRINUSE/.test(candidate.output())) continue;
      if (process.env.GY_KEEP_RUNS !== '1') fs.rmSync(runDir, { recursive: true, force: true });
      throw err;
    }
  }
  const { child, port, origin, output } = launched;
  const stop = async (): Promise<void> => {
    await launched?.kill();
    if (process.env.GY_KEEP_RUNS !== '1') fs.rmSync(runDir, { recursive: true, force: true });
  };

  const remoteUri = (absPath: string): string => `vscode-remote://127.0.0.1:${port}${absPath}`;
  return {
    port, origin, runDir, userDataDir, extensionsDir, workspace: options.workspace, output, stop, remoteUri,
    isRunning: () => child.exitCode === null && child.signalCode === null,
    workbenchUrl(folder = options.workspace, payload) {
      const q = new URLSearchParams({ folder });
      if (payload) q.set('payload', JSON.stringify(payload));
      return `${origin}/?${q.toString()}`;
    },
  };
}
