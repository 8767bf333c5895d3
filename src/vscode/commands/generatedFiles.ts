// Remembers which files "Generate YouTube video" already sent in which session, so that running it again on
// the same clips asks before spending credits twice. A file is identified by path + size + modification
// time: cheap (no hashing of gigabyte clips) and it changes when the clip is edited or replaced.
import * as fs from 'node:fs';
import type * as vscode from 'vscode';

const KEY = 'generatorYoutube.generatedFiles';
/** Sessions remembered at most (oldest dropped): the memento must not grow forever. */
const MAX_SESSIONS = 50;

interface Entry {
  session: string;
  fingerprints: string[];
  at: number;
}

export async function fingerprint(file: string): Promise<string> {
  const st = await fs.promises.stat(file);
  return `${file}|${st.size}|${Math.round(st.mtimeMs)}`;
}

export class GeneratedFiles {
  constructor(private readonly memento: vscode.Memento) {}

  private entries(): Entry[] {
    const v = this.memento.get<Entry[]>(KEY);
    return Array.isArray(v) ? v.filter((e) => e && typeof e.session === 'string' && Array.isArray(e.fingerprints)) : [];
  }

  /** The fingerprints among `prints` that were already generated in `session`. */
  seen(session: string, prints: readonly string[]): string[] {
    const known = new Set(this.entries().find((e) => e.session === session)?.fingerprints ?? []);
    return prints.filter((p) => known.has(p));
  }

  async remember(session: string, prints: readonly string[]): Promise<void> {
    const all = this.entries();
    const mine = all.find((e) => e.session === session);
    const merged = [...new Set([...(mine?.fingerprints ?? []), ...prints])];
    const others = all.filter((e) => e.session !== session);
    const next = [{ session, fingerprints: merged, at: Date.now() }, ...others].slice(0, MAX_SESSIONS);
    await this.memento.update(KEY, next);
  }
}
