// Benchmark 3: pipeline overhead of `generator-youtube generate <clip> --local --out DIR --json`: the CLI's
// wall time (process start → exit) minus the render's own wall time (the engine's job record:
// completedAt − startedAt). What is left is process start, engine start, upload, the chat turn, export
// submission, waiting for the job (the engine runs in the CLI's process, so the CLI is woken by the job's own
// changes) and the download. A 10 s 720p clip, default prompt and preset; each run gets a fresh data folder
// and config folder (a first-time user). The launcher's V8 code cache (src/cli/codeCache.ts) is per
// installation, like the build itself: the bench gives it its own cache folder, makes one run with it empty
// (the very first run of this build, reported beside the row) and measures the others with it filled.
// The upload kit (thumbnail, chapters, captions, metadata) is a feature of its own that the export flow makes
// after the download; its goal is the kit benchmark's row. So the overhead is measured on `--no-kit` runs,
// and runs with the kit (interleaved with them) report the kit's time beside it: from the download's last
// progress line to the `saved` event, which the CLI prints once the kit is written.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { emit, ensureDir, log, median, repoRoot, round, spawnLines, workDir, type Row } from './lib';
import { benchMedia } from './media';

interface Sample {
  wallMs: number;
  renderMs: number;
  /** Runs with the kit: from the download's last progress line to `saved` (0 with --no-kit). */
  kitMs: number;
  /** wallMs − renderMs − kitMs. */
  overheadMs: number;
  /** From the render finishing (job record) to the CLI seeing it complete. */
  pollLagMs: number;
  phasesMs: Record<string, number>;
}

const codeCacheHome = path.join(workDir, 'pipeline', 'cache');

async function once(clip: string, i: number, kit: boolean): Promise<Sample> {
  const dir = path.join(workDir, 'pipeline', `run${i}${kit ? '-kit' : ''}`);
  fs.rmSync(dir, { recursive: true, force: true });
  const dataDir = ensureDir(path.join(dir, 'data'));
  const outDir = ensureDir(path.join(dir, 'out'));
  // No NEMO_* from the caller's shell: a first-time user with nothing configured.
  const env: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('NEMO_')));
  env.XDG_CONFIG_HOME = ensureDir(path.join(dir, 'config'));
  env.XDG_CACHE_HOME = codeCacheHome;
  const t0 = Date.now();
  const r = await spawnLines(process.execPath, [path.join(repoRoot, 'dist', 'cli.js'), 'generate', clip, '--local', '--out', outDir, '--json', '--data-dir', dataDir, ...(kit ? [] : ['--no-kit'])], { env, cwd: dir });
  const wallMs = Date.now() - t0;
  if (r.code !== 0) throw new Error(`generate exited ${r.code}: ${r.stderr.slice(-600)} ${r.lines.slice(-3).map((l) => l.line).join(' ')}`);
  const events = r.lines.flatMap((l) => {
    try {
      return [{ at: l.at, ev: JSON.parse(l.line) as { event: string; label?: string; jobId?: string } }];
    } catch {
      return [];
    }
  });
  const result = events.find((e) => e.ev.event === 'result');
  if (!result?.ev.jobId) throw new Error('no result event with a jobId');
  const job = JSON.parse(fs.readFileSync(path.join(dataDir, 'renders', `${result.ev.jobId}.json`), 'utf8')) as { startedAt: string; completedAt: string };
  const renderMs = Date.parse(job.completedAt) - Date.parse(job.startedAt);
  const firstAt = (name: string, label?: string) => events.find((e) => e.ev.event === name && (label === undefined || e.ev.label === label))?.at;
  const lastAt = (name: string, label?: string) => [...events].reverse().find((e) => e.ev.event === name && (label === undefined || e.ev.label === label))?.at;
  const marks: Array<[string, number | undefined]> = [
    ['start → session', firstAt('session')],
    ['→ uploaded', firstAt('uploaded')],
    ['→ turn done', firstAt('turn-done')],
    ['→ export started', firstAt('export-started')],
    ['→ export seen complete', lastAt('progress', 'Exporting')],
    ['→ downloaded', lastAt('progress', 'Downloading')],
    ['→ saved', firstAt('saved')],
    ['→ exit', t0 + wallMs],
  ];
  const phasesMs: Record<string, number> = {};
  let prev = t0;
  for (const [name, at] of marks) {
    if (at === undefined) continue;
    phasesMs[name] = at - prev;
    prev = at;
  }
  phasesMs['render (engine job record)'] = renderMs;
  fs.rmSync(dir, { recursive: true, force: true });
  const seenComplete = lastAt('progress', 'Exporting') ?? firstAt('saved') ?? t0 + wallMs;
  const saved = firstAt('saved');
  const downloaded = lastAt('progress', 'Downloading') ?? lastAt('progress', 'Exporting');
  if (kit && (saved === undefined || downloaded === undefined || firstAt('kit') === undefined)) throw new Error('generate printed no download/saved/kit events: the kit could not be told apart');
  const kitMs = kit && saved !== undefined && downloaded !== undefined ? saved - downloaded : 0;
  return { wallMs, renderMs, kitMs, overheadMs: wallMs - renderMs - kitMs, pollLagMs: Math.max(0, seenComplete - Date.parse(job.completedAt)), phasesMs };
}

