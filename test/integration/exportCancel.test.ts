// Cancel Export inside the real extension host (issue 12): the export notification's Cancel and the Render
// Jobs row's "Cancel Export" cancel the render on the backend.
// - Local engine: every test makes its own session and an edit nobody exported before (a title of its own),
//   exported at 2160p 60 fps, so no cached span can finish it early; Cancel is pressed only once the job is
//   "processing" AND its ffmpeg runs (seen in /proc). Then: the job is "cancelled", its ffmpeg is gone, no
//   MP4 and no .part in the engine's renders folder or the exports folder.
// - Scripted cloud on 127.0.0.1 whose job stays "processing" until a cancel arrives; and an older one that
//   answers the cancel with 404: the window stops following, says the backend may still finish it, and the
//   job stays listed; and one that has no such job (404 on the cancel and on its status): said plainly
//   (nothing is running), the row ends with that reason.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { RenderJob, TrackedJob } from '../../src/core';
import type { TestApi } from '../../src/extension';
import { ScriptedServer, scriptBasics, type Scripted } from '../support/scripted-server';
import { activateExtension, config, useLocalEngine, useScriptedCloud, waitFor } from './support/extension';
import { progressWithCancel, recordMessages, stub, type Restore } from './support/stubs';
import { WORKSPACE_MEDIA } from './support/workspace';
import { ffmpegProcessesFor } from '../support/processes';

function workspaceFolder(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'no workspace folder is open');
  return folder.uri.fsPath;
}


function listDir(dir: string): string[] {
  return fs.existsSync(dir) ? fs.readdirSync(dir).sort() : [];
}

/** Quality, resolution, frame rate for "Export Video…": 4K at 60 fps, which no other test exports. */
const LARGE = ['high', '2160p', 60];

