// The manifest is the source of truth for ids: every id constant must be declared, and the other way round.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { COMMANDS, VIEWS } from '../../src/vscode/ids';

const root = path.resolve(__dirname, '../../..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

describe('package.json manifest', () => {
  it('declares exactly the commands named in src/vscode/ids.ts', () => {
    const declared = manifest.contributes.commands.map((c: { command: string }) => c.command).sort();
    assert.deepEqual(declared, Object.values(COMMANDS).sort());
  });

  it('declares the views named in src/vscode/ids.ts under the generatorYoutube container', () => {
    const views = manifest.contributes.views[VIEWS.container].map((v: { id: string }) => v.id).sort();
    assert.deepEqual(views, [VIEWS.chat, VIEWS.timeline, VIEWS.renders].sort());
  });

  it('has an English and a Chinese string for every %key% in the manifest', () => {
    const keys = [...JSON.stringify(manifest).matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]);
    for (const lang of ['package.nls.json', 'package.nls.zh-cn.json']) {
      const nls = JSON.parse(fs.readFileSync(path.join(root, lang), 'utf8'));
      const missing = keys.filter((k) => typeof nls[k] !== 'string' || nls[k].length === 0);
      assert.deepEqual(missing, [], `${lang} lacks ${missing.join(', ')}`);
    }
  });
});
