// Entry point of the integration tier, loaded by VS Code itself as `extensionTestsPath`: this code runs
// INSIDE the real extension host, where `require('vscode')` is the real API.
//
// It runs mocha over every out/test/integration/**/*.test.js (add a *.test.ts file next to this one and it
// is picked up), then writes a tally `{ tests: [{ title, state, error }], vscodeVersion }` that
// scripts/test-all.mjs totals. Where the tally goes:
// - code-server (npm test): scripts/code-server/run-integration.mjs generates a tiny entry module that
//   calls runWith({ tallyFile, logFile }) with paths in its run folder (env does not reach the extension
//   host there).
// - desktop VS Code (npm run test:desktop): @vscode/test-electron passes env, so run() reads TALLY_FILE.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import Mocha from 'mocha';

export interface RunOptions {
  /** Where the JSON tally is written (atomically: .part then rename) when the run ends. */
  readonly tallyFile?: string;
  /** Every line of test output is appended here too, so a runner outside VS Code can stream it. */
  readonly logFile?: string;
  /** Only files whose path contains this string (GY_INTEGRATION_GREP via the runner). */
  readonly fileFilter?: string;
}

export interface TallyEntry { title: string; state: 'passed' | 'failed' | 'pending'; error?: string }
export interface Tally { tests: TallyEntry[]; vscodeVersion: string }

/** All *.test.js files under this folder (recursively), sorted so runs are repeatable. */
function testFiles(dir: string): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...testFiles(full));
    else if (entry.name.endsWith('.test.js')) found.push(full);
  }
  return found.sort();
}

/**
 * Sends console output to the log file too, while the suite runs (tests may print measurements).
 * The extension host defines console.log & co. as accessors (to forward them to the workbench), so a plain
 * assignment is ignored: redefine the properties, and put the original descriptors back afterwards.
 */
function teeConsole(write: (line: string) => void): () => void {
  const methods = ['log', 'info', 'warn', 'error'] as const;
  const saved = methods.map((m) => Object.getOwnPropertyDescriptor(console, m));
  for (const m of methods) {
    const original = console[m].bind(console);
    const tee = (...args: unknown[]): void => {
      write(args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' '));
      original(...args);
    };
    Object.defineProperty(console, m, { value: tee, configurable: true, writable: true, enumerable: true });
  }
  return () => methods.forEach((m, i) => {
    const d = saved[i];
    if (d) Object.defineProperty(console, m, d);
  });
}

function writeAtomically(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(`${file}.part`, text);
  fs.renameSync(`${file}.part`, file);
}

export async function runWith(options: RunOptions): Promise<void> {
  const lines: string[] = [];
  const write = (line: string): void => {
    lines.push(line);
    if (options.logFile) fs.appendFileSync(options.logFile, `${line}\n`);
  };
  const restoreConsole = teeConsole(write);
  const tests: TallyEntry[] = [];
  try {
    console.log(`integration tier: running inside VS Code ${vscode.version} (${vscode.env.appName}, ${vscode.env.uiKind === vscode.UIKind.Web ? 'web' : 'desktop'})`);
    await measureActivation();
    const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: TallyListReporter });
    const files = testFiles(__dirname).filter((f) => !options.fileFilter || f.includes(options.fileFilter));
    // Load each file on its own: one broken test file becomes one failed entry, not a dead tier.
    for (const file of files) {
      try {
        mocha.suite.emit('pre-require', globalThis, file, mocha);
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- test files are found at run time, like mocha's own loader
        mocha.suite.emit('require', require(file), file, mocha);
        mocha.suite.emit('post-require', globalThis, file, mocha);
      } catch (err) {
        tests.push({ title: `loading ${path.relative(__dirname, file)}`, state: 'failed', error: errorText(err) });
        console.log(`  ✗ could not load ${file}: ${errorText(err)}`);
      }
    }
    await new Promise<void>((resolve) => {
      const runner = mocha.run(() => resolve());
      runner.on('pass', (t) => tests.push({ title: t.fullTitle(), state: 'passed' }));
      runner.on('fail', (t, err) => tests.push({ title: t.fullTitle(), state: 'failed', error: errorText(err) }));
      runner.on('pending', (t) => tests.push({ title: t.fullTitle(), state: 'pending' }));
    });
  } catch (err) {
    tests.push({ title: 'integration tier runner', state: 'failed', error: errorText(err) });
  } finally {
    restoreConsole();
    const tally: Tally = { tests, vscodeVersion: vscode.version };
    if (options.tallyFile) writeAtomically(options.tallyFile, JSON.stringify(tally, null, 1));
  }
  const failed = tests.filter((t) => t.state !== 'passed').length;
  if (failed > 0) throw new Error(`${failed} integration test(s) failed or were skipped`);
}

/**
 * Activates the extension under test before any test file can, and prints how long that took: a
 * measurement only (no assertion: the machine is shared and noisy). A failure here is left to the tests.
 */
async function measureActivation(): Promise<void> {
  const id = 'generator-youtube.generator-youtube';
  const ext = vscode.extensions.getExtension(id);
  if (!ext) return console.log(`${id} is not loaded in this extension host`);
  const started = performance.now();
  try {
    await ext.activate();
    console.log(`activation of ${id}: ${(performance.now() - started).toFixed(1)} ms`);
  } catch (err) {
    console.log(`activation of ${id} failed: ${errorText(err)}`);
  }
}

/** Used by @vscode/test-electron (npm run test:desktop), which passes the environment through. */
export function run(): Promise<void> {
  return runWith({ tallyFile: process.env.TALLY_FILE, fileFilter: process.env.GY_INTEGRATION_GREP });
}

/** The message and the stack frames worth reading (VS Code's and Node's own frames are noise here). */
function errorText(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const lines = (err.stack ?? err.message).split('\n');
  const frames = lines.filter((l) => /^\s+at /.test(l));
  const message = lines.filter((l) => !/^\s+at /.test(l) && !/^- /.test(l) && l !== 'Require stack:');
  const useful = frames.filter((l) => !/code-server-|node:internal|extensionHostProcess/.test(l)).slice(0, 8);
  return [...message, ...useful].join('\n');
}

/** Prints one line per test (✓ / ✗ / -) with suite indentation: the spec reporter, minus colours. */
class TallyListReporter extends Mocha.reporters.Base {
  constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
    super(runner, options);
    let depth = 0;
    const indent = (): string => '  '.repeat(depth);
    runner.on('suite', (s) => { if (s.title) console.log(`${indent()}${s.title}`); depth += s.title ? 1 : 0; });
    runner.on('suite end', (s) => { depth -= s.title ? 1 : 0; });
    runner.on('pass', (t) => console.log(`${indent()}✓ ${t.title} (${t.duration ?? 0} ms)`));
    runner.on('fail', (t, err) => console.log(`${indent()}✗ ${t.title}\n${indent()}  ${errorText(err).split('\n').slice(0, 6).join(`\n${indent()}  `)}`));
    runner.on('pending', (t) => console.log(`${indent()}- ${t.title} (skipped: not allowed)`));
  }
}
