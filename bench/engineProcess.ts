// Starts bench/engineChild in a child process with a fresh data folder and gives back its URL, a way to
// stop it, and a token + session made through the engine's own HTTP API (for curl and raw requests).
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ensureDir, workDir } from './lib';

export interface EngineProcess {
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

export async function startEngineProcess(label: string): Promise<EngineProcess> {
  const dataDir = path.join(workDir, 'engines', label);
  fs.rmSync(dataDir, { recursive: true, force: true });
  ensureDir(dataDir);
  const child = spawn(process.execPath, [path.join(__dirname, 'engineChild.js'), dataDir], { stdio: ['pipe', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let buf = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (c: string) => {
      buf += c;
      const m = /ENGINE (\S+)/.exec(buf);
      if (m) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`engine exited (${code}) before listening`)));
  });
  return {
    url,
    dataDir,
    stop: () => new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => {
        fs.rmSync(dataDir, { recursive: true, force: true });
        resolve();
      });
      child.kill('SIGTERM');
    }),
  };
}

/** An anonymous token and a new session, straight from the engine's HTTP API. */
export async function tokenAndSession(url: string): Promise<{ token: string; sessionId: string }> {
  const tok = await fetch(`${url}/api/auth/anonymous-token`, { method: 'POST', headers: { 'X-Client-Id': 'bench-client' } });
  const tokBody = (await tok.json()) as { data: { token: string } };
  const token = tokBody.data.token;
  const ses = await fetch(`${url}/api/tasks/me/with-session/nemo_agent`, {
    method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ task_name: 'bench', language: 'en' }),
  });
  const sesBody = (await ses.json()) as { data: { session_id: string } };
  return { token, sessionId: sesBody.data.session_id };
}
