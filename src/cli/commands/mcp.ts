// mcp [--local] [--no-kit]: serves the agent tools over MCP on stdio until the client disconnects. The backend (and with
// --local the engine, in this process) starts on the first tool call, so `initialize` and `tools/list` answer
// at once even when ffmpeg is slow to check.
import { type Lang } from '../../core/index';
import { type Backend, connect } from '../backend';
import { serveStdio } from '../mcp/server';
import type { Output } from '../output';

export interface McpCommandOptions {
  lang: Lang;
  out: Output;
  local: boolean;
  dataDir?: string;
  ffmpeg?: string;
  pollSeconds?: number;
  /** --no-kit: exports come without the upload kit. */
  noKit?: boolean;
  signal: AbortSignal;
  env: NodeJS.ProcessEnv;
}

export async function mcp(opts: McpCommandOptions): Promise<void> {
  let backend: Promise<Backend> | undefined;
  try {
    await serveStdio({
      lang: opts.lang,
      cwd: process.cwd(),
      signal: opts.signal,
      // The same kit as `generate`/`export`: ffmpeg from --ffmpeg (or PATH), the user's whisper.cpp from the environment.
      kit: opts.noKit ? false : { ffmpeg: opts.ffmpeg ?? opts.env.GENERATOR_YOUTUBE_FFMPEG, whisper: { bin: opts.env.GENERATOR_YOUTUBE_WHISPER_CLI, model: opts.env.GENERATOR_YOUTUBE_WHISPER_MODEL } },
      // Logs only with --verbose, and always on stderr: stdout belongs to the protocol.
      log: (line) => opts.out.debug(`mcp: ${line}`),
      connect: () => (backend = connect({ lang: opts.lang, out: opts.out, local: opts.local, dataDir: opts.dataDir, ffmpeg: opts.ffmpeg, pollSeconds: opts.pollSeconds, env: opts.env })),
    });
  } finally {
    await (await backend?.catch(() => undefined))?.close().catch(() => undefined);
  }
}
