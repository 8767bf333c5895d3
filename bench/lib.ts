// Shared pieces of the benchmarks: where things live, the result row every benchmark reports, medians,
// and running a command while timing it. Benchmarks measure a subject and a reference side by side in one
// run (interleaved) because these machines are shared and noisy: the ratio is what we compare, not the time.
import { execFile, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** out/bench/lib.js → the repository root. */
export const repoRoot = path.resolve(__dirname, '..', '..');
/** Cached media and scratch space (gitignored). */
export const workDir = path.join(repoRoot, 'bench', '.work');

export interface Row {
  /** Stable id, e.g. `render-floor`. */
  id: string;
  what: string;
  /** The product's number, in `unit`. */
  subject: number;
  /** What it is compared with (same unit), or null when the goal is absolute. */
  reference: number | null;
  referenceLabel: string;
  unit: string;
  /** subject / reference (or as described in `ratioLabel`), null without a reference. */
  ratio: number | null;
  goal: string;
  pass: boolean;
  /** Individual samples, breakdowns, settings: everything needed to judge the number. */
  details: Record<string, unknown>;
  /** One short line shown in the table's result column (e.g. the CPU-time ratio beside a wall-time one). */
  note?: string;
}

export function median(xs: number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export function round(x: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** Prints the rows where bench/run.mjs picks them up (the last line starting with the marker). */
export function emit(rows: Row[]): void {
  process.stdout.write(`\nBENCH_RESULT ${JSON.stringify(rows)}\n`);
}

export function log(msg: string): void {
  process.stderr.write(`[bench] ${msg}\n`);
}

export function ensureDir(dir: string): string {
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/** Runs a command to completion; rejects with its stderr tail on a non-zero exit. */
export function run(cmd: string, args: string[], opts: { env?: NodeJS.ProcessEnv; cwd?: string } = {}): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { maxBuffer: 256 * 1024 * 1024, env: opts.env ?? process.env, cwd: opts.cwd }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${cmd} ${args.slice(0, 6).join(' ')}… failed: ${String(stderr).trim().split('\n').slice(-4).join(' | ') || err.message}`));
      else resolve({ stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

/** Wall time of `fn` in milliseconds. */
export async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

/** A child process with its stdout collected line by line, each line stamped with Date.now() on arrival. */
export function spawnLines(cmd: string, args: string[], opts: { env?: NodeJS.ProcessEnv; cwd?: string; onLine?: (line: string) => void } = {}): Promise<{ code: number | null; lines: Array<{ at: number; line: string }>; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env: opts.env ?? process.env, cwd: opts.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const lines: Array<{ at: number; line: string }> = [];
    let buf = '';
    let stderr = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      const at = Date.now();
      buf += chunk;
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        lines.push({ at, line });
        opts.onLine?.(line);
      }
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (c: string) => {
      stderr = (stderr + c).slice(-20_000);
    });
    child.once('error', reject);
    child.once('close', (code) => {
      if (buf) lines.push({ at: Date.now(), line: buf });
      resolve({ code, lines, stderr });
    });
  });
}