describe('Cancel Export (inside VS Code)', function () {
  this.timeout(300_000);
  let api: TestApi;
  const restores: Restore[] = [];

  before(async () => {
    api = await activateExtension<TestApi>();
    await useLocalEngine(api);
  });

  afterEach(() => {
    for (const r of restores.splice(0).reverse()) r();
  });

  after(async () => {
    await config().update('pollIntervalSeconds', undefined, vscode.ConfigurationTarget.Global);
    await config().update('language', undefined, vscode.ConfigurationTarget.Global);
    await waitFor('the reset settings to reach the extension', () => api.services.config.settings.pollIntervalMs !== 2000);
  });

  describe('against the local engine', () => {
    const rendersDir = (): string => path.join(api.services.context.globalStorageUri.fsPath, 'engine', 'renders');
    const outDir = (): string => path.join(workspaceFolder(), 'youtube-exports');

    /** A new session whose draft has a title of its own: its spans are in no cache. */
    async function freshDraft(): Promise<void> {
      const workflow = await api.services.backend.workflow();
      await workflow.newSession();
      await workflow.upload([path.join(workspaceFolder(), WORKSPACE_MEDIA.clip)]);
      for await (const ev of workflow.send('make a video')) void ev;
      for await (const ev of workflow.send(`add the title "Cancel ${Date.now().toString(36)}"`)) void ev;
      const timeline = await api.services.backend.refreshTimeline();
      assert.ok(timeline && timeline.tracks.length > 0, 'the draft has something to export');
    }

    /** The job this test started (not one of the earlier tests'), once it renders with ffmpeg running. */
    function renderingJob(before: ReadonlySet<string>): TrackedJob | undefined {
      return api.renders.trackedJobs().find((j) => !before.has(j.id) && j.status === 'processing' && ffmpegProcessesFor(j.id).length > 0);
    }

    function assertNothingLeft(job: RenderJob, exportsBefore: string[]): void {
      assert.deepEqual(ffmpegProcessesFor(job.id), [], 'no ffmpeg of the cancelled render is left running');
      const leftovers = listDir(rendersDir()).filter((f) => f.startsWith(job.id) && f !== `${job.id}.json`);
      assert.deepEqual(leftovers, [], 'no MP4, .part or work folder of the cancelled render in the engine');
      assert.deepEqual(listDir(outDir()), exportsBefore, 'no new file and no .part in the exports folder');
    }

    it('Cancel on the export notification stops the render on the engine: ffmpeg gone, no file, the job reads Cancelled', async () => {
      await freshDraft();
      const before = new Set(api.renders.trackedJobs().map((j) => j.id));
      const exportsBefore = listDir(outDir());
      const info = recordMessages('showInformationMessage');
      restores.push(info.restore);
      let answers = 0;
      restores.push(stub(vscode.window, 'showQuickPick', (items: Array<vscode.QuickPickItem & { value: unknown }>) => {
        const wanted = LARGE[answers++];
        return Promise.resolve(items.find((i) => i.value === wanted));
      }));
      const progress = progressWithCancel(() => renderingJob(before) !== undefined);
      restores.push(progress.restore);

      const warn = recordMessages('showWarningMessage');
      restores.push(warn.restore);
      const job = await vscode.commands.executeCommand<TrackedJob | undefined>('generatorYoutube.exportWithOptions');
      assert.ok(progress.pressed(), `Cancel was never pressed (the render never ran with ffmpeg); progress: ${progress.messages.join(' | ')}; job: ${JSON.stringify(job)}; picks: ${answers}; warnings: ${JSON.stringify(warn.shown)}`);
      assert.ok(job, `the export returned nothing; progress: ${progress.messages.join(' | ')}`);
      assert.equal(job.status, 'cancelled', JSON.stringify(job));
      assert.ok(info.shown.some((s) => s.message === 'Export cancelled.'), JSON.stringify(info.shown));
      assert.equal(api.renders.jobs().find((j) => j.id === job.id)?.status, 'cancelled', 'stored as cancelled');
      const row = await waitFor('the row to show the cancelled job', () => api.renders.ui!.provider.rows.find((r) => r.id === `render/${job.id}` && r.icon === 'circle-slash'));
      assert.equal(row.description, 'Cancelled');
      assert.ok(!String(row.contextValue).includes('.cancellable'), 'no Cancel on a cancelled job');
      assertNothingLeft(job, exportsBefore);
    });

    it('"Cancel Export" on a running Render Jobs row stops the render on the engine', async () => {
      await freshDraft();
      const before = new Set(api.renders.trackedJobs().map((j) => j.id));
      const exportsBefore = listDir(outDir());
      const info = recordMessages('showInformationMessage');
      restores.push(info.restore);
      // A quiet export (as the chat and agents start one): no notification, the row follows the job.
      const exporting = api.renders.exportCurrent({ quiet: true, output: { format: 'mp4', quality: 'high', resolution: '2160p', fps: 60 } });
      const running = await waitFor('the new job to render with ffmpeg', () => renderingJob(before), 120_000);
      const row = await waitFor('its row to offer Cancel Export', () => api.renders.ui!.provider.rows.find((r) => r.id === `render/${running.id}` && String(r.contextValue).includes('.cancellable')));
      const cancelled = await vscode.commands.executeCommand<TrackedJob | undefined>('generatorYoutube.renderJob.cancel', row);
      assert.ok(cancelled, 'the command returns the job');
      assert.equal(cancelled.id, running.id, 'the job of the row was cancelled');
      assert.equal(cancelled.status, 'cancelled', JSON.stringify(cancelled));
      assert.ok(info.shown.some((s) => s.message === 'Export cancelled.'), JSON.stringify(info.shown));
      await exporting; // the quiet export's runner was stopped by the cancel: it ends without an error
      await waitFor('the row to show it', () => api.renders.ui!.provider.rows.find((r) => r.id === `render/${running.id}` && r.icon === 'circle-slash'));
      assertNothingLeft(cancelled, exportsBefore);
    });
  });

  describe('against a scripted cloud on 127.0.0.1', () => {
    let server: ScriptedServer;
    let restoreBackend: () => Promise<void>;
    /** Jobs the server was asked to cancel: until then it reports them "processing". */
    const cancelled = new Set<string>();
    const STATUS = /^\/api\/render\/proxy\/lambda\/[^/]+$/;
    const CANCEL = /^\/api\/render\/proxy\/lambda\/[^/]+\/cancel$/;
    const idOf = (p: string): string => decodeURIComponent(p.split('/')[5] ?? '');
    const answer = (id: string): Scripted => ({ body: { success: true, data: { id, status: cancelled.has(id) ? 'cancelled' : 'processing', progress: 30 } } });

    before(async () => {
      server = await ScriptedServer.start();
      scriptBasics(server, { t: [{ tt: 0, sg: [{ s: 0, d: 1000 }] }], d: 1000 });
      server.on('POST', '/api/render/proxy/lambda', (r) => answer((r.json as { id: string }).id));
      server.on('GET', STATUS, (r) => answer(idOf(r.path)));
      restoreBackend = await useScriptedCloud(api, server.url);
      const workflow = await api.services.backend.workflow();
      assert.equal(workflow.client.apiUrl, server.url);
    });

    beforeEach(async () => {
      // Each test its own session: one running export per session, and the last test's stays "processing".
      await (await api.services.backend.workflow()).newSession();
    });

    after(async () => {
      await restoreBackend();
      await waitFor('the local backend to apply', () => api.services.config.settings.backend === 'local');
      await server.close();
    });

    it('Cancel on the export notification sends the cancel once for that job; the job ends "cancelled", nothing is downloaded', async () => {
      server.on('POST', CANCEL, (r) => {
        cancelled.add(idOf(r.path));
        // A backend/session change landing while the cancel is on its way disconnects the Render Jobs list
        // (it happened in full runs, from a late settings change): the cancelled job must still come back
        // cancelled, not as the list's stale copy. Fired here, it happens every time.
        api.services.backend.sessionChanged();
        return answer(idOf(r.path));
      });
      const info = recordMessages('showInformationMessage');
      restores.push(info.restore);
      const warn = recordMessages('showWarningMessage');
      restores.push(warn.restore);
      const err = recordMessages('showErrorMessage');
      restores.push(err.restore);
      const polled = server.calls(STATUS, 'GET').length;
      // Pressed once the server has answered a poll with "processing": the job really runs there.
      const progress = progressWithCancel(() => server.calls(STATUS, 'GET').length > polled);
      restores.push(progress.restore);
      const job = await vscode.commands.executeCommand<TrackedJob | undefined>('generatorYoutube.export');
      assert.ok(progress.pressed(), `Cancel was never pressed; progress: ${progress.messages.join(' | ')}`);
      assert.ok(job, 'the export returned the job');
      assert.equal(job.status, 'cancelled', `${JSON.stringify(job)}\n${JSON.stringify([info.shown, warn.shown, err.shown])}\n${server.requests.map((r) => `${r.method} ${r.path}`).join('\n')}`);
      assert.deepEqual(server.calls(CANCEL, 'POST').filter((c) => idOf(c.path) === job.id).map((c) => c.bodyBytes), [0], 'one cancel, no body');
      assert.ok(info.shown.some((s) => s.message === 'Export cancelled.'), JSON.stringify(info.shown));
      assert.equal(server.calls(/\/download|\.mp4$/).length, 0, 'nothing downloaded');
      assert.equal(api.renders.jobs().find((j) => j.id === job.id)?.status, 'cancelled');
    });

    it('[fault] an older server answers the cancel with 404: the window stops following, says the backend may still finish it, and keeps the job listed', async () => {
      server.on('POST', CANCEL, { status: 404, body: { detail: 'Not Found' } });
      const warn = recordMessages('showWarningMessage');
      restores.push(warn.restore);
      const polled = server.calls(STATUS, 'GET').length;
      const exporting = api.renders.exportCurrent({ quiet: true });
      const row = await waitFor('a polled row that offers Cancel Export', () =>
        server.calls(STATUS, 'GET').length > polled && api.renders.ui!.provider.rows.find((r) => String(r.contextValue).includes('.cancellable') && r.icon === 'loading~spin')).catch((e: Error) => {
        throw new Error(`${e.message}; rows: ${JSON.stringify(api.renders.ui!.provider.rows.map((r) => [r.id, r.icon, r.contextValue]))}; requests: ${server.requests.map((r) => `${r.method} ${r.path}`).join(', ')}`);
      });
      const job = await vscode.commands.executeCommand<TrackedJob | undefined>('generatorYoutube.renderJob.cancel', row);
      assert.ok(job);
      assert.equal(`render/${job.id}`, row.id);
      assert.equal(job.status, 'processing', 'the server may still finish it: nothing claims otherwise');
      assert.equal(server.calls(CANCEL, 'POST').filter((c) => idOf(c.path) === job.id).length, 1);
      assert.equal(warn.shown.length, 1, JSON.stringify(warn.shown));
      assert.match(warn.shown[0]!.message, /^Stopped following the export: this server cannot cancel it, so the backend may still finish it\./);
      assert.deepEqual(warn.shown[0]!.buttons, ['Check Status Again']);
      await exporting; // the quiet export's runner was stopped: it ends without an error
      // Still listed, no longer followed in this window: the row waits for "Check Again".
      assert.equal(api.renders.jobs().find((j) => j.id === job.id)?.status, 'processing');
      assert.equal(api.renders.activity.get(job.id)?.active, false, 'no longer followed');
      const paused = await waitFor('the row to show it paused', () => api.renders.ui!.provider.rows.find((r) => r.id === row.id && r.icon === 'debug-pause'));
      assert.ok(String(paused.contextValue).includes('.cancellable'), 'Cancel stays offered: the backend still renders it');
    });

    it('[fault] a job the server does not know (404 on the cancel and on its status): says so plainly, nothing is running, the row ends with that reason', async () => {
      const unknown: Scripted = { status: 404, body: { success: false, error: 'render job not found' } };
      const forgotten = new Set<string>();
      server.on('POST', CANCEL, (r) => {
        forgotten.add(idOf(r.path));
        return unknown;
      });
      server.on('GET', STATUS, (r) => (forgotten.has(idOf(r.path)) ? unknown : answer(idOf(r.path))));
      try {
        const info = recordMessages('showInformationMessage');
        restores.push(info.restore);
        const warn = recordMessages('showWarningMessage');
        restores.push(warn.restore);
        const polled = server.calls(STATUS, 'GET').length;
        const exporting = api.renders.exportCurrent({ quiet: true });
        const row = await waitFor('a polled row that offers Cancel Export', () =>
          server.calls(STATUS, 'GET').length > polled && api.renders.ui!.provider.rows.find((r) => String(r.contextValue).includes('.cancellable') && r.icon === 'loading~spin'));
        const job = await vscode.commands.executeCommand<TrackedJob | undefined>('generatorYoutube.renderJob.cancel', row);
        assert.ok(job);
        const said = `The server has no export ${job.id}: nothing is running there, so there was nothing to cancel.`;
        assert.equal(job.status, 'failed', JSON.stringify(job));
        assert.equal(job.error, said);
        assert.deepEqual(info.shown.map((s) => s.message), [said]);
        assert.equal(warn.shown.length, 0, `never "the backend may still finish it": ${JSON.stringify(warn.shown)}`);
        await exporting;
        const ended = await waitFor('the row to end', () => api.renders.ui!.provider.rows.find((r) => r.id === row.id && !String(r.contextValue).includes('.cancellable')));
        assert.ok(ended, 'Cancel is no longer offered: nothing runs');
      } finally {
        server.on('GET', STATUS, (r) => answer(idOf(r.path)));
      }
    });
  });
});
