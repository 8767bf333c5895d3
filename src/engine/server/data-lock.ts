// One engine per data folder. Two engines on one folder (two VS Code windows share globalStorage; the CLI and
// the extension may be pointed at the same folder) would each keep their own copy of the state in memory and
// overwrite each other's files. The running engine records itself in `engine-run.json`; a second start on
// the folder fails with EngineBusyError carrying the running engine's URL, which speaks the same API, so the
// caller can simply use that engine as a client.
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { readJsonFile, writeJsonAtomic } from './json-store';

export class EngineBusyError extends Error {
  override name = 'EngineBusyError';
  constructor(readonly url: string, readonly pid: number, dataDir: string) {
    super(`Another local engine (pid ${pid}) is already using the data folder ${dataDir} at ${url}. Use that engine, stop it, or choose another data folder. / 另一个本地引擎正在使用该数据文件夹。`);
  }
}

interface RunFile {
  pid: number;
  port: number;
  url: string;
  startedAt: string;
}

const inThisProcess = new Map<string, string>();

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ host: '127.0.0.1', port });
    s.setTimeout(1000);
    s.once('connect', () => { s.destroy(); resolve(true); });
    s.once('error', () => resolve(false));
    s.once('timeout', () => { s.destroy(); resolve(false); });
  });
}

const runFile = (dataDir: string) => path.join(dataDir, 'engine-run.json');

/** Throws EngineBusyError if a live engine holds the folder; a stale record (crashed engine) is ignored. */
export async function ensureFolderFree(dataDir: string): Promise<void> {
  const mine = inThisProcess.get(dataDir);
  if (mine !== undefined) throw new EngineBusyError(mine, process.pid, dataDir);
  const rec = readJsonFile<RunFile>(runFile(dataDir));
  // Both checks: a crashed engine's pid may have been reused by an unrelated process.
  if (rec && rec.pid !== process.pid && pidAlive(rec.pid) && (await portOpen(rec.port))) {
    throw new EngineBusyError(rec.url, rec.pid, dataDir);
  }
  inThisProcess.set(dataDir, '');
}

export async function claimFolder(dataDir: string, port: number, url: string): Promise<void> {
  inThisProcess.set(dataDir, url);
  await writeJsonAtomic(runFile(dataDir), { pid: process.pid, port, url, startedAt: new Date().toISOString() } satisfies RunFile);
}

export function releaseFolder(dataDir: string): void {
  inThisProcess.delete(dataDir);
  fs.rmSync(runFile(dataDir), { force: true });
}
