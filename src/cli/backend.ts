// Connects the CLI to a backend: the cloud (or NEMO_API_URL), or the local engine started in-process with
// --local. Stores are files under the user's config dir, so the session and token survive between runs.
import * as path from 'node:path';
import {
  configDir,
  FileSecretStore,
  FileStateStore,
  globalFetchTransport,
  type Lang,
  type Logger,
  NemoClient,
  NemoError,
  Workflow,
} from '../core/index';
// A static import: tsc's Node16 CommonJS output would turn a dynamic import() into a real ESM import.
// The engine module only defines functions at load; nothing starts until startOrBorrowEngine is called.
import { type LocalEngine, startOrBorrowEngine } from '../engine/startOrBorrow';
import { resolveFfmpegPaths } from '../core/media/ffmpegPaths';
import { takeEarlyToolCheck } from './earlyToolCheck';
import { m } from './messages';
import type { Output } from './output';

export interface BackendOptions {
  lang: Lang;
  out: Output;
  local: boolean;
  dataDir?: string;
  ffmpeg?: string;
  /** --render-cache-mb (else the engine reads GENERATOR_YOUTUBE_RENDER_CACHE_MB, else 2048). */
  renderCacheMaxMB?: number;
  /** Export status poll interval in seconds. */
  pollSeconds?: number;
  env?: NodeJS.ProcessEnv;
}

export interface Backend {
  client: NemoClient;
  workflow: Workflow;
  close(): Promise<void>;
}

/** Starts the local engine in this process on 127.0.0.1 (or uses the one serving the folder). Fails with a clear NemoError when it cannot. */
export async function startLocalEngine(opts: { lang: Lang; out: Output; dataDir?: string; ffmpeg?: string; renderCacheMaxMB?: number; port?: number }): Promise<LocalEngine> {
  const dataDir = path.resolve(opts.dataDir ?? path.join(configDir(), 'engine'));
  let engine: LocalEngine;
  try {
    engine = await startOrBorrowEngine({
      dataDir,
      port: opts.port,
      host: '127.0.0.1',
      ffmpegPath: opts.ffmpeg,
      toolCheck: takeEarlyToolCheck(resolveFfmpegPaths(opts.ffmpeg)),
      renderCacheMaxMB: opts.renderCacheMaxMB,
      log: (line: string) => opts.out.debug(`[engine] ${line}`),
    });
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    throw new NemoError({ kind: 'server', userMessage: m(opts.lang, 'localUnavailable', { detail }), action: { id: 'none', label: '' }, detail, cause: e });
  }
  // A borrowed engine (`generator-youtube engine` or the extension already serves this folder) did its own check.
  // The check runs beside the start; its warning is printed when it ends (the first upload waits for it and
  // then fails with the same explanation).
  void engine.tools?.then((tools) => {
    if (!tools.ok) opts.out.line(m(opts.lang, 'localTools', { hint: tools.hint ?? '' }));
  });
  opts.out.debug(m(opts.lang, 'localStarted', { url: engine.url }));
  return engine;
}

export async function connect(opts: BackendOptions): Promise<Backend> {
  const env = opts.env ?? process.env;
  const dir = configDir(env);
  const secrets = new FileSecretStore(path.join(dir, 'secrets.json'));
  const state = new FileStateStore(path.join(dir, 'state.json'));
  const log: Logger = {
    info: (s) => opts.out.debug(`info  ${s}`),
    warn: (s) => opts.out.debug(`warn  ${s}`),
    error: (s) => opts.out.debug(`error ${s}`),
    debug: (s) => opts.out.debug(`debug ${s}`),
  };
  let local: LocalEngine | undefined;
  let clientEnv: Record<string, string | undefined> = env;
  if (opts.local) {
    local = await startLocalEngine({ lang: opts.lang, out: opts.out, dataDir: opts.dataDir, ffmpeg: opts.ffmpeg, renderCacheMaxMB: opts.renderCacheMaxMB });
    // The local engine issues its own tokens: a cloud NEMO_TOKEN/NEMO_API_URL must not leak into it.
    clientEnv = { ...env, NEMO_TOKEN: undefined, NEMO_API_URL: undefined };
  }
  const client = new NemoClient({
    apiUrl: local?.url,
    backendKey: local ? 'local-engine' : undefined,
    platform: 'cli',
    transport: globalFetchTransport,
    secrets,
    state,
    lang: opts.lang,
    log,
    env: clientEnv,
  });
  const pollSeconds = opts.pollSeconds ?? (opts.local ? 2 : 30);
  // With the engine in this process the export is awaited directly (woken by the job's own changes); the
  // poll interval stays as the fallback.
  // The local engine (ours or a borrowed one) runs on this machine: it is handed files by path, not sent them.
  const workflow = new Workflow({ client, state, lang: opts.lang, exportPollMs: pollSeconds * 1000, exportWake: local?.renderChanged, filesByPath: local !== undefined, localRenderFile: local?.renderFile });
  return {
    client,
    workflow,
    close: async () => {
      await local?.close();
    },
  };
}
