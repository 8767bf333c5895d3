// Start the local engine on a data folder, or borrow the one that already serves it. Both front ends need
// exactly this (the CLI's --local and `engine` command, the extension's "local" backend), so it is written
// once here: one engine per data folder (server/data-lock.ts), and a second caller (another VS Code window,
// a CLI run beside the extension) uses the running engine as a client, since it speaks the same API.
import * as net from 'node:net';
import type { ToolStatus } from './server/context';
import { EngineBusyError } from './server/data-lock';
import { type EngineOptions, startEngine, type RunningEngine } from './server/index';
import { isRenderId, renderOutputPath } from './server/render-queue';

export interface LocalEngine {
  url: string;
  /** True when another process (or window) runs the engine on this folder: we use it but do not own it. */
  borrowed: boolean;
  /** Only for an engine started here: what its ffmpeg check finds (it runs beside the start). */
  tools?: Promise<ToolStatus>;
  /** Only for an engine started here: resolves when a render job changes (an export is awaited directly). */
  renderChanged?: RunningEngine['renderChanged'];
  /**
   * False once a borrowed engine is gone (it dies with its owner; one loopback connect, ~1 ms). An engine
   * started here is always true until closed. A caller that keeps a borrowed engine checks this before use.
   */
  stillServing(): Promise<boolean>;
  /**
   * Where this engine's data folder keeps a finished render (started or borrowed: the folder is the same), so
   * a front end on this machine can copy it instead of downloading it over loopback. Undefined for an id
   * that is not a render id.
   */
  renderFile(jobId: string): string | undefined;
  /** Stops an engine started here; does nothing for a borrowed one (its owner stops it). */
  close(): Promise<void>;
}

/** Starts the engine, or returns the one already serving `opts.dataDir`. Other start failures are thrown. */
export async function startOrBorrowEngine(opts: EngineOptions): Promise<LocalEngine> {
  try {
    const engine = await startEngine(opts);
    const renderFile = (id: string) => (isRenderId(id) ? renderOutputPath(opts.dataDir, id) : undefined);
    return { url: engine.url, borrowed: false, tools: engine.tools, renderChanged: engine.renderChanged, renderFile, stillServing: async () => true, close: () => engine.close() };
  } catch (e) {
    if (e instanceof EngineBusyError) {
      const url = e.url;
      const renderFile = (id: string) => (isRenderId(id) ? renderOutputPath(opts.dataDir, id) : undefined);
      return { url, borrowed: true, renderFile, stillServing: () => isListening(url), close: async () => undefined };
    }
    throw e;
  }
}

/** True when something accepts TCP connections at the URL's host:port (loopback only: answers in ~1 ms). */
function isListening(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port) });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}
