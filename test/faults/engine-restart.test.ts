// The local engine crashes (SIGKILL) in the middle of a render and comes back on the same port, while the
// CORE client is polling the job: the polls that hit the dead engine are retried with the same id, and the
// job ends `failed` with a reason the user can act on (or `completed`) — never stuck in `processing`.
// (The engine-side restart policy itself is tested in test/engine/server/restart.test.ts.)
import * as assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';
import type { RenderJob } from '../../src/core/render/job';
import { harness } from '../support/core-harness';
import { tempDir, testMedia } from '../support/media';

const CHILD = path.join(__dirname, 'support', 'engine-child.js');

interface Child {
  child: ChildProcess;
  url: string;
  /** Resolves when the engine logs a line matching `re` (seen before or after the call). */
  logged(re: RegExp): Promise<string>;
  /** Every line the engine logged so far. */
  logsSoFar(): string[];
}

function startChild(dataDir: string, port = 0): Promise<Child> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD, dataDir, String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
    const logs: string[] = [];
    const waiters: Array<{ re: RegExp; done(line: string): void }> = [];
    const logged = (re: RegExp) => new Promise<string>((done) => {
      const seen = logs.find((l) => re.test(l));
      if (seen) done(seen);
      else waiters.push({ re, done });
    });
    let buf = '';
    let err = '';
    child.stdout!.on('data', (c: Buffer) => {
      buf += c.toString('utf8');
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const msg = JSON.parse(buf.slice(0, nl)) as { url?: string; log?: string };
        buf = buf.slice(nl + 1);
        if (msg.url) resolve({ child, url: msg.url, logged, logsSoFar: () => [...logs] });
        if (msg.log !== undefined) {
          logs.push(msg.log);
          for (const w of waiters.filter((x) => x.re.test(msg.log!))) {
            waiters.splice(waiters.indexOf(w), 1);
            w.done(msg.log);
          }
        }
      }
    });
    child.stderr!.on('data', (c: Buffer) => (err += c.toString('utf8')));
    child.on('exit', (code) => reject(new Error(`engine child exited ${code}: ${err}`)));
  });
}

async function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const gone = new Promise((r) => child.once('exit', r));
  child.kill('SIGKILL');
  await gone;
}

describe('faults: the local engine restarts mid-render', function () {
  this.timeout(240_000);

  it('[fault] engine killed while a job is processing and restarted: the polling client ends with failed + reason (or completed), never stuck', async () => {
    const m = await testMedia();
    const dataDir = path.join(tempDir('gyt-restart-'), 'data');
    const started = await startChild(dataDir);
    let child = started.child;
    const url = started.url;
    const port = Number(new URL(url).port);
    try {
      const h = harness(url, { workflow: { exportPollMs: 1000 } });
      await h.workflow.upload([m.silences, m.clip2]);
      for await (const e of h.workflow.send('add an intro titled Crash Test')) void e;
      const job = await h.workflow.startExport();
      // Wait until the engine says it renders it (its own log line, not a poll), then crash the engine.
      await started.logged(new RegExp(`^render ${job.id}: started$`));
      await kill(child);
      assert.ok(!started.logsSoFar().some((l) => l.startsWith(`render ${job.id}: completed`)), 'the render must still be running when the engine is killed');
      const polling = h.workflow.pollExport(job);
      // Down until a poll has really failed against it (ECONNREFUSED, logged — awaited as it is logged), then
      // back on the same port with the same data: no fixed pause, which under load could outlast the poller's
      // retries or end before one.
      await h.logged(/poll failed/);
      ({ child } = await startChild(dataDir, port));
      const final: RenderJob = await polling;
      assert.ok(final.status === 'failed' || final.status === 'completed', `final status ${final.status}`);
      if (final.status === 'failed') assert.match(final.error ?? '', /restart|export again/i, 'the reason says what happened and what to do');
      const stored = h.workflow.renderJobs().find((j) => j.id === job.id);
      assert.equal(stored?.status, final.status, 'the stored job is not left processing');
      assert.ok(h.logs.some((l) => /poll failed/.test(l)), 'the polls against the dead engine were retried');
    } finally {
      await kill(child);
    }
  });
});
