// Exports and the Render Jobs view inside the real extension host, against the local engine (real ffmpeg
// renders, real downloads into the workspace's youtube-exports folder):
// - the export command refuses an empty draft and points to the next step;
// - "Export Video" renders, downloads, and the job appears in the Render Jobs view with its file;
// - a job stored as "processing" (as a closed window leaves it) is resumed by the activation-time entry
//   point and completes;
// - a second export never overwrites the first file.
// Cancel Export (notification and row) has its own file: exportCancel.test.ts.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { STORE_KEYS, type RenderJob } from '../../src/core';
import type { TestApi } from '../../src/extension';
import type { TrackedJob } from '../../src/core';
import { scriptBasics, ScriptedServer } from '../support/scripted-server';
import { WORKSPACE_MEDIA } from './support/workspace';
import { activateExtension, config, useLocalEngine, waitFor } from './support/extension';
import { recordMessages, stub, type Restore } from './support/stubs';

function workspaceFolder(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'no workspace folder is open');
  return folder.uri.fsPath;
}

describe('exports and the render jobs view (inside VS Code, local engine)', function () {
  this.timeout(300_000);
  let api: TestApi;
  const restores: Restore[] = [];

  before(async () => {
    api = await activateExtension<TestApi>();
    assert.ok(api?.renders?.ui, 'activate() must return { renders } with its view for tests');
    // Fast renders and polls: this test waits for real ffmpeg work.
    await useLocalEngine(api);
    // Start from a fresh session with one clip on the timeline.
    const workflow = await api.services.backend.workflow();
    await workflow.newSession();
  });

  afterEach(() => {
    for (const r of restores.splice(0).reverse()) r();
  });

  after(async () => {
    await config().update('pollIntervalSeconds', undefined, vscode.ConfigurationTarget.Global);
    await config().update('language', undefined, vscode.ConfigurationTarget.Global);
  });

  it('[bad-input] refuses to export an empty timeline and points to what to do', async () => {
    const warn = recordMessages('showWarningMessage');
    restores.push(warn.restore);
    const job = await vscode.commands.executeCommand<RenderJob | undefined>('generatorYoutube.export');
    assert.equal(job, undefined, 'nothing was submitted');
    assert.equal(warn.shown.length, 1, JSON.stringify(warn.shown));
    assert.match(warn.shown[0]!.message, /^Nothing to export yet/);
    assert.deepEqual(warn.shown[0]!.buttons, ['Generate from a Clip…', 'Open Chat']);
  });

  it('"Export Video" renders, downloads into youtube-exports, and the job shows in the view with its file', async () => {
    const workflow = await api.services.backend.workflow();
    await workflow.upload([path.join(workspaceFolder(), WORKSPACE_MEDIA.clip)]);
    for await (const ev of workflow.send('trim the first 1 second')) void ev;
    await api.services.backend.refreshTimeline();
    const info = recordMessages('showInformationMessage');
    restores.push(info.restore);
    const updates: RenderJob[] = [];
    const sub = api.renders.onDidUpdateJob((j) => updates.push(j));
    let job: RenderJob | undefined;
    try {
      job = await vscode.commands.executeCommand<RenderJob | undefined>('generatorYoutube.export');
    } finally {
      sub.dispose();
    }
    assert.ok(job, 'the export command returned no job');
    assert.equal(job.status, 'completed', JSON.stringify(job));
    assert.ok(job.localPath, 'downloaded');
    assert.equal(path.dirname(job.localPath), path.join(workspaceFolder(), 'youtube-exports'));
    assert.match(path.basename(job.localPath), /^[\w.-]+-\d{4}-\d\d-\d\d-\d{4}(-\d+)?\.mp4$/);
    assert.ok(fs.statSync(job.localPath).size > 1000, 'the file has content');
    assert.ok(!fs.existsSync(`${job.localPath}.part`), 'no part file left behind');
    assert.ok(updates.some((u) => u.id === job!.id && u.status === 'completed'), 'onDidUpdateJob reported completion');
    // The result notification offers Open / Reveal / Copy link.
    await waitFor('the "Video saved" notification', () => info.shown.find((s) => s.message.startsWith('Video saved:')));
    assert.deepEqual(info.shown.find((s) => s.message.startsWith('Video saved:'))!.buttons, ['Open', 'Reveal', 'Copy Link']);

    const row = api.renders.ui!.provider.rows.find((r) => r.id === `render/${job!.id}`);
    assert.ok(row, `render jobs view rows: ${JSON.stringify(api.renders.ui!.provider.rows.map((r) => r.id))}`);
    assert.equal(row.icon, 'pass');
    assert.match(row.contextValue, /^renderJob\.completed\.file\.link\.kit$/);
    assert.match(row.description ?? '', new RegExp(`${path.basename(job.localPath).replace(/\./g, '\\.')}$`));
    // Stored where the workflow keeps jobs: one source of truth.
    const stored = api.renders.jobs().find((j) => j.id === job!.id);
    assert.equal(stored?.localPath, job.localPath);
  });

  it('a job stored as "processing" before activation is resumed by the startup entry point and completes', async () => {
    const workflow = await api.services.backend.workflow();
    // Submit for real, then leave it exactly as a closed window would: stored as processing, nobody polling.
    const submitted = await workflow.startExport();
    const key = STORE_KEYS.renderJobs(workflow.client.backendKey);
    const memento = api.services.context.globalState;
    const others = (memento.get<TrackedJob[]>(key) ?? []).filter((j) => j.id !== submitted.id);
    await memento.update(key, [{ ...submitted, status: 'processing', progress: 10 }, ...others]);
    assert.ok(!api.renders.jobs().some((j) => j.id === submitted.id && j.status === 'completed'));

    const info = recordMessages('showInformationMessage');
    restores.push(info.restore);
    // The same call activate() schedules with setTimeout(0).
    const resumed = await api.renders.resumeUnfinished();
    const done = resumed.find((j) => j.id === submitted.id);
    assert.ok(done, `resumed: ${JSON.stringify(resumed.map((j) => j.id))}`);
    assert.equal(done.status, 'completed');
    assert.ok(done.localPath && fs.existsSync(done.localPath), 'the resumed job was downloaded');
    const stored = (memento.get<TrackedJob[]>(key) ?? []).find((j) => j.id === submitted.id);
    assert.equal(stored?.status, 'completed');
    assert.equal(stored?.localPath, done.localPath);
    // Finished jobs are never polled again: a second resume has nothing to do.
    const again = await api.renders.resumeUnfinished();
    assert.ok(!again.some((j) => j.id === submitted.id));
  });

  it('a job left under an earlier local-engine port (a restarted engine) is moved to the current one and resumed', async () => {
    const workflow = await api.services.backend.workflow();
    const submitted = await workflow.startExport();
    const currentKey = STORE_KEYS.renderJobs(workflow.client.backendKey);
    const oldKey = STORE_KEYS.renderJobs('http://127.0.0.1:9');
    const memento = api.services.context.globalState;
    // As a previous VS Code run leaves it: the engine then listened on another port.
    await memento.update(currentKey, (memento.get<TrackedJob[]>(currentKey) ?? []).filter((j) => j.id !== submitted.id));
    await memento.update(oldKey, [{ ...submitted, status: 'processing', progress: 5, outputUrl: 'http://127.0.0.1:9/gone.mp4' }]);
    const info = recordMessages('showInformationMessage');
    restores.push(info.restore);
    const resumed = await api.renders.resumeUnfinished();
    const done = resumed.find((j) => j.id === submitted.id);
    assert.ok(done, `resumed: ${JSON.stringify(resumed.map((j) => j.id))}`);
    assert.equal(done.status, 'completed');
    assert.ok(done.localPath && fs.existsSync(done.localPath));
    assert.deepEqual(memento.get<TrackedJob[]>(oldKey), [], 'nothing left to resume under the old port');
    assert.equal((memento.get<TrackedJob[]>(currentKey) ?? []).find((j) => j.id === submitted.id)?.localPath, done.localPath);
  });

  it('"Download again" never overwrites: the second copy gets a -2 style name', async () => {
    const done = api.renders.trackedJobs().find((j) => j.status === 'completed' && j.localPath && fs.existsSync(j.localPath));
    assert.ok(done?.localPath);
    const firstBytes = fs.statSync(done.localPath).size;
    const info = recordMessages('showInformationMessage');
    restores.push(info.restore);
    const row = api.renders.ui!.provider.rows.find((r) => r.id === `render/${done.id}`);
    const again = await vscode.commands.executeCommand<TrackedJob>('generatorYoutube.renderJob.downloadAgain', row);
    assert.ok(again?.localPath);
    assert.notEqual(again.localPath, done.localPath);
    assert.match(path.basename(again.localPath), /-\d+\.mp4$/);
    assert.ok(fs.existsSync(done.localPath), 'the first file is still there');
    assert.equal(fs.statSync(done.localPath).size, firstBytes);
    assert.equal(fs.statSync(again.localPath).size, firstBytes);
  });

  it('"Remove from list" drops the job from the view and from globalState, and keeps the file', async () => {
    const job = api.renders.trackedJobs().find((j) => j.status === 'completed' && j.localPath);
    assert.ok(job?.localPath);
    const row = api.renders.ui!.provider.rows.find((r) => r.id === `render/${job.id}`);
    await vscode.commands.executeCommand('generatorYoutube.renderJob.remove', row);
    assert.ok(!api.renders.ui!.provider.rows.some((r) => r.id === `render/${job.id}`));
    assert.ok(!api.renders.jobs().some((j) => j.id === job.id));
    assert.ok(fs.existsSync(job.localPath), 'the file is not deleted');
  });
  it('"Export Video…" asks quality, resolution and frame rate; "Export again" reuses them with a new id', async () => {
    const info = recordMessages('showInformationMessage');
    restores.push(info.restore);
    const titles: string[] = [];
    const answers = ['medium', '1080p', 30];
    restores.push(
      stub(vscode.window, 'showQuickPick', (items: Array<vscode.QuickPickItem & { value: unknown }>, opts: vscode.QuickPickOptions) => {
        titles.push(opts.title ?? '');
        return Promise.resolve(items.find((i) => i.value === answers[titles.length - 1]));
      }),
    );
    const job = await vscode.commands.executeCommand<TrackedJob | undefined>('generatorYoutube.exportWithOptions');
    assert.equal(titles.length, 3, titles.join(' | '));
    assert.match(titles[0]!, /^Export MP4 \(1\/3\): Quality$/);
    assert.ok(job && job.status === 'completed', JSON.stringify(job));
    const stored = api.renders.trackedJobs().find((j) => j.id === job.id);
    assert.deepEqual(stored?.output, { format: 'mp4', quality: 'medium', resolution: '1080p', fps: 30 });

    const row = api.renders.ui!.provider.rows.find((r) => r.id === `render/${job.id}`);
    const again = await vscode.commands.executeCommand<TrackedJob | undefined>('generatorYoutube.renderJob.retry', row);
    assert.ok(again && again.id !== job.id, 'a new export id');
    assert.equal(again.status, 'completed');
    assert.deepEqual(api.renders.trackedJobs().find((j) => j.id === again.id)?.output, stored?.output);
  });

  describe('with a cloud backend that refuses the export (scripted server on 127.0.0.1)', () => {
    let server: ScriptedServer;

    before(async () => {
      server = await ScriptedServer.start();
      scriptBasics(server, { t: [{ tt: 0, sg: [{ s: 0, d: 1000 }] }], d: 1000 });
      server.on('POST', '/api/render/proxy/lambda', { status: 402, body: { success: false, error: 'Payment Required' } });
      await config().update('apiUrl', server.url, vscode.ConfigurationTarget.Global);
      await config().update('backend', 'cloud', vscode.ConfigurationTarget.Global);
      await waitFor('the cloud settings to apply', () => api.services.config.settings.backend === 'cloud' && api.services.config.settings.apiUrl === server.url);
      const workflow = await api.services.backend.workflow();
      assert.equal(workflow.client.apiUrl, server.url);
      await workflow.newSession();
    });

    after(async () => {
      await config().update('backend', 'local', vscode.ConfigurationTarget.Global);
      await config().update('apiUrl', undefined, vscode.ConfigurationTarget.Global);
      await server.close();
    });

    it('[fault] HTTP 402 for an anonymous token reads as a plan limit that registering lifts: a warning with "Register", not as credits', async () => {
      const err = recordMessages('showWarningMessage');
      restores.push(err.restore);
      const job = await vscode.commands.executeCommand<RenderJob | undefined>('generatorYoutube.export');
      assert.equal(job, undefined);
      await waitFor('the error notification', () => err.shown.length > 0);
      assert.equal(err.shown.length, 1, JSON.stringify(err.shown));
      assert.match(err.shown[0]!.message, /Register to unlock export/);
      assert.doesNotMatch(err.shown[0]!.message, /credit/i);
      assert.deepEqual(err.shown[0]!.buttons, ['Register']);
      assert.equal(server.calls('/api/render/proxy/lambda').length, 1, 'a 402 is not retried');
    });
  });
});
