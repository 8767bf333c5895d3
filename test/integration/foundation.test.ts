// Foundation checks inside the real extension host: the extension activates, the commands declared in
// package.json and the commands registered at activation are the same set, and this really is VS Code 1.100.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { WORKSPACE_MEDIA } from './support/workspace';
import { EXTENSION_ID } from './support/extension';

interface Manifest {
  contributes: { commands: { command: string }[]; views: Record<string, { id: string }[]> };
}

/**
 * Commands VS Code itself registers for every contributed view (seen in 1.100.3: `<viewId>.open`, `.focus`,
 * `.resetViewLocation`, `.toggleVisibility`, `.removeView`). They are not ours to declare.
 */
const VIEW_COMMAND_SUFFIXES = ['open', 'focus', 'resetViewLocation', 'toggleVisibility', 'removeView'];

function viewGeneratedCommands(manifest: Manifest): string[] {
  const viewIds = Object.values(manifest.contributes.views).flat().map((v) => v.id);
  return viewIds.flatMap((id) => VIEW_COMMAND_SUFFIXES.map((suffix) => `${id}.${suffix}`));
}

function extension(): vscode.Extension<unknown> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is not loaded in this extension host`);
  return ext;
}

describe('foundation (inside VS Code)', () => {
  before(async () => {
    // Activation time is measured by the runner (index.ts) before any test file runs, and printed there.
    await extension().activate();
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
    const generated = new Set(viewGeneratedCommands(manifest));
    const registered = (await vscode.commands.getCommands(true))
      .filter((c) => c.startsWith('generatorYoutube.'))
      .filter((c) => declared.includes(c) || !generated.has(c))
      .sort();
    assert.ok(declared.length > 0, 'package.json declares no command');
    assert.deepEqual(registered, declared);
  });

  it('declares no command id that VS Code already generates for a view (<viewId>.open, .focus, …)', () => {
    const manifest = extension().packageJSON as Manifest;
    const generated = new Set(viewGeneratedCommands(manifest));
    // Same id twice: two handlers, and which one runs depends on registration order (VS Code's "open the
    // view" until we activate, ours after, and then VS Code's own "open view" action is broken).
    const clashes = manifest.contributes.commands.map((c) => c.command).filter((c) => generated.has(c));
    assert.deepEqual(clashes, [], `rename these commands: ${clashes.join(', ')}`);
  });

  it('opens the media workspace the runner prepared', () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'no workspace folder is open');
    for (const name of Object.values(WORKSPACE_MEDIA)) {
      assert.ok(fs.existsSync(path.join(folder.uri.fsPath, name)), `${name} missing from ${folder.uri.fsPath}`);
    }
  });
});
