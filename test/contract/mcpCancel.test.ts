// Cancelling an MCP tool call while its export renders cancels the render on the backend, not only the
// waiting: the official SDK client aborts the call (it sends notifications/cancelled), the server cancels
// the job through the core's Workflow.cancelExport, and the local engine stops its ffmpeg and removes the
// partial MP4. Its own server (not the one of mcp.test.ts): the render has to run long enough to be
// caught while running, so it uses x264's default preset and a minute of footage, never 'ultrafast'.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { tempDir, testMedia, type TestMedia } from '../support/media';

const CLI = path.resolve(__dirname, '../../../dist/cli.js');

type TextResult = { content: Array<{ type: string; text?: string }>; isError?: boolean };
const textOf = (r: TextResult): string => r.content.map((c) => c.text ?? '').join('\n');

describe('contract: cancelling an MCP export cancels the render (SDK client over stdio, --local)', function () {
  this.timeout(240_000);
  let media: TestMedia;
  let tmp: string;
  let client: Client;
  let stderr = '';

  before(async () => {
    assert.ok(fs.existsSync(CLI), `${CLI} is missing: build first (node esbuild.mjs)`);
    media = await testMedia();
    tmp = tempDir('gy-mcp-cancel-');
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [CLI, 'mcp', '--local', '--verbose', '--data-dir', path.join(tmp, 'engine'), '--poll-interval', '0.5'],
      env: { PATH: process.env.PATH ?? '', HOME: tmp, XDG_CONFIG_HOME: path.join(tmp, 'cfg'), LANG: 'C' },
      cwd: tmp,
      stderr: 'pipe',
    });
    transport.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    client = new Client({ name: 'gy-test-cancel', version: '1.0.0' });
    await client.connect(transport);
  });

  after(async () => {
    await client?.close();
  });

  it('aborting generate_video once it renders: the job reads "cancelled" and the partial MP4 is gone', async () => {
    // Ten copies of the 6 s talk clip: a minute of video, far longer to encode than the cancel takes.
    const files = Array.from({ length: 10 }, () => media.silences);
    const abort = new AbortController();
    let rendering = false;
    const call = client.callTool({ name: 'generate_video', arguments: { files, prompt: 'generate my video clips', outDir: path.join(tmp, 'out') } }, undefined, {
      signal: abort.signal,
      timeout: 200_000,
      onprogress: (p) => {
        if (!rendering && /^Rendering/.test(p.message ?? '')) {
          rendering = true;
          abort.abort();
        }
      },
    });
    await assert.rejects(call, (e: unknown) => e instanceof Error && /abort/i.test(`${e.name} ${e.message}`), 'the client gave up on the call');
    assert.ok(rendering, 'the call was cancelled while the export rendered');

    // The server cancels the render on its own time after the notification: wait for its log line.
    const deadline = Date.now() + 60_000;
    while (!/the call was cancelled; /.test(stderr) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const line = /export (render_\S+): the call was cancelled; (\S+): /.exec(stderr);
    assert.ok(line, `no cancel in the server log:\n${stderr.slice(-2000)}`);
    const [, jobId, outcome] = line;
    assert.equal(outcome, 'cancelled', stderr.slice(-2000));

    const status = (await client.callTool({ name: 'timeline_status', arguments: {} })) as TextResult;
    assert.match(textOf(status), new RegExp(`${jobId}: cancelled`), textOf(status));
    // The engine stopped for real: only the job's record is left (no output, partial output or work folder).
    const renders = path.join(tmp, 'engine', 'renders');
    const left = fs.existsSync(renders) ? fs.readdirSync(renders).filter((f) => f.startsWith(jobId!)) : [];
    assert.deepEqual(left, [`${jobId}.json`]);
    assert.match(fs.readFileSync(path.join(renders, `${jobId}.json`), 'utf8'), /"status":\s*"cancelled"/);
    assert.ok(!fs.existsSync(path.join(tmp, 'out')) || fs.readdirSync(path.join(tmp, 'out')).filter((f) => f.endsWith('.mp4')).length === 0, 'no MP4 was saved');
  });
});
