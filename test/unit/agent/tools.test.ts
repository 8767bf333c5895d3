// The agent tools' shared definitions: argument checks answer in plain words, package.json declares the
// language-model tools exactly as src/core/agent defines them (VS Code reads the manifest before the
// extension runs), and every string the VS Code tools show has a Chinese translation.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AGENT_TOOL_IDS, inputSchema, modelDescription, parseToolArgs, promptWithAspect, TOOL_NAMES } from '../../../src/core/agent';

const root = path.resolve(__dirname, '../../../..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

describe('agent tools: definitions', () => {
  it('[bad-input] refuses bad arguments with every problem named, for the front end that called', () => {
    const r = parseToolArgs('generate', { files: [], aspect: '4:3', extra: 1 }, 'en', 'mcp');
    assert.equal(r.ok, false);
    assert.ok(!r.ok && r.message.startsWith('The arguments for generate_video are not valid:'), !r.ok ? r.message : '');
    assert.ok(!r.ok && /at least one/.test(r.message) && /"16:9", "9:16" or "1:1"/.test(r.message) && /unknown field\(s\) "extra"/.test(r.message), !r.ok ? r.message : '');
    const e = parseToolArgs('edit', { instruction: '   ' }, 'zh', 'vscode');
    assert.ok(!e.ok && e.message.startsWith('generatorYoutube_edit 的参数无效'), !e.ok ? e.message : '');
    assert.equal(parseToolArgs('status', undefined, 'en', 'mcp').ok, true);
    assert.equal(parseToolArgs('export', { outDir: 5 }, 'en', 'mcp').ok, false);
  });

  it('accepts good arguments and trims text', () => {
    const r = parseToolArgs('generate', { files: [' /a/clip.mp4 '], prompt: ' make it short ', aspect: '1:1' }, 'en', 'vscode');
    assert.ok(r.ok);
    assert.deepEqual(r.ok && r.args, { files: ['/a/clip.mp4'], prompt: 'make it short', aspect: '1:1' });
  });

  it('asks for the aspect ratio in the message (it has no API field)', () => {
    assert.equal(promptWithAspect('p', '9:16'), 'p, vertical 9:16 for Shorts');
    assert.equal(promptWithAspect('p', '1:1'), 'p, square 1:1');
    assert.equal(promptWithAspect('p', undefined), 'p');
  });

  it('package.json declares the five language-model tools with the core schemas and descriptions', () => {
    const declared = manifest.contributes.languageModelTools as Array<{ name: string; modelDescription: string; inputSchema: unknown; displayName: string }>;
    assert.deepEqual(declared.map((t) => t.name), AGENT_TOOL_IDS.map((id) => TOOL_NAMES[id].vscode));
    for (const id of AGENT_TOOL_IDS) {
      const t = declared.find((d) => d.name === TOOL_NAMES[id].vscode)!;
      assert.match(t.name, /^[\w-]+$/);
      assert.deepEqual(t.inputSchema, inputSchema(id, 'vscode'), `${t.name}: run the generator or copy the schema from src/core/agent/tools.ts`);
      assert.equal(t.modelDescription, modelDescription(id, 'vscode'));
      assert.match(t.displayName, /^%tool\.\w+\.displayName%$/);
    }
    assert.deepEqual(manifest.contributes.mcpServerDefinitionProviders, [{ id: 'generatorYoutube.mcp', label: 'Generator YouTube' }]);
    assert.equal(manifest.enabledApiProposals, undefined, 'the shipped manifest never uses proposed APIs');
  });

  it('every string the VS Code tools translate has a zh-cn entry with the same placeholders', () => {
    const bundle = JSON.parse(fs.readFileSync(path.join(root, 'l10n/bundle.l10n.zh-cn.json'), 'utf8')) as Record<string, string>;
    const dir = path.join(root, 'src/vscode/agents');
    const used: string[] = [];
    for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.ts'))) {
      for (const m of fs.readFileSync(path.join(dir, f), 'utf8').matchAll(/\btr\(\s*'((?:[^'\\]|\\.)*)'/g)) used.push(m[1]!.replace(/\\'/g, "'"));
    }
    assert.ok(used.length >= 20, `found only ${used.length}: the scan is broken`);
    const missing = used.filter((s) => !bundle[s]);
    assert.deepEqual(missing, []);
    const broken = used.filter((s) => (s.match(/\{\d\}/g) ?? []).sort().join() !== (bundle[s]!.match(/\{\d\}/g) ?? []).sort().join());
    assert.deepEqual(broken, []);
  });
});
