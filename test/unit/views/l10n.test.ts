// Every string the editor side shows through the shared translator (ui/l10n.ts: `tr`, or the `t` handed to
// the pure node builders) has a Simplified Chinese entry in l10n/bundle.l10n.zh-cn.json.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../../../..');
const folders = ['src/vscode/timeline', 'src/vscode/renders', 'src/vscode/ui', 'src/vscode/commands', 'src/vscode/statusBar', 'src/vscode/preview'];

function sourceStrings(): string[] {
  const found = new Set<string>();
  for (const folder of folders) {
    for (const name of fs.readdirSync(path.join(root, folder)).filter((n) => n.endsWith('.ts'))) {
      const text = fs.readFileSync(path.join(root, folder, name), 'utf8');
      for (const m of text.matchAll(/(?:l10n\.t|\btr?)\(\s*'((?:[^'\\]|\\.)*)'/g)) found.add(m[1]!.replace(/\\'/g, "'"));
    }
  }
  return [...found].sort();
}

describe('views and exports: Chinese strings', () => {
  it('has a zh-cn translation for every user-facing string', () => {
    const bundle = JSON.parse(fs.readFileSync(path.join(root, 'l10n/bundle.l10n.zh-cn.json'), 'utf8')) as Record<string, string>;
    const strings = sourceStrings();
    assert.ok(strings.length > 50, `found only ${strings.length} strings: the scan is broken`);
    const missing = strings.filter((s) => typeof bundle[s] !== 'string' || bundle[s]!.length === 0);
    assert.deepEqual(missing, []);
    // Placeholders survive translation.
    const broken = strings.filter((s) => (s.match(/\{\d+\}/g) ?? []).sort().join() !== (bundle[s]!.match(/\{\d+\}/g) ?? []).sort().join());
    assert.deepEqual(broken, []);
  });
});
