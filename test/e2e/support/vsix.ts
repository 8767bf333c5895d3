// Builds the real .vsix the way `npm run package` does (`vsce package`, which runs vscode:prepublish =
// the production esbuild), into a folder of the caller's choosing, and lists what `vsce ls` would ship.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from './paths';

const vsce = path.join(repoRoot, 'node_modules', '@vscode', 'vsce', 'vsce');

function runVsce(args: string[]): string {
  // stdin closed: if vsce ever asks "continue? [y/N]" (its way of warning), it fails instead of hanging.
  const r = spawnSync(process.execPath, [vsce, ...args], { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 180_000 });
  const output = `${r.stdout}\n${r.stderr}`;
  if (r.status !== 0) throw new Error(`vsce ${args.join(' ')} failed (exit ${r.status ?? r.signal}):\n${output}`);
  return output;
}

/** Runs `vsce package` with the same flags as `npm run package`; returns the .vsix path and vsce's output. */
export function packageVsix(outDir: string): { vsix: string; output: string } {
  fs.mkdirSync(outDir, { recursive: true });
  const vsix = path.join(outDir, 'generator-youtube.vsix');
  const output = runVsce(['package', '--no-dependencies', '--no-rewrite-relative-links', '--out', vsix]);
  if (!fs.existsSync(vsix)) throw new Error(`vsce package wrote no ${vsix}:\n${output}`);
  return { vsix, output };
}

/** The files `vsce ls` says the package ships (paths relative to the repo root). */
export function vsceFileList(): string[] {
  return runVsce(['ls', '--no-dependencies']).split('\n').map((l) => l.trim()).filter(Boolean);
}
