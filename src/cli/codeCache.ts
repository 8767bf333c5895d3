// Loads the CLI bundle (dist/cli-main.js, 1.2 MB) with a V8 code cache: the compiled code of the last run
// of this same file (with the functions that run compiled too) is handed to V8 instead of compiling it
// again. Measured on `generate --local`: 30-90 ms less from start to the first request (5-run medians).
// Node 22's module.enableCompileCache() does this; Node 20, which VS Code's users and our CI run, has not.
//
// The cache is per user (XDG_CACHE_HOME or ~/.cache, %LOCALAPPDATA% on Windows, ~/Library/Caches on macOS),
// in a folder only its owner can write: code from it runs as the user, so nobody else may plant it. V8
// checks that the cache matches the source and its own version and flags, and rejects it otherwise; a
// rejected or missing cache is written again (temp file + rename) when the command ends. Any failure here
// only means compiling as usual.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import Module from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vm from 'node:vm';

interface NodeModule {
  exports: unknown;
  filename: string;
  paths: string[];
  require(id: string): unknown;
}
interface ModuleClass {
  new (id: string, parent?: unknown): NodeModule;
  wrap(source: string): string;
  _nodeModulePaths(dir: string): string[];
}

/** The user's cache folder for this tool, or undefined when there is no home. */
export function cacheDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string | undefined {
  const home = os.homedir();
  if (platform === 'win32') return env.LOCALAPPDATA ? path.join(env.LOCALAPPDATA, 'generator-youtube', 'Cache') : undefined;
  if (platform === 'darwin') return home ? path.join(home, 'Library', 'Caches', 'generator-youtube') : undefined;
  const base = env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : home ? path.join(home, '.cache') : undefined;
  return base ? path.join(base, 'generator-youtube') : undefined;
}

/** A folder that exists, is not a link, belongs to this user and is writable by nobody else (POSIX). */
function privateDir(dir: string): boolean {
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const st = fs.lstatSync(dir);
    if (!st.isDirectory()) return false;
    if (process.platform === 'win32') return true;
    return st.uid === process.getuid?.() && (st.mode & 0o022) === 0;
  } catch {
    return false;
  }
}

export interface LoadedBundle {
  exports: unknown;
  /** Writes the cache if it was missing, rejected or smaller than what this run compiled; call when the command has run. */
  save(): void;
  /** What happened to the cache this time (tests and --verbose). */
  readonly cache: 'used' | 'rejected' | 'none' | 'off';
}

/** Runs a CommonJS bundle like require() would, with the code cache. */
export function loadWithCodeCache(file: string, env: NodeJS.ProcessEnv = process.env): LoadedBundle {
  const source = fs.readFileSync(file, 'utf8');
  const dir = cacheDir(env);
  const st = fs.statSync(file);
  // <which bundle>-<which build of it, on which Node>: V8's own check covers the rest. Saving one build's
  // cache removes the bundle's older ones, so rebuilds do not pile up.
  const hash = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16);
  const prefix = `${hash(file)}-`;
  const name = `${prefix}${hash(`${st.size}\0${st.mtimeMs}\0${process.version}\0${process.arch}`)}.bin`;
  const folder = dir ? path.join(dir, 'code-cache') : undefined;
  const cacheFile = folder && privateDir(folder) ? path.join(folder, name) : undefined;
  let cachedData: Buffer | undefined;
  if (cacheFile) {
    try {
      cachedData = fs.readFileSync(cacheFile);
    } catch {
      // none yet
    }
  }
  const M = Module as unknown as ModuleClass;
  const script = new vm.Script(M.wrap(source), { filename: file, cachedData });
  const cache = !cacheFile ? 'off' : !cachedData ? 'none' : script.cachedDataRejected ? 'rejected' : 'used';
  const mod = new M(file, module);
  mod.filename = file;
  mod.paths = M._nodeModulePaths(path.dirname(file));
  const wrapper = script.runInThisContext() as (exports: unknown, require: (id: string) => unknown, module: NodeModule, filename: string, dirname: string) => void;
  wrapper.call(mod.exports, mod.exports, (id) => mod.require(id), mod, file, path.dirname(file));
  let saved = false;
  return {
    exports: mod.exports,
    cache,
    save: () => {
      if (saved || !cacheFile) return;
      saved = true;
      // ~3 ms. Rewritten when this run compiled more than the cache held (a `generate` after a `--version`).
      const data = script.createCachedData();
      if (cache === 'used' && cachedData && data.length <= cachedData.length * 1.05) return;
      const tmp = `${cacheFile}.${process.pid}.tmp`;
      try {
        fs.writeFileSync(tmp, data, { mode: 0o600 });
        fs.renameSync(tmp, cacheFile);
        for (const old of fs.readdirSync(path.dirname(cacheFile))) {
          if (old.startsWith(prefix) && old.endsWith('.bin') && old !== name) fs.rmSync(path.join(path.dirname(cacheFile), old), { force: true });
        }
      } catch {
        fs.rmSync(tmp, { force: true });
      }
    },
  };
}
