// Puts the built extension into a code-server extensions folder, the two ways a user gets it:
// a copy of the runtime files (what `vsce ls` ships; fast, for most e2e tests) or `--install-extension`
// with a real .vsix (the packaging test).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from './paths';

const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
  publisher: string; name: string; version: string; main: string;
};

/** `<publisher>.<name>`, the id VS Code knows the extension by. */
export const EXTENSION_ID = `${manifest.publisher}.${manifest.name}`;

/** The runtime files the .vsix ships (see .vscodeignore); dist/ must be built (node esbuild.mjs). */
const RUNTIME_ENTRIES = ['package.json', 'package.nls.json', 'package.nls.zh-cn.json', 'dist', 'media', 'l10n',
  'README.md', 'CHANGELOG.md', 'LICENSE'];

export function installExtensionCopy(extensionsDir: string): string {
  if (!fs.existsSync(path.join(repoRoot, manifest.main))) {
    throw new Error(`${manifest.main} is missing: build first (node esbuild.mjs)`);
  }
  const target = path.join(extensionsDir, `${EXTENSION_ID}-${manifest.version}`);
  fs.mkdirSync(target, { recursive: true });
  for (const entry of RUNTIME_ENTRIES) {
    const from = path.join(repoRoot, entry);
    if (fs.existsSync(from)) fs.cpSync(from, path.join(target, entry), { recursive: true });
  }
  return target;
}

/** Copies any extension folder (e.g. a test fixture) in as `<publisher>.<name>-<version>`. */
export function installFolderExtension(extensionsDir: string, folder: string): string {
  const m = JSON.parse(fs.readFileSync(path.join(folder, 'package.json'), 'utf8')) as { publisher: string; name: string; version: string };
  const target = path.join(extensionsDir, `${m.publisher}.${m.name}-${m.version}`);
  fs.cpSync(folder, target, { recursive: true });
  return target;
}

/** Runs code-server's own `--install-extension <vsix>` against the same extensions/user-data folders. */
export function installExtensionVsix(node: string, baseArgs: readonly string[], vsix: string): void {
  const r = spawnSync(node, [...baseArgs, '--install-extension', vsix], { encoding: 'utf8', timeout: 120_000 });
  const out = `${r.stdout}\n${r.stderr}`;
  if (r.status !== 0 || !/successfully installed/i.test(out)) {
    throw new Error(`code-server --install-extension ${vsix} failed (exit ${r.status}):\n${out}`);
  }
}
