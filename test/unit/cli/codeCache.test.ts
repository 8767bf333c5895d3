// The CLI launcher's V8 code cache (src/cli/codeCache.ts): used when it matches, written again when missing,
// rejected or outgrown, kept in a folder only its owner can write, and never used from any other folder.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cacheDir, loadWithCodeCache } from '../../../src/cli/codeCache';
import { tempDir } from '../../support/media';

describe('CLI: the bundle is loaded with a V8 code cache', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  let bundle: string;
  beforeEach(() => {
    dir = tempDir('gy-codecache-');
    env = { XDG_CACHE_HOME: path.join(dir, 'cache') };
    bundle = path.join(dir, 'bundle.js');
    // A CommonJS bundle as esbuild writes it: exports, a builtin require, __dirname, and a function that
    // is compiled only when called (so the cache grows once it has run).
    fs.writeFileSync(bundle, [
      "const os = require('node:os');",
      'exports.where = __dirname;',
      'exports.cores = () => os.cpus().length;',
      'exports.sum = (n) => { let s = 0; for (let i = 0; i < n; i++) s += i; return s; };',
    ].join('\n'));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const cacheFiles = () => fs.readdirSync(path.join(dir, 'cache', 'generator-youtube', 'code-cache'));

  /**
   * One CLI start: a new Node process loads the bundle, calls sum(n), saves. (Within one process V8 reuses
   * what it compiled before and would never look at the cache.)
   */
  function start(n = 4): { cache: string; sum: number } {
    const script = `const { loadWithCodeCache } = require(${JSON.stringify(require.resolve('../../../src/cli/codeCache'))});
      const b = loadWithCodeCache(${JSON.stringify(bundle)}, { XDG_CACHE_HOME: ${JSON.stringify(env.XDG_CACHE_HOME)} });
      const sum = b.exports.sum(${n}); b.save(); process.stdout.write(JSON.stringify({ cache: b.cache, sum }));`;
    return JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })) as { cache: string; sum: number };
  }

  it('runs the bundle like require(); writes the cache after the run and the next start uses it', () => {
    const first = loadWithCodeCache(bundle, env);
    const api = first.exports as { where: string; cores(): number; sum(n: number): number };
    assert.equal(api.where, dir);
    assert.ok(api.cores() >= 1);
    assert.equal(api.sum(5), 10);
    assert.equal(first.cache, 'none');
    first.save();
    const files = cacheFiles();
    assert.equal(files.length, 1);
    const file = path.join(dir, 'cache', 'generator-youtube', 'code-cache', files[0]);
    assert.equal(fs.statSync(file).mode & 0o777, 0o600);
    assert.equal(fs.statSync(path.dirname(file)).mode & 0o777, 0o700);
    assert.deepEqual(start(4), { cache: 'used', sum: 6 });
  });

  it('a damaged cache is rejected by V8, the bundle still runs, and the cache is written again', () => {
    assert.deepEqual(start(), { cache: 'none', sum: 6 });
    const file = path.join(dir, 'cache', 'generator-youtube', 'code-cache', cacheFiles()[0]);
    fs.writeFileSync(file, Buffer.alloc(fs.statSync(file).size, 0x5a));
    assert.deepEqual(start(3), { cache: 'rejected', sum: 3 });
    assert.deepEqual(start(3), { cache: 'used', sum: 3 });
  });

  it('a changed bundle gets a cache of its own, which replaces the old build\'s', () => {
    assert.equal(start().cache, 'none');
    assert.equal(start().cache, 'used');
    const before = cacheFiles();
    fs.appendFileSync(bundle, '\nexports.more = 1;\n');
    assert.deepEqual(start(), { cache: 'none', sum: 6 });
    const after = cacheFiles();
    assert.equal(after.length, 1);
    assert.notEqual(after[0], before[0]);
    assert.equal(start().cache, 'used');
  });

  it('[security] never reads a cache from a folder others can write, nor through a link', () => {
    const shared = path.join(dir, 'cache', 'generator-youtube', 'code-cache');
    fs.mkdirSync(shared, { recursive: true });
    fs.chmodSync(shared, 0o777);
    const open = loadWithCodeCache(bundle, env);
    assert.equal(open.cache, 'off');
    open.save();
    assert.deepEqual(fs.readdirSync(shared), [], 'nothing written there either');
    fs.rmSync(shared, { recursive: true });
    fs.mkdirSync(path.join(dir, 'elsewhere'), { mode: 0o700 });
    fs.symlinkSync(path.join(dir, 'elsewhere'), shared);
    assert.equal(loadWithCodeCache(bundle, env).cache, 'off');
  });

  it('lives in the platform\'s per-user cache folder', () => {
    assert.equal(cacheDir({ XDG_CACHE_HOME: '/x/cache' }, 'linux'), '/x/cache/generator-youtube');
    assert.equal(cacheDir({ XDG_CACHE_HOME: 'relative' }, 'linux')?.endsWith(path.join('.cache', 'generator-youtube')), true);
    assert.equal(cacheDir({ LOCALAPPDATA: 'C:\\Users\\a\\AppData\\Local' }, 'win32'), path.join('C:\\Users\\a\\AppData\\Local', 'generator-youtube', 'Cache'));
    assert.equal(cacheDir({}, 'win32'), undefined);
    assert.equal(cacheDir({}, 'darwin')?.endsWith(path.join('Library', 'Caches', 'generator-youtube')), true);
  });
});
