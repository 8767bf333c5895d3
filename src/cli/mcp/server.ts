// `generator-youtube mcp [--local]`: the agent tools over the Model Context Protocol on stdio, with the
// official SDK's low-level Server (hand-written JSON Schemas and our own argument checks, so a bad argument
// comes back as a tool error in plain words rather than a schema library's dump).
// stdout carries only the protocol: every log line goes to stderr (the CLI's Output is pointed there).
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { CallToolRequestSchema, ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { type ExportKitOptions, type Lang, PACKAGE_VERSION } from '../../core/index';
import { AGENT_TOOL_IDS, agentMessage, type AgentToolId, inputSchema, modelDescription, parseToolArgs, TOOL_NAMES } from '../../core/agent/index';
import type { Backend } from '../backend';
import { creditsBalance, editVideo, exportVideo, generateVideo, type ToolCall, timelineStatus } from './handlers';
import { progressSink } from './progress';
import { errorResult, toolError, type ToolResult } from './result';

/** Tools that only read (clients may run them without asking the user). */
const READ_ONLY = new Set<AgentToolId>(['status', 'credits']);

function toolByMcpName(n: string): AgentToolId | undefined {
  return AGENT_TOOL_IDS.find((id) => TOOL_NAMES[id].mcp === n);
}

async function dispatch(id: AgentToolId, raw: unknown, call: ToolCall): Promise<ToolResult> {
  const lang = call.lang;
  switch (id) {
    case 'generate': {
      const p = parseToolArgs('generate', raw, lang, 'mcp');
      return p.ok ? generateVideo(call, p.args) : toolError(p.message);
    }
    case 'edit': {
      const p = parseToolArgs('edit', raw, lang, 'mcp');
      return p.ok ? editVideo(call, p.args) : toolError(p.message);
    }
    case 'export': {
      const p = parseToolArgs('export', raw, lang, 'mcp');
      return p.ok ? exportVideo(call, p.args) : toolError(p.message);
    }
    case 'status': {
      const p = parseToolArgs('status', raw, lang, 'mcp');
      return p.ok ? timelineStatus(call) : toolError(p.message);
    }
    case 'credits': {
      const p = parseToolArgs('credits', raw, lang, 'mcp');
      return p.ok ? creditsBalance(call) : toolError(p.message);
    }
  }
}

export interface McpOptions {
  /** Connects lazily on the first tool call (starting the local engine with --local) and is reused after. */
  connect(): Promise<Backend>;
  lang: Lang;
  cwd: string;
  /** The upload kit next to every export (`mcp --no-kit`: false). */
  kit: ExportKitOptions | false;
  log(line: string): void;
}

export function createMcpServer(opts: McpOptions): Server {
  // logging: how a stopped call still tells the client what the stop left behind (see the catch below).
  const server = new Server({ name: 'generator-youtube', version: PACKAGE_VERSION }, { capabilities: { tools: {}, logging: {} } });
  let backend: Promise<Backend> | undefined;
  const connected = (): Promise<Backend> => {
    backend ??= opts.connect();
    // A failed connection is not kept: the next call tries again (e.g. after the user fixed ffmpeg).
    backend.catch(() => (backend = undefined));
    return backend;
  };

  server.setRequestHandler(ListToolsRequestSchema, () => ({
    tools: AGENT_TOOL_IDS.map((id) => ({
      name: TOOL_NAMES[id].mcp,
      description: modelDescription(id, 'mcp'),
      inputSchema: inputSchema(id, 'mcp') as { type: 'object'; properties?: Record<string, object> },
      annotations: { readOnlyHint: READ_ONLY.has(id), destructiveHint: false, openWorldHint: true },
    })),
  }));

  server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
    const id = toolByMcpName(request.params.name);
    const statusTool = TOOL_NAMES.status.mcp;
    if (!id) return toolError(agentMessage(opts.lang, 'unknownTool', { tool: request.params.name, names: AGENT_TOOL_IDS.map((i) => TOOL_NAMES[i].mcp).join(', ') }));
    const started = Date.now();
    opts.log(`tool ${request.params.name}`);
    try {
      const call: ToolCall = {
        backend: await connected(),
        lang: opts.lang,
        signal: extra.signal,
        progress: progressSink(request.params._meta?.progressToken, (n) => extra.sendNotification(n)),
        cwd: opts.cwd,
        log: opts.log,
        kit: opts.kit,
      };
      return await dispatch(id, request.params.arguments, call);
    } catch (e) {
      opts.log(`tool ${request.params.name} failed: ${e instanceof Error ? e.message : String(e)}`);
      const result = errorResult(e, opts.lang, statusTool);
      if (extra.signal.aborted) {
        // The client stopped the call (notifications/cancelled): the protocol says no reply goes back to a
        // cancelled request (the SDK drops it), so what the stop left behind (nothing sent, nothing uploaded,
        // or the editor may still finish) reaches the client as a log message instead.
        const text = result.content.map((c) => c.text).join('\n');
        await server.sendLoggingMessage({ level: 'notice', logger: request.params.name, data: text }).catch((err: unknown) => opts.log(`could not send the stop notice: ${String(err)}`));
      }
      return result;
    } finally {
      opts.log(`tool ${request.params.name} finished in ${Date.now() - started} ms`);
    }
  });
  return server;
}

/** Serves on stdin/stdout until the client closes stdin (or the signal fires). */
export async function serveStdio(opts: McpOptions & { signal: AbortSignal }): Promise<void> {
  const server = createMcpServer(opts);
  const transport = new StdioServerTransport();
  const closed = new Promise<void>((resolve) => {
    server.onclose = () => resolve();
    process.stdin.once('end', () => resolve());
    opts.signal.addEventListener('abort', () => resolve(), { once: true });
  });
  await server.connect(transport);
  opts.log('MCP server ready on stdio');
  await closed;
  await server.close().catch(() => undefined);
}