async function main(): Promise<void> {
  const m = await benchMedia();
  const reps = Math.max(1, Number(process.env.BENCH_PIPELINE_REPS ?? 2));
  fs.rmSync(codeCacheHome, { recursive: true, force: true });
  const cold = await once(m.small, -1, false);
  log(`pipeline, first run of this build (empty code cache) --no-kit: overhead ${(cold.overheadMs / 1000).toFixed(2)} s ${JSON.stringify(cold.phasesMs)}`);
  const samples: Sample[] = [];
  const kitSamples: Sample[] = [];
  for (let i = 0; i < reps; i++) {
    // Interleaved (and alternating which goes first) so load changes hit both kinds alike.
    for (const kit of i % 2 === 0 ? [false, true] : [true, false]) {
      const s = await once(m.small, i, kit);
      (kit ? kitSamples : samples).push(s);
      log(`pipeline #${i + 1}${kit ? ' with kit' : ' --no-kit'}: wall ${(s.wallMs / 1000).toFixed(1)} s, render ${(s.renderMs / 1000).toFixed(1)} s, kit ${(s.kitMs / 1000).toFixed(2)} s, overhead ${(s.overheadMs / 1000).toFixed(2)} s ${JSON.stringify(s.phasesMs)}`);
    }
  }
  const overhead = median(samples.map((s) => s.overheadMs)) / 1000;
  const kit = median(kitSamples.map((s) => s.kitMs)) / 1000;
  const render = median(samples.map((s) => s.renderMs)) / 1000;
  const view = (s: Sample) => ({ wallS: round(s.wallMs / 1000), renderS: round(s.renderMs / 1000), kitS: round(s.kitMs / 1000), overheadS: round(s.overheadMs / 1000), phasesMs: s.phasesMs });
  const details = { noKit: samples.map(view), withKit: kitSamples.map(view), overheadWithKitRunsS: round(median(kitSamples.map((s) => s.overheadMs)) / 1000), firstRunOfBuild: view(cold) };
  const rows: Row[] = [
    {
      id: 'pipeline-overhead', what: 'pipeline overhead: generate --local --no-kit wall time minus the render (10 s 720p clip)',
      subject: round(overhead), reference: round(render), referenceLabel: 'the render itself (engine job record)', unit: 's',
      ratio: null, goal: '≤ 1 s', pass: overhead <= 1,
      note: `median of ${samples.length}; the very first run of this build (empty V8 code cache) ${round(cold.overheadMs / 1000)} s; with the kit (interleaved runs) the kit adds ${round(kit)} s (its goal is the kit row); of which seeing the finished job ${round(median(samples.map((s) => s.pollLagMs)) / 1000)} s`,
      details,
    },
  ];
  emit(rows);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
