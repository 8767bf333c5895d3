#!/usr/bin/env node
// `npm run test:desktop`: the integration suite (out/test/integration/index.js, the same one `npm test` runs
// inside code-server) in a desktop VS Code 1.100.3 through @vscode/test-electron. Not part of `npm test`.
//
// Desktop VS Code comes from VSCODE_EXECUTABLE (an installed `code` binary) or is downloaded by
// test-electron into .vscode-test/. Where neither works (offline machines like ours) it exits 0 with
// "desktop VS Code not available: …": the same suite still runs in code-server via `npm test`.
// Linux without a display: runs under xvfb-run when there is one, else says so and exits 0 likewise.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
process.chdir(root);
const VERSION = process.env.VSCODE_VERSION ?? '1.100.3';
const fallback = 'the same suite runs in code-server via npm test';

function unavailable(reason) {
  console.log(`desktop VS Code not available: ${reason}; ${fallback}`);
  process.exit(0);
}

// Electron needs a display; re-run ourselves under xvfb-run if we have none.
if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.GY_UNDER_XVFB) {
  const xvfb = spawnSync('sh', ['-c', 'command -v xvfb-run'], { encoding: 'utf8' }).stdout.trim();
  if (!xvfb) unavailable('no display (DISPLAY is unset and xvfb-run is missing: apt-get install xvfb)');
  const r = spawnSync(xvfb, ['-a', process.execPath, ...process.argv.slice(1)], { stdio: 'inherit', env: { ...process.env, GY_UNDER_XVFB: '1' } });
  process.exit(r.status ?? 1);
}

// Build like npm test does. tsc emits even when some file has type errors; the suite decides what runs.
if (spawnSync('node', ['esbuild.mjs'], { stdio: 'inherit' }).status !== 0) process.exit(1);
spawnSync('npx', ['tsc', '-p', 'tsconfig.test.json'], { stdio: 'inherit' });
if (!fs.existsSync(path.join(root, 'out/test/integration/index.js'))) {
  console.error('out/test/integration/index.js was not built (npx tsc -p tsconfig.test.json)');
  process.exit(1);
}

const { downloadAndUnzipVSCode, runTests } = require('@vscode/test-electron');
let vscodeExecutablePath = process.env.VSCODE_EXECUTABLE;
if (!vscodeExecutablePath) {
  try {
    vscodeExecutablePath = await downloadAndUnzipVSCode({ version: VERSION, timeout: 20_000 });
  } catch (err) {
    unavailable(`could not download VS Code ${VERSION} (${err instanceof Error ? err.message : String(err)})`);
  }
}
if (!fs.existsSync(vscodeExecutablePath)) unavailable(`${vscodeExecutablePath} does not exist`);

const { createMediaWorkspace } = require(path.join(root, 'out/test/integration/support/workspace.js'));
const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'gy-desktop-ws-'));
await createMediaWorkspace(workspace);
const tallyFile = process.env.TALLY_FILE ?? path.join(root, 'test-results', 'desktop.json');
let code = 1;
try {
  code = await runTests({
    vscodeExecutablePath,
    extensionDevelopmentPath: root,
    extensionTestsPath: path.join(root, 'out/test/integration/index'),
    extensionTestsEnv: { TALLY_FILE: tallyFile },
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
  });
} catch (err) {
  console.error(`desktop integration run failed: ${err instanceof Error ? err.message : String(err)}`);
} finally {
  fs.rmSync(workspace, { recursive: true, force: true });
}
if (fs.existsSync(tallyFile)) {
  const tally = JSON.parse(fs.readFileSync(tallyFile, 'utf8'));
  const passed = tally.tests.filter((t) => t.state === 'passed').length;
  console.log(`desktop integration: ${passed} passed, ${tally.tests.length - passed} failed or skipped — VS Code ${tally.vscodeVersion}`);
  if (tally.tests.length === 0) code = 1;
} else {
  code = code || 1; // no tally: nothing ran
}
process.exit(code === 0 ? 0 : 1);
