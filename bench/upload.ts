// Benchmarks 4 and 5, against the local engine on loopback (in its own process):
//   upload memory: peak RSS growth of the core client (bench/uploadClient in a child process) uploading a
//     100 MiB and a 480 MiB file — "flat in file size" means the larger file costs no more than the smaller
//     (+16 MiB of slack for GC timing).
//   upload throughput: the client vs `curl -F files=@…` to the same endpoint, 100 MiB, interleaved.
// The files are real MP4s padded with an ISO BMFF `free` box (bench/media.ts), so the engine probes and
// accepts them and every measured request ends in a normal 200 answer. 480 MiB stays under the engine's
// 500 MiB per-file limit. The time is request start → response, including the engine's hash and probe
// (the same for both sides).
import * as path from 'node:path';
import { emit, log, median, round, run, spawnLines, type Row } from './lib';
import { startEngineProcess, tokenAndSession } from './engineProcess';
import { benchMedia, paddedMp4 } from './media';

const MiB = 1024 * 1024;

interface ClientRun {
  ms: number;
  baseline: number;
  peak: number;
  growth: number;
  hwmReset: boolean;
  outcome: string;
  bytes: number;
}

async function clientUpload(url: string, file: string, warm: string): Promise<ClientRun> {
  const r = await spawnLines(process.execPath, ['--expose-gc', path.join(__dirname, 'uploadClient.js'), url, file, warm]);
  const line = r.lines.find((l) => l.line.startsWith('UPLOAD '));
  if (!line) throw new Error(`upload client failed (${r.code}): ${r.stderr.slice(-800)}`);
  const res = JSON.parse(line.line.slice(7)) as ClientRun;
  if (res.outcome !== 'ok') throw new Error(`upload client: ${res.outcome}`);
  return res;
}

async function curlUpload(url: string, token: string, sessionId: string, file: string): Promise<number> {
  const { stdout } = await run('curl', [
    '-sS', '-o', '/dev/null', '-w', '%{http_code} %{time_total}',
    '-H', `Authorization: Bearer ${token}`,
    '-F', `files=@${file};type=video/mp4`,
    `${url}/api/upload-video/nemo_agent/me/${sessionId}`,
  ]);
  const [code, seconds] = stdout.trim().split(' ');
  if (code !== '200') throw new Error(`curl upload answered HTTP ${code}`);
  return Number(seconds) * 1000;
}

async function main(): Promise<void> {
  const m = await benchMedia();
  const f100 = await paddedMp4(100 * MiB);
  const f480 = await paddedMp4(480 * MiB);
  const engine = await startEngineProcess('upload');
  try {
    const { token, sessionId } = await tokenAndSession(engine.url);
    // Memory: each size once per round, two rounds.
    const mem: Record<string, ClientRun[]> = { '100': [], '480': [] };
    for (let i = 0; i < 2; i++) {
      for (const [label, file] of [['100', f100], ['480', f480]] as const) {
        const r = await clientUpload(engine.url, file, m.small);
        mem[label].push(r);
        log(`upload memory ${label} MiB: +${(r.growth / MiB).toFixed(1)} MiB RSS (baseline ${(r.baseline / MiB).toFixed(0)} MiB), ${(r.ms / 1000).toFixed(2)} s`);
      }
    }
    // Throughput: client and curl interleaved (ABBA), 100 MiB.
    const clientMs: number[] = [];
    const curlMs: number[] = [];
    for (let i = 0; i < 4; i++) {
      const order = i % 2 === 0 ? ['client', 'curl'] : ['curl', 'client'];
      for (const who of order) {
        const ms = who === 'client' ? (await clientUpload(engine.url, f100, m.small)).ms : await curlUpload(engine.url, token, sessionId, f100);
        (who === 'client' ? clientMs : curlMs).push(ms);
        log(`upload throughput ${who}: ${(100 / (ms / 1000)).toFixed(0)} MiB/s`);
      }
    }
    const growth100 = Math.max(...mem['100'].map((r) => r.growth));
    const growth480 = Math.max(...mem['480'].map((r) => r.growth));
    const worst = Math.max(growth100, growth480);
    const flat = growth480 <= growth100 + 16 * MiB;
    const clientRate = 100 / (median(clientMs) / 1000);
    const curlRate = 100 / (median(curlMs) / 1000);
    const rows: Row[] = [
      {
        id: 'upload-memory', what: 'upload memory: peak RSS growth of the client (100 MiB and 480 MiB files)',
        subject: round(worst / MiB, 1), reference: null, referenceLabel: '', unit: 'MiB', ratio: null,
        goal: '≤ 64 MB, flat in file size', pass: worst <= 64 * MiB && flat,
        note: `100 MiB: +${round(growth100 / MiB, 1)} MiB, 480 MiB: +${round(growth480 / MiB, 1)} MiB`,
        details: {
          growth100MiB: mem['100'].map((r) => round(r.growth / MiB, 1)), growth480MiB: mem['480'].map((r) => round(r.growth / MiB, 1)),
          baselineRssMiB: round(mem['100'][0].baseline / MiB, 1), flat, flatRule: '480 MiB growth ≤ 100 MiB growth + 16 MiB',
          peakFrom: mem['100'][0].hwmReset ? 'max(VmHWM after clear_refs, 5 ms samples)' : '5 ms samples only (clear_refs refused)',
          transport: 'core NemoClient, Node fetch (globalFetchTransport), streaming multipart',
        },
      },
      {
        id: 'upload-throughput', what: 'upload throughput: client vs curl -F, 100 MiB on loopback',
        subject: round(clientRate, 1), reference: round(curlRate, 1), referenceLabel: 'curl -F files=@… (same endpoint)', unit: 'MiB/s',
        ratio: round(clientRate / curlRate, 3), goal: '≥ 0.8× curl', pass: clientRate / curlRate >= 0.8,
        details: { clientSeconds: clientMs.map((x) => round(x / 1000, 2)), curlSeconds: curlMs.map((x) => round(x / 1000, 2)), includes: 'request start → response: transfer + the engine hashing, writing and probing the file' },
      },
    ];
    emit(rows);
  } finally {
    await engine.stop();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
