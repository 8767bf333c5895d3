// The upload kit inside the real extension host, against the local engine: an export with a caption file
// next to its clip gets its kit (json, thumbnails, re-timed captions) and the job's rows in Render Jobs;
// Copy Title fills the clipboard; Choose Thumbnail (QuickPick stubbed: pickers are the one fake allowed)
// makes the picked candidate the thumbnail; the captions opened as a document, edited and left unsaved are
// saved and burned in by "Burn Captions In".
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { parseCaptions, parseKit, type RenderJob } from '../../src/core';
import type { TestApi } from '../../src/extension';
import { WORKSPACE_MEDIA } from './support/workspace';
import { activateExtension, config, useLocalEngine, waitFor } from './support/extension';
import { type Restore, stub } from './support/stubs';

describe('the upload kit in Render Jobs (inside VS Code, local engine)', function () {
  this.timeout(300_000);
  let api: TestApi;
  let job: RenderJob;
  const restores: Restore[] = [];

  before(async () => {
    api = await activateExtension<TestApi>();
    await useLocalEngine(api, () => api.services.config.settings.uploadKit);
    const folder = vscode.workspace.workspaceFolders![0].uri.fsPath;
    const clip = path.join(folder, WORKSPACE_MEDIA.clip);
    // Captions beside the clip, in the clip's own time: one line 0.5–2.5 s.
    fs.writeFileSync(path.join(folder, 'clip.srt'), '1\n00:00:00,500 --> 00:00:02,500\nhello kit\n');
    const workflow = await api.services.backend.workflow();
    await workflow.newSession();
    await workflow.upload([clip]);
    for await (const ev of workflow.send('trim the first 1 second')) void ev;
    await api.services.backend.refreshTimeline();
    restores.push(stub(vscode.window, 'showInformationMessage', () => Promise.resolve(undefined)));
    const done = await vscode.commands.executeCommand<RenderJob | undefined>('generatorYoutube.export');
    assert.ok(done?.localPath && done.status === 'completed', JSON.stringify(done));
    job = done;
  });

  after(async () => {
    for (const r of restores.splice(0).reverse()) r();
    await config().update('pollIntervalSeconds', undefined, vscode.ConfigurationTarget.Global);
    await config().update('language', undefined, vscode.ConfigurationTarget.Global);
  });

  function rows() {
    const row = api.renders.ui!.provider.rows.find((r) => r.id === `render/${job.id}`);
    assert.ok(row, 'the job has a row');
    return { row, kids: row.children };
  }

  it('writes the kit next to the export, with the captions re-timed through the trim, and shows it under the job', async () => {
    const stem = job.localPath!.replace(/\.mp4$/, '');
    const kit = parseKit(fs.readFileSync(`${stem}.youtube.json`, 'utf8'));
    assert.ok(kit, 'the kit json reads back');
    assert.equal(kit.thumbnails.length, 3);
    const cues = parseCaptions(fs.readFileSync(`${stem}.srt`, 'utf8'));
    // 0.5–2.5 s in the clip, its first second trimmed: 0.0–1.5 s in the export.
    assert.deepEqual(cues.map((c) => [c.text, c.start, c.end]), [['hello kit', 0, 1.5]]);
    await waitFor('the kit rows', () => rows().row.children.length > 0);
    const { row, kids } = rows();
    assert.match(row.contextValue, /^renderJob\.completed\.file\.link\.kit$/);
    assert.equal(row.collapsible, 'collapsed');
    assert.deepEqual(kids.map((k) => k.contextValue), [
      'renderKit.thumbnail', 'renderKit.choose', 'renderKit.title', 'renderKit.description', 'renderKit.tags', 'renderKit.chapters', 'renderKit.captions', 'renderKit.burn', 'renderKit.page',
    ]);
    // The thumbnail row opens the picture itself (VS Code's image preview).
    const item = api.renders.ui!.provider.getTreeItem(kids[0]);
    assert.equal(item.command?.command, 'vscode.open');
    assert.equal((item.command?.arguments?.[0] as vscode.Uri).fsPath, `${stem}.jpg`);
  });

  it('Copy Title puts the kit title on the clipboard', async () => {
    const titleRow = rows().kids.find((k) => k.contextValue === 'renderKit.title')!;
    await vscode.env.clipboard.writeText('');
    await vscode.commands.executeCommand('generatorYoutube.kit.copyTitle', titleRow);
    const kit = parseKit(fs.readFileSync(job.localPath!.replace(/\.mp4$/, '.youtube.json'), 'utf8'))!;
    assert.equal(await vscode.env.clipboard.readText(), kit.title);
  });

  it('Choose Thumbnail shows a picture of each candidate and makes the picked one the thumbnail', async () => {
    const stem = job.localPath!.replace(/\.mp4$/, '');
    const third = fs.readFileSync(`${stem}.thumbnail-3.jpg`);
    const first = fs.readFileSync(`${stem}.jpg`);
    let offered: Array<vscode.QuickPickItem & { file: string }> = [];
    restores.push(stub(vscode.window, 'showQuickPick', (items: Array<vscode.QuickPickItem & { file: string }>) => {
      offered = items;
      return Promise.resolve(items[2]);
    }));
    await vscode.commands.executeCommand('generatorYoutube.kit.chooseThumbnail', rows().kids.find((k) => k.contextValue === 'renderKit.choose'));
    assert.equal(offered.length, 3);
    assert.ok(offered.every((o) => o.iconPath instanceof vscode.Uri && fs.existsSync((o.iconPath as vscode.Uri).fsPath)), 'each candidate shows its picture');
    assert.ok(fs.readFileSync(`${stem}.jpg`).equals(third), 'the picked candidate is now <stem>.jpg');
    assert.ok(fs.readFileSync(`${stem}.thumbnail-3.jpg`).equals(first), 'the previous thumbnail stays a candidate');
  });

  it('captions open as a document; an unsaved edit is saved and burned in', async () => {
    const stem = job.localPath!.replace(/\.mp4$/, '');
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(`${stem}.srt`));
    await vscode.window.showTextDocument(doc);
    const edit = new vscode.WorkspaceEdit();
    const at = doc.getText().indexOf('hello kit');
    edit.replace(doc.uri, new vscode.Range(doc.positionAt(at), doc.positionAt(at + 'hello kit'.length)), 'edited line');
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.ok(doc.isDirty);
    await vscode.commands.executeCommand('generatorYoutube.kit.burnCaptions', rows().kids.find((k) => k.contextValue === 'renderKit.captions'));
    assert.ok(!doc.isDirty, 'the edit was saved first');
    assert.match(fs.readFileSync(`${stem}.srt`, 'utf8'), /edited line/);
    const burned = `${stem}.captioned.mp4`;
    assert.ok(fs.existsSync(burned) && fs.statSync(burned).size > 1000);
    await waitFor('the captioned video row', () => rows().kids.some((k) => k.contextValue === 'renderKit.captioned'));
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });
});
