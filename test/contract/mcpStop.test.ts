// A user's stop of an MCP tool call is answered with what is true for the step it stopped, in the core's
// words (the same sentences as the CLI): the official SDK Client spawns `node dist/cli.js mcp` against a
// scripted server on 127.0.0.1 that holds one request open; the test aborts the call (the client sends
// notifications/cancelled) the moment the server has that request. The protocol sends no reply to a
// cancelled request, so the sentence reaches the client as a log message (notifications/message).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { LoggingMessageNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { adkText, ok, ScriptedServer, scriptBasics } from '../support/scripted-server';

const CLI = path.resolve(__dirname, '../../../dist/cli.js');

interface McpRun {
  client: Client;
  /**
   * The log message the server sent for `tool` once the call has ended on the server (its "finished" line on
   * stderr), or undefined. A ping after that line: its reply comes after any notice on the same stdout.
   */
  notice(tool: string): Promise<string | undefined>;
  stderr(): string;
}

describe('contract: stopping an MCP tool call says what the stop left behind (SDK client over stdio, scripted server)', function () {
  this.timeout(60_000);
  let server: ScriptedServer;
  let tmp: string;
  let clip: string;
  const clients: Client[] = [];

  beforeEach(async () => {
    assert.ok(fs.existsSync(CLI), `${CLI} is missing: build first (node esbuild.mjs)`);
    server = await ScriptedServer.start();
    scriptBasics(server);
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gy-mcp-stop-'));
    clip = path.join(tmp, 'clip.mp4');
    fs.writeFileSync(clip, Buffer.alloc(2048, 3));
  });

  afterEach(async () => {
    for (const c of clients.splice(0)) await c.close();
    await server.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  async function startMcp(lang: string): Promise<McpRun> {
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [CLI, 'mcp', '--verbose'],
      env: { PATH: process.env.PATH ?? '', HOME: tmp, XDG_CONFIG_HOME: path.join(tmp, 'cfg'), LANG: lang, NEMO_API_URL: server.url },
      cwd: tmp,
      stderr: 'pipe',
    });
    let stderr = '';
    const waiting: Array<() => void> = [];
    transport.stderr?.on('data', (d: Buffer) => {
      stderr += d.toString();
      for (const w of waiting.splice(0)) w();
    });
    const client = new Client({ name: 'gy-test-stop', version: '1.0.0' });
    const notices: Array<{ tool: string; text: string }> = [];
    client.setNotificationHandler(LoggingMessageNotificationSchema, (n) => void notices.push({ tool: n.params.logger ?? '', text: String(n.params.data) }));
    await client.connect(transport);
    clients.push(client);
    const notice = async (tool: string): Promise<string | undefined> => {
      while (!stderr.includes(`tool ${tool} finished in`)) await new Promise<void>((resolve) => waiting.push(resolve));
      await client.ping();
      return notices.find((n) => n.tool === tool)?.text;
    };
    return { client, notice, stderr: () => stderr };
  }

  /** Calls `tool` and aborts it once `held` resolves; the call itself must end as aborted (no reply). */
  async function stopWhen(mcp: McpRun, tool: string, args: Record<string, unknown>, held: Promise<unknown>): Promise<void> {
    const abort = new AbortController();
    const call = mcp.client.callTool({ name: tool, arguments: args }, undefined, { signal: abort.signal, timeout: 50_000 });
    void held.then(() => abort.abort());
    await assert.rejects(call, (e: unknown) => e instanceof Error && /abort/i.test(`${e.name} ${e.message}`), 'the client gave up on the call');
  }

  it('generate_video stopped while the session is being made: "nothing was uploaded or edited"', async () => {
    const held = new Promise<void>((resolve) => server.on('POST', '/api/tasks/me/with-session/nemo_agent', { handle: () => resolve() }));
    const mcp = await startMcp('C');
    await stopWhen(mcp, 'generate_video', { files: [clip] }, held);
    assert.equal(await mcp.notice('generate_video'), 'Stopped while the session was being made: nothing was uploaded or edited.', mcp.stderr());
    assert.equal(server.calls(/^\/api\/upload-video\//).length, 0);
    assert.equal(server.calls('/run_sse').length, 0);
  });

  it('generate_video stopped during the upload, in Chinese: nothing was edited, received files may stay', async () => {
    const held = new Promise<void>((resolve) => server.on('POST', /^\/api\/upload-video\//, { handle: () => resolve() }));
    const mcp = await startMcp('zh_CN.UTF-8');
    await stopWhen(mcp, 'generate_video', { files: [clip] }, held);
    assert.equal(await mcp.notice('generate_video'), '已在上传中途停止：没有做任何编辑。服务器已收到的文件可能会留在会话中。', mcp.stderr());
    assert.equal(server.calls('/run_sse').length, 0);
  });

  it('generate_video stopped once the prompt was sent: the editor may still finish; edit_video stopped before its message left: the editor did not get it', async () => {
    server.on('POST', /^\/api\/upload-video\//, ok({ files: [{ filename: 'clip.mp4' }] }));
    const sent = new Promise<void>((resolve) => server.on('POST', '/run_sse', { handle: () => resolve() }));
    const mcp = await startMcp('C');
    await stopWhen(mcp, 'generate_video', { files: [clip] }, sent);
    assert.equal(await mcp.notice('generate_video'), 'Stopped listening. The editor may still finish this request; check the status in a moment. Call timeline_status to see the result.', mcp.stderr());

    // The session is there now; the state read before the next message is held, so that message never leaves.
    const stateRead = new Promise<void>((resolve) => server.on('GET', /^\/api\/state\/nemo_agent\/me\/[^/]+\/latest$/, { handle: () => resolve() }));
    server.on('POST', '/run_sse', { sse: [adkText('Done.')] });
    await stopWhen(mcp, 'edit_video', { instruction: 'make the intro shorter' }, stateRead);
    assert.equal(await mcp.notice('edit_video'), 'Stopped before your message was sent: the editor did not get it, so nothing will change.', mcp.stderr());
    assert.equal(server.calls('/run_sse').length, 1, 'only the generate prompt was ever sent');
  });
});
