// Foundation checks inside the real extension host: the extension activates, the commands declared in
// package.json and the commands registered at activation are the same set, and this really is VS Code 1.100.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { WORKSPACE_MEDIA } from './support/workspace';

const EXTENSION_ID = 'generator-youtube.generator-youtube';

interface Manifest {
  contributes: { commands: { command: string }[]; views: Record<string, { id: string }[]> };
}

function extension(): vscode.Extension<unknown> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is not loaded in this extension host`);
  return ext;
}

describe('foundation (inside VS Code)', () => {
  before(async () => {
    const started = performance.now();
    await extension().activate();
    // Recorded, never asserted: the machine is shared and noisy (speed is measured in bench/).
    console.log(`    activation took ${(performance.now() - started).toFixed(1)} ms`);
  });

  it('runs in VS Code 1.100.x', () => {
    assert.match(vscode.version, /^1\.100\./);
  });

  it('activates the extension', () => {
    assert.equal(extension().isActive, true);
  });

  it('registers every command declared in package.json, and declares every command it registers', async () => {
    const manifest = extension().packageJSON as Manifest;
    const declared = manifest.contributes.commands.map((c) => c.command).sort();
    // VS Code itself adds `<viewId>.focus`, `<viewId>.resetViewLocation`, … for each contributed view.
    const viewIds = Object.values(manifest.contributes.views).flat().map((v) => `${v.id}.`);
    const registered = (await vscode.commands.getCommands(true))
      .filter((c) => c.startsWith('generatorYoutube.'))
      .filter((c) => !viewIds.some((prefix) => c.startsWith(prefix)))
      .sort();
    assert.ok(declared.length > 0, 'package.json declares no command');
    assert.deepEqual(registered, declared);
  });

  it('opens the media workspace the runner prepared', () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'no workspace folder is open');
    for (const name of Object.values(WORKSPACE_MEDIA)) {
      assert.ok(fs.existsSync(path.join(folder.uri.fsPath, name)), `${name} missing from ${folder.uri.fsPath}`);
    }
  });
});
