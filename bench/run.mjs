// npm run bench [-- name …]: builds what the benchmarks need, runs each benchmark in its own Node process
// (out/bench/<file>.js, compiled from bench/*.ts), and writes bench/results.json (machine + rows),
// bench/results.md (the table) and the table inside BENCHMARKS.md (between the bench:table markers).
// Rows of benchmarks not run this time are kept from the previous results.json with their own date.
// Benchmarks are never part of `npm test`: they measure speed, and tests never assert on time.
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const resultsFile = path.join(root, 'bench', 'results.json');
const tableFile = path.join(root, 'bench', 'results.md');
const docFile = path.join(root, 'BENCHMARKS.md');

/** name → compiled script; the order is the run order (cheap and CPU-only first, the long renders last). */
const BENCHES = {
  bundle: 'bundle.js',
  draft: 'draft.js',
  sse: 'sse.js',
  'first-text': 'firstText.js',
  upload: 'upload.js',
  pipeline: 'pipeline.js',
  render: 'render.js',
  preview: 'preview.js',
  'render-cache': 'renderCache.js',
  kit: 'kit.js',
  activation: 'activation.js',
};
const NEEDS_DIST = new Set(['pipeline', 'activation']);

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
for (const w of wanted) {
  if (!(w in BENCHES)) {
    console.error(`Unknown benchmark "${w}". Choose from: ${Object.keys(BENCHES).join(', ')}`);
    process.exit(2);
  }
}
const selected = wanted.length ? Object.keys(BENCHES).filter((n) => wanted.includes(n)) : Object.keys(BENCHES);

function sh(cmd, args) {
  return execFileSync(cmd, args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function machine() {
  const cpuinfo = fs.existsSync('/proc/cpuinfo') ? fs.readFileSync('/proc/cpuinfo', 'utf8') : '';
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? os.cpus()[0]?.model ?? 'unknown';
  let ffmpeg = 'missing';
  try {
    ffmpeg = sh('ffmpeg', ['-hide_banner', '-version']).split('\n')[0].replace(/ Copyright.*/, '').trim();
  } catch {
    // reported as missing
  }
  return {
    cores: os.cpus().length,
    cpuModel: model,
    memoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    ffmpeg,
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    date: new Date().toISOString(),
    loadAverageAtStart: os.loadavg().map((x) => Math.round(x * 100) / 100),
  };
}

function build() {
  console.error('[bench] compiling bench/ (tsc -p tsconfig.test.json)');
  try {
    sh(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.test.json']);
  } catch (e) {
    // tsc emits even when some other file has type errors; only our own files must compile.
    const out = String(e.stdout ?? '');
    const ours = out.split('\n').filter((l) => l.startsWith('bench/'));
    if (ours.length) throw new Error(`bench/ does not compile:\n${ours.join('\n')}`);
  }
  if (selected.some((n) => NEEDS_DIST.has(n))) {
    console.error('[bench] building dist/ (node esbuild.mjs)');
    sh(process.execPath, [path.join(root, 'esbuild.mjs')]);
  }
}

function runOne(name) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, [path.join(root, 'out', 'bench', BENCHES[name])], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (c) => {
      stdout += c;
    });
    child.once('close', (code) => {
      const seconds = Math.round((Date.now() - started) / 100) / 10;
      const line = stdout.split('\n').reverse().find((l) => l.startsWith('BENCH_RESULT '));
      if (code === 0 && line) {
        resolve({ name, seconds, rows: JSON.parse(line.slice('BENCH_RESULT '.length)) });
      } else {
        resolve({ name, seconds, error: `exit ${code}; ${stdout.trim().split('\n').slice(-3).join(' | ')}` });
      }
    });
  });
}

const fmt = (x) => (x === null || x === undefined ? '—' : typeof x === 'number' ? (Math.abs(x) >= 1000 ? Math.round(x).toLocaleString('en-US') : String(x)) : String(x));

function table(rows) {
  const lines = [
    '| benchmark | subject | reference | ratio | goal | result |',
    '|---|---|---|---|---|---|',
  ];
  for (const r of rows) {
    if (r.error) {
      lines.push(`| ${r.id} | — | — | — | — | **ERROR**: ${r.error.replace(/\|/g, '\\|').slice(0, 200)} |`);
      continue;
    }
    const ref = r.reference === null ? '—' : `${fmt(r.reference)} ${r.unit} (${r.referenceLabel})`;
    const ratio = r.ratio === null ? '—' : `${fmt(r.ratio)}×`;
    const note = r.note ? ` (${r.note.replace(/\|/g, '\\|')})` : '';
    lines.push(`| ${r.what} | ${fmt(r.subject)} ${r.unit} | ${ref} | ${ratio} | ${r.goal} | ${r.pass ? 'pass' : '**MISS**'}${note} |`);
  }
  return lines.join('\n');
}

async function main() {
  const info = machine();
  build();
  const previous = fs.existsSync(resultsFile) ? JSON.parse(fs.readFileSync(resultsFile, 'utf8')) : { benchmarks: {} };
  const benchmarks = { ...previous.benchmarks };
  for (const name of selected) {
    console.error(`[bench] ── ${name}`);
    const r = await runOne(name);
    const measuredAt = new Date().toISOString();
    benchmarks[name] = r.error
      ? { measuredAt, seconds: r.seconds, rows: [{ id: name, error: r.error }] }
      : { measuredAt, seconds: r.seconds, rows: r.rows };
    console.error(`[bench] ${name}: ${r.error ? `FAILED (${r.error})` : 'done'} in ${r.seconds} s`);
  }
  info.loadAverageAtEnd = os.loadavg().map((x) => Math.round(x * 100) / 100);
  const ordered = Object.keys(BENCHES).filter((n) => benchmarks[n]);
  const rows = ordered.flatMap((n) => benchmarks[n].rows);
  const results = { machine: info, ran: selected, benchmarks: Object.fromEntries(ordered.map((n) => [n, benchmarks[n]])) };
  fs.writeFileSync(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
  const md = [
    `${selected.length === Object.keys(BENCHES).length ? 'Full run' : `Run of ${selected.join(', ')} (other rows: their earlier run, dates in bench/results.json)`}, started ${info.date}, on ${info.cores} cores (${info.cpuModel}), ${info.ffmpeg}, Node ${info.node}; load average ${info.loadAverageAtStart.join(' / ')} at start, ${info.loadAverageAtEnd.join(' / ')} at end.`,
    '',
    table(rows),
    '',
  ].join('\n');
  fs.writeFileSync(tableFile, md);
  if (fs.existsSync(docFile)) {
    const doc = fs.readFileSync(docFile, 'utf8');
    const start = '<!-- bench:table:start -->';
    const end = '<!-- bench:table:end -->';
    const a = doc.indexOf(start);
    const b = doc.indexOf(end);
    if (a >= 0 && b > a) fs.writeFileSync(docFile, `${doc.slice(0, a + start.length)}\n${md}${doc.slice(b)}`);
  }
  process.stdout.write(`\n${md}`);
  if (rows.some((r) => r.error)) process.exitCode = 1;
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
