// Every string the chat panel shows exists in Simplified Chinese too: the webview's string table, the
// transcript texts, the refusal reasons, and every literal passed to the translator in src/vscode/chat.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { UI_STRING_KEYS } from '../../../src/shared/protocol';
import { rejectionText, transcriptTexts, uiStrings } from '../../../src/vscode/chat/strings';

const root = path.resolve(__dirname, '..', '..', '..', '..');
const bundle = JSON.parse(fs.readFileSync(path.join(root, 'l10n', 'bundle.l10n.zh-cn.json'), 'utf8')) as Record<string, string>;

function collect(): string[] {
  const used: string[] = [];
  const tr = (message: string): string => {
    used.push(message);
    return message;
  };
  const table = uiStrings(tr);
  assert.deepEqual(Object.keys(table).sort(), [...UI_STRING_KEYS].sort(), 'the table has exactly the protocol keys');
  transcriptTexts(tr);
  for (const reason of ['type', 'size', 'missing', 'not-a-file', 'unknown'] as const) rejectionText(tr, reason, 'x');
  return used;
}

describe('chat panel strings (en + zh-cn)', () => {
  it('every webview and transcript string has a Chinese translation with the same placeholders', () => {
    const used = collect();
    assert.ok(used.length >= UI_STRING_KEYS.length);
    for (const en of used) {
      const zh = bundle[en];
      assert.ok(typeof zh === 'string' && zh.length > 0, `missing zh-cn for: ${en}`);
      assert.deepEqual((zh.match(/\{\d\}/g) ?? []).sort(), (en.match(/\{\d\}/g) ?? []).sort(), `placeholders differ: ${en}`);
    }
  });

  it('every literal the chat host translates has a Chinese translation', () => {
    const dir = path.join(root, 'src', 'vscode', 'chat');
    const missing: string[] = [];
    for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.ts'))) {
      const src = fs.readFileSync(path.join(dir, f), 'utf8');
      for (const m of src.matchAll(/\btr?\('((?:[^'\\]|\\.)*)'/g)) if (!bundle[m[1]]) missing.push(`${f}: ${m[1]}`);
    }
    assert.deepEqual(missing, []);
  });
});
