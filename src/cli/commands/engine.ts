// engine [--port N]: serve the local engine until Ctrl-C.
import * as path from 'node:path';
import { configDir, type Lang } from '../../core/index';
import { startLocalEngine } from '../backend';
import { m } from '../messages';
import type { Output } from '../output';

export async function engine(opts: { lang: Lang; out: Output; port?: number; dataDir?: string; ffmpeg?: string; renderCacheMaxMB?: number; signal: AbortSignal }): Promise<void> {
  const dataDir = path.resolve(opts.dataDir ?? path.join(configDir(), 'engine'));
  const running = await startLocalEngine({ lang: opts.lang, out: opts.out, dataDir, ffmpeg: opts.ffmpeg, renderCacheMaxMB: opts.renderCacheMaxMB, port: opts.port });
  opts.out.line(m(opts.lang, 'engineServing', { url: running.url, dir: dataDir }));
  opts.out.event('engine', { url: running.url, dataDir });
  await new Promise<void>((resolve) => {
    if (opts.signal.aborted) resolve();
    opts.signal.addEventListener('abort', () => resolve(), { once: true });
  });
  await running.close();
  opts.out.line(m(opts.lang, 'engineStopped'));
}
