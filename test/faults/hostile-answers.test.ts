// Bad input from the other side: answers that match no published shape — non-JSON 200s, drafts of the wrong
// types, export statuses without a status or with garbage progress. The client
// must turn each into a clear error or a lenient reading, never a crash, a hang or a wrong "done".
import * as assert from 'node:assert/strict';
import { NemoError } from '../../src/core/api/errors';
import type { RenderJob } from '../../src/core/render/job';
import { collect, harness } from '../support/core-harness';
import { eachTestServer, ok, ScriptedServer } from '../support/scripted-server';

const STATUS = /^\/api\/render\/proxy\/lambda\/render_\w+$/;

function job(id: string): RenderJob {
  return { id, sessionId: '1234567890123', status: 'pending', progress: 0, createdAt: 1, updatedAt: 1 };
}

describe('bad input: hostile or malformed answers', () => {
  let server: ScriptedServer;
  eachTestServer((s) => (server = s));

  it('[bad-input] a 200 that is not JSON (an HTML login page from a proxy): a clear bad-response error, no crash', async () => {
    server.on('GET', '/api/credits/balance/simple', { status: 200, headers: { 'content-type': 'text/html' }, body: '<html><body>Please sign in to the proxy</body></html>' });
    const h = harness(server.url);
    const err = await h.workflow.credits().then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof NemoError && err.kind === 'bad-response', String(err));
    assert.ok(err.userMessage.length > 10);
  });

  it('[bad-input] a credits answer with the wrong types is refused as a bad response, not shown as NaN', async () => {
    server.on('GET', '/api/credits/balance/simple', ok({ available: 'lots', frozen: null }));
    const h = harness(server.url);
    const err = await h.workflow.credits().then((c) => c, (e: unknown) => e);
    assert.ok(err instanceof NemoError && err.kind === 'bad-response', `got ${JSON.stringify(err)}`);
  });

  it('[bad-input] drafts of the wrong shape decode leniently: the status intent still answers, tracks are never invented', async () => {
    const drafts: unknown[] = [
      'garbage',
      42,
      { t: 'not a list' },
      { t: [null, 5, 'x', { tt: 'video', sg: {} }, { tt: 99, sg: [{ d: 'long' }], m: 'meta as string' }] },
      { t: [{ tt: 0, sg: [{ s: -5, d: 1e15, m: { name: '<script>alert(1)</script>' } }] }] },
    ];
    for (const draft of drafts) {
      server.on('GET', /^\/api\/state\//, ok({ state: { draft } }));
      const h = harness(server.url);
      const events = await collect(h.workflow.send('show tracks'));
      const status = events.find((e) => e.type === 'intent' && e.intent === 'status');
      assert.ok(status && status.type === 'intent' && status.intent === 'status', `${JSON.stringify(draft)} → ${JSON.stringify(events)}`);
      assert.ok(typeof status.text === 'string' && status.text.length > 0);
      assert.ok(status.timeline.tracks.length <= 5);
    }
  });

  it('[bad-input] an export status without any status field is a bad response; the poll does not loop on it forever', async () => {
    server.on('GET', STATUS, { body: { success: true, data: { id: 'render_x', progress: 50 } } });
    const h = harness(server.url);
    const err = await h.workflow.pollExport(job('render_x')).then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof NemoError, String(err));
    assert.ok(server.calls(STATUS).length <= 10, `polled ${server.calls(STATUS).length} times`);
  });

  it('[bad-input] garbage progress values (strings, NaN, 250, -3) stay within 0..100 and never move backwards', async () => {
    server.on(
      'GET',
      STATUS,
      { body: { status: 'processing', progress: 'abc' } },
      { body: { status: 'processing', progress: 250 } },
      { body: { status: 'processing', progress: -3 } },
      { body: { status: 'processing', progress: 'NaN' } },
      { body: { status: 'completed', progress: 100, output: { url: `${server.url}/out.mp4` } } },
    );
    const h = harness(server.url);
    const seen: number[] = [];
    const done = await h.workflow.pollExport(job('render_p'), { onUpdate: (j) => seen.push(j.progress) });
    assert.equal(done.status, 'completed');
    for (const p of seen) assert.ok(Number.isFinite(p) && p >= 0 && p <= 100, `progress ${p}`);
    for (let i = 1; i < seen.length; i++) assert.ok(seen[i]! >= seen[i - 1]!, `progress went back: ${seen.join(', ')}`);
  });

  it('[bad-input] "completed" without any output URL falls back to the proxy download instead of failing', async () => {
    server.on('GET', STATUS, { body: { status: 'completed', progress: 100 } });
    server.on('GET', '/api/render/proxy/render_n/download', { body: Buffer.from('MP4'), headers: { 'content-type': 'video/mp4' } });
    const h = harness(server.url);
    const done = await h.workflow.pollExport(job('render_n'));
    const fs = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gyt-hostile-'));
    try {
      const saved = await h.workflow.download(done, dir);
      assert.equal(fs.readFileSync(saved.localPath!, 'utf8'), 'MP4');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
