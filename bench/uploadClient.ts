// The client side of the upload benchmarks, in its own process so its RSS is the client's alone:
// core NemoClient (Node's fetch, as the CLI and the extension use it) gets a token and a session, warms up
// with one small upload (modules loaded, connection pool made), then uploads the measured file while RSS is
// sampled every 5 ms. The kernel's peak (VmHWM, reset through /proc/self/clear_refs just before) catches
// spikes between samples. Prints `UPLOAD {json}`.
import * as fs from 'node:fs';
import { MemorySecretStore, MemoryStateStore, NemoClient, globalFetchTransport } from '../src/core';

function procStatusKb(field: 'VmRSS' | 'VmHWM'): number {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(fs.readFileSync('/proc/self/status', 'utf8'));
  return m ? Number(m[1]) * 1024 : NaN;
}

async function main(): Promise<void> {
  const [url, file, warmFile] = process.argv.slice(2);
  const client = new NemoClient({
    apiUrl: url, platform: 'cli', transport: globalFetchTransport, secrets: new MemorySecretStore(), state: new MemoryStateStore(), lang: 'en', env: {},
  });
  const session = await client.createSession('en');
  await client.uploadFiles(session.sessionId, [warmFile]);
  (globalThis as { gc?: () => void }).gc?.();
  let hwmReset = true;
  try {
    fs.writeFileSync('/proc/self/clear_refs', '5');
  } catch {
    hwmReset = false;
  }
  const baseline = procStatusKb('VmRSS');
  let sampledPeak = baseline;
  const timer = setInterval(() => {
    sampledPeak = Math.max(sampledPeak, process.memoryUsage.rss());
  }, 5);
  const t0 = performance.now();
  let outcome = 'ok';
  try {
    await client.uploadFiles(session.sessionId, [file]);
  } catch (e) {
    outcome = `error: ${(e as Error).message}`;
  }
  const ms = performance.now() - t0;
  clearInterval(timer);
  const hwm = procStatusKb('VmHWM');
  const peak = hwmReset ? Math.max(hwm, sampledPeak) : sampledPeak;
  process.stdout.write(`UPLOAD ${JSON.stringify({ ms, baseline, peak, sampledPeak, hwm, hwmReset, growth: peak - baseline, outcome, bytes: fs.statSync(file).size })}\n`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
