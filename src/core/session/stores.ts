// Storage seams. The extension passes SecretStorage and globalState (Memento) directly; the CLI uses the
// file-backed stores below; tests use the in-memory ones.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** Where secrets (the API token) live. Values are never logged. */
export interface SecretStore {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
}

/** Plain persisted state: VS Code's Memento shape, so `context.globalState` fits as is. */
export interface StateStore {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): Promise<void>;
}

/** Keys the core uses. Token and session are per backend (cloud vs local engine), hence the suffix. */
export const STORE_KEYS = {
  clientId: 'nemo.clientId',
  token: (backend: string) => `nemo.token:${backend}`,
  tokenInfo: (backend: string) => `nemo.tokenInfo:${backend}`,
  session: (backend: string) => `nemo.session:${backend}`,
  renderJobs: (backend: string) => `nemo.renderJobs:${backend}`,
} as const;

export class MemorySecretStore implements SecretStore {
  private readonly values = new Map<string, string>();
  async get(key: string): Promise<string | undefined> {
    return this.values.get(key);
  }
  async set(key: string, value: string): Promise<void> {
    this.values.set(key, value);
  }
  async delete(key: string): Promise<void> {
    this.values.delete(key);
  }
}

export class MemoryStateStore implements StateStore {
  private readonly values = new Map<string, unknown>();
  get<T>(key: string): T | undefined {
    return this.values.get(key) as T | undefined;
  }
  async update(key: string, value: unknown): Promise<void> {
    if (value === undefined) this.values.delete(key);
    else this.values.set(key, structuredClone(value));
  }
}

/** `$XDG_CONFIG_HOME/generator-youtube` or `~/.config/generator-youtube`. */
export function configDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CONFIG_HOME && path.isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : path.join(os.homedir(), '.config');
  return path.join(base, 'generator-youtube');
}

/**
 * A JSON object in one file, written atomically (temp file + rename) with mode 0600 so other users on the
 * machine cannot read the token. A corrupt file is treated as empty rather than crashing the CLI.
 */
class JsonFile {
  private cache: Record<string, unknown> | undefined;
  constructor(private readonly file: string) {}

  read(): Record<string, unknown> {
    if (this.cache) return this.cache;
    try {
      const parsed: unknown = JSON.parse(fs.readFileSync(this.file, 'utf8'));
      this.cache = parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
    } catch {
      this.cache = {};
    }
    return this.cache;
  }

  /** Writes are chained: concurrent updates (a poller saving progress) land in order, never interleaved. */
  private chain: Promise<void> = Promise.resolve();
  private seq = 0;

  write(next: Record<string, unknown>): Promise<void> {
    this.cache = next;
    const run = async (): Promise<void> => {
      await fs.promises.mkdir(path.dirname(this.file), { recursive: true, mode: 0o700 });
      const tmp = `${this.file}.${process.pid}.${++this.seq}.tmp`;
      // Always the latest cache: a queued write never brings back an older snapshot.
      await fs.promises.writeFile(tmp, JSON.stringify(this.cache ?? next, null, 2), { mode: 0o600 });
      await fs.promises.rename(tmp, this.file);
      await fs.promises.chmod(this.file, 0o600);
    };
    this.chain = this.chain.then(run, run);
    return this.chain;
  }
}

export class FileSecretStore implements SecretStore {
  private readonly json: JsonFile;
  constructor(file: string = path.join(configDir(), 'secrets.json')) {
    this.json = new JsonFile(file);
  }
  async get(key: string): Promise<string | undefined> {
    const v = this.json.read()[key];
    return typeof v === 'string' ? v : undefined;
  }
  async set(key: string, value: string): Promise<void> {
    await this.json.write({ ...this.json.read(), [key]: value });
  }
  async delete(key: string): Promise<void> {
    const next = { ...this.json.read() };
    delete next[key];
    await this.json.write(next);
  }
}

export class FileStateStore implements StateStore {
  private readonly json: JsonFile;
  constructor(file: string = path.join(configDir(), 'state.json')) {
    this.json = new JsonFile(file);
  }
  get<T>(key: string): T | undefined {
    return this.json.read()[key] as T | undefined;
  }
  async update(key: string, value: unknown): Promise<void> {
    const next = { ...this.json.read() };
    if (value === undefined) delete next[key];
    else next[key] = value;
    await this.json.write(next);
  }
}
