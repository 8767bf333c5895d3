// Export file names and the output folder rule, in plain Node (a real temp folder for uniqueness).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { exportStem, resolveOutputFolder, sanitizeStem, stampOf, uniqueFileName } from '../../../src/core/render/naming';

describe('export file naming (pure)', () => {
  it('[bad-input] sanitises titles into safe, readable stems', () => {
    assert.equal(sanitizeStem('Urban Dreams: Part 1/2'), 'Urban-Dreams-Part-1-2');
    assert.equal(sanitizeStem('a<b>c"d|e?f*g\\h'), 'a-b-c-d-e-f-g-h');
    assert.equal(sanitizeStem('../../etc/passwd'), 'etc-passwd');
    assert.equal(sanitizeStem('...hidden'), 'hidden');
    assert.equal(sanitizeStem('tab\tand\nnewline\u0000nul'), 'tab-and-newline-nul');
    assert.equal(sanitizeStem('城市之夜 Vlog'), '城市之夜-Vlog');
    assert.equal(sanitizeStem('CON'), 'CON-video');
    assert.equal(sanitizeStem('   '), 'video');
    assert.equal(sanitizeStem('////'), 'video');
    const long = sanitizeStem('😀'.repeat(100));
    assert.equal(Array.from(long).length, 60, 'cut on code points');
    assert.ok(!/[\ud800-\udbff]$/.test(long), 'no half surrogate pair at the end');
  });

  it('builds <title or session>-<yyyy-mm-dd-hhmm>', () => {
    const at = new Date(2026, 10, 24, 9, 5).getTime();
    assert.equal(stampOf(at), '2026-11-24-0905');
    assert.equal(exportStem({ title: 'My Trip', sessionId: '123456789', createdAt: at }), 'My-Trip-2026-11-24-0905');
    assert.equal(exportStem({ title: null, sessionId: '123456789', createdAt: at }), 'session-456789-2026-11-24-0905');
    assert.equal(exportStem({ title: '  ', sessionId: 'abc', createdAt: at }), 'session-abc-2026-11-24-0905');
  });

  it('never reuses an existing name or one with a download in progress', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gy-naming-'));
    try {
      const taken = (n: string): boolean => fs.existsSync(path.join(dir, n));
      assert.equal(uniqueFileName('v', 'mp4', taken), 'v.mp4');
      fs.writeFileSync(path.join(dir, 'v.mp4'), 'x');
      assert.equal(uniqueFileName('v', '.mp4', taken), 'v-2.mp4');
      fs.writeFileSync(path.join(dir, 'v-2.mp4.part'), 'x');
      assert.equal(uniqueFileName('v', 'mp4', taken), 'v-3.mp4');
      assert.equal(uniqueFileName('v', '', taken), 'v-3.mp4');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('resolves the output folder: setting, workspace, Videos, home', () => {
    const home = path.join(path.sep, 'home', 'u');
    const ws = path.join(path.sep, 'ws');
    const none = (): boolean => false;
    assert.equal(resolveOutputFolder({ setting: '', workspaceFolder: ws, home, isDirectory: none }), path.join(ws, 'youtube-exports'));
    assert.equal(resolveOutputFolder({ setting: '', home, isDirectory: (p) => p === path.join(home, 'Videos') }), path.join(home, 'Videos'));
    assert.equal(resolveOutputFolder({ setting: '', home, isDirectory: none }), home);
    assert.equal(resolveOutputFolder({ setting: '~/out', workspaceFolder: ws, home, isDirectory: none }), path.join(home, 'out'));
    assert.equal(resolveOutputFolder({ setting: 'renders', workspaceFolder: ws, home, isDirectory: none }), path.join(ws, 'renders'));
    assert.equal(resolveOutputFolder({ setting: 'renders', home, isDirectory: none }), path.join(home, 'renders'));
    assert.equal(resolveOutputFolder({ setting: `${path.sep}abs${path.sep}x${path.sep}`, home, isDirectory: none }), path.normalize(`${path.sep}abs${path.sep}x${path.sep}`));
  });
});
