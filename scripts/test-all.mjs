#!/usr/bin/env node
// The one test command (`npm test`): builds, lints, then runs every tier and totals them.
//   node tier        mocha in plain Node: unit, contract (client ⇄ real servers on 127.0.0.1), engine, faults
//   integration tier mocha inside a real VS Code extension host (code-server 1.100.x)
//   e2e tier         playwright-core + Debian Chromium driving the real workbench
// `node scripts/test-all.mjs unit|integration|e2e` runs one tier (after building).
// The last line is "tests: N passed, M failed"; the run fails if anything failed, was skipped, or if a tier ran nothing.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
process.chdir(root);
const only = process.argv[2];
const resultsDir = path.join(root, 'test-results');
fs.rmSync(resultsDir, { recursive: true, force: true });
fs.mkdirSync(resultsDir, { recursive: true });

function run(label, cmd, args, env = {}) {
  const started = Date.now();
  console.log(`\n=== ${label}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`=== ${label}: exit ${r.status ?? r.signal} in ${secs}s`);
  return r.status === 0;
}

const steps = [];
if (!run('system packages', 'bash', ['scripts/ensure-system-deps.sh', 'test'])) process.exit(1);
if (!run('build', 'node', ['esbuild.mjs'])) process.exit(1);
if (!run('compile tests', 'npx', ['tsc', '-p', 'tsconfig.test.json'])) process.exit(1);
if (!only && !run('lint', 'npx', ['eslint', '--no-error-on-unmatched-pattern', 'src', 'test', 'scripts', 'bench', 'esbuild.mjs'])) process.exit(1);

const mocha = path.join(root, 'node_modules', 'mocha', 'bin', 'mocha.js');
const reporter = path.join(root, 'scripts', 'mocha-tally-reporter.cjs');
const tiers = {
  unit: () => run('node tier (unit, contract, engine, faults)', process.execPath, [
    mocha, '--reporter', reporter, '--timeout', '60000', '--recursive',
    'out/test/unit', 'out/test/contract', 'out/test/engine', 'out/test/faults',
  ].filter((p) => !p.startsWith('out/') || fs.existsSync(p)), { TALLY_FILE: path.join(resultsDir, 'unit.json') }),
  integration: () => run('integration tier (real VS Code extension host)', process.execPath, [
    'scripts/code-server/run-integration.mjs',
  ], { TALLY_FILE: path.join(resultsDir, 'integration.json') }),
  e2e: () => run('e2e tier (Chromium + code-server)', process.execPath, [
    mocha, '--reporter', reporter, '--timeout', '300000', 'out/test/e2e/**/*.test.js',
  ], { TALLY_FILE: path.join(resultsDir, 'e2e.json') }),
};

const chosen = only ? [only] : Object.keys(tiers);
let ok = true;
for (const t of chosen) {
  if (!tiers[t]) { console.error(`unknown tier ${t}; use one of ${Object.keys(tiers).join(', ')}`); process.exit(2); }
  const tierOk = tiers[t]();
  steps.push({ tier: t, exitOk: tierOk });
  ok &&= tierOk;
}

let passed = 0, failed = 0, pending = 0;
const all = [];
console.log('\n=== summary');
for (const s of steps) {
  const file = path.join(resultsDir, `${s.tier}.json`);
  const tally = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : { tests: [] };
  const p = tally.tests.filter((x) => x.state === 'passed').length;
  const f = tally.tests.filter((x) => x.state === 'failed').length;
  const k = tally.tests.filter((x) => x.state === 'pending').length;
  passed += p; failed += f; pending += k;
  all.push(...tally.tests);
  const extra = tally.vscodeVersion ? ` (VS Code ${tally.vscodeVersion})` : '';
  console.log(`${s.tier}: ${p} passed, ${f} failed${k ? `, ${k} skipped` : ''}${extra}${s.exitOk ? '' : ' — tier exited non-zero'}`);
  if (p + f === 0) { console.log(`${s.tier}: ran no test — failing the run`); ok = false; }
}
// Issue-8 tally: tests tag themselves [fault], [bad-input] or [security] in their titles.
const tagged = (tag) => all.filter((x) => x.title.includes(`[${tag}]`));
const count = (tag) => { const t = tagged(tag); return `${t.filter((x) => x.state === 'passed').length} / ${t.length}`; };
if (tagged('fault').length + tagged('bad-input').length + tagged('security').length > 0) {
  console.log(`faults: ${count('fault')} survived, bad inputs: ${count('bad-input')} rejected cleanly, security: ${count('security')}`);
}
for (const x of all.filter((x) => x.state === 'failed')) console.log(`FAILED: ${x.title}\n   ${x.error}`);
if (pending > 0) { console.log(`${pending} skipped tests: skipped tests are not allowed — failing the run`); ok = false; }
if (failed > 0) ok = false;
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(ok ? 0 : 1);
