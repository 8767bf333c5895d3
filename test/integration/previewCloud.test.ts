// The preview on the cloud backend, inside VS Code against a real scripted cloud HTTP server on 127.0.0.1.
// The cloud has no preview endpoint: the panel plays the session's most recent finished export, transcoded
// on this machine by real ffmpeg into the WebM VP8/Vorbis proxy (checked with ffprobe), and says clearly
// when the draft changed since that export. The export itself is a real MP4 (H.264 + AAC, made by ffmpeg)
// served by the scripted server and downloaded by the extension's own export flow.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { RenderJob } from '../../src/core';
import type { TestApi } from '../../src/extension';
import { ok, ScriptedServer, scriptBasics } from '../support/scripted-server';
import { config, EXTENSION_ID, waitFor } from './support/extension';

const DRAFT = { d: 3000, m: { title: 'Cloud preview', width: 320, height: 180 }, t: [{ tt: 0, d: 3000, m: { name: 'clip' }, sg: [{ src: 'clip.mp4', s: 0, d: 3000 }] }] };
const EDITED = { ...DRAFT, t: [...DRAFT.t, { tt: 7, d: 3000, m: { name: 'Title' }, sg: [{ s: 0, e: 1500, m: { text: 'Added after the export' } }] }] };

function ffprobeStreams(file: string): { codecs: string[]; format: string } {
  const r = spawnSync('ffprobe', ['-v', 'error', '-show_entries', 'stream=codec_name:format=format_name', '-of', 'json', file], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const info = JSON.parse(r.stdout) as { streams: Array<{ codec_name: string }>; format: { format_name: string } };
  return { codecs: info.streams.map((s) => s.codec_name).sort(), format: info.format.format_name };
}

describe('preview on the cloud backend: the last finished export as a local proxy (scripted server on 127.0.0.1)', function () {
  this.timeout(300_000);
  let api: TestApi;
  let server: ScriptedServer;
  let tmp: string;
  let draft: unknown = DRAFT;
  const restores: Array<() => void> = [];
  const settingsBefore: Record<string, unknown> = {};
  const SETTINGS = ['backend', 'apiUrl', 'language', 'pollIntervalSeconds', 'uploadKit', 'ffmpegPath'];

  before(async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is not loaded`);
    api = (await ext.activate()) as TestApi;
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gy-preview-cloud-'));
    const mp4 = path.join(tmp, 'final.mp4');
    const made = spawnSync('ffmpeg', ['-loglevel', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=320x180:rate=30:duration=3', '-f', 'lavfi', '-i', 'sine=f=440:d=3',
      '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-shortest', mp4]);
    assert.equal(made.status, 0, String(made.stderr));

    server = await ScriptedServer.start();
    scriptBasics(server, DRAFT);
    // The state answers whatever the draft is now (the test edits it after the export).
    server.on('GET', /^\/api\/state\//, () => ok({ session_id: '1234567890123', task_id: 'task_1', state: { draft } }));
    server.on('POST', '/api/render/proxy/lambda', (r) => ({ body: { success: true, data: { id: (r.json as { id: string }).id, status: 'pending', progress: 0 } } }));
    server.on('GET', /^\/api\/render\/proxy\/lambda\/[^/]+$/, { body: { status: 'completed', progress: 100, output: { url: `${server.url}/files/final.mp4` } } });
    server.on('GET', '/files/final.mp4', { body: fs.readFileSync(mp4) });

    for (const k of SETTINGS) settingsBefore[k] = config().inspect(k)?.globalValue;
    await config().update('apiUrl', server.url, vscode.ConfigurationTarget.Global);
    await config().update('backend', 'cloud', vscode.ConfigurationTarget.Global);
    await config().update('language', 'en', vscode.ConfigurationTarget.Global);
    await config().update('pollIntervalSeconds', 2, vscode.ConfigurationTarget.Global);
    // The upload kit is another feature (it would run after the download): not needed to preview.
    await config().update('uploadKit', false, vscode.ConfigurationTarget.Global);
    await waitFor('the cloud settings to apply', () => {
      const s = api.services.config.settings;
      return s.backend === 'cloud' && s.apiUrl === server.url && s.language === 'en' && s.pollIntervalMs === 2000;
    });
    const workflow = await api.services.backend.workflow();
    assert.equal(workflow.client.apiUrl, server.url);
    await workflow.newSession();
  });

  afterEach(() => {
    for (const r of restores.splice(0).reverse()) r();
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const k of SETTINGS) await config().update(k, settingsBefore[k], vscode.ConfigurationTarget.Global);
    await server.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  /** Runs the real export command with its notifications answered by nobody (they would wait for a click). */
  async function exportNow(): Promise<RenderJob> {
    const info = vscode.window.showInformationMessage;
    (vscode.window as { showInformationMessage: unknown }).showInformationMessage = () => Promise.resolve(undefined);
    restores.push(() => {
      (vscode.window as { showInformationMessage: unknown }).showInformationMessage = info;
    });
    const job = await vscode.commands.executeCommand<RenderJob | undefined>('generatorYoutube.export');
    assert.ok(job?.localPath && job.status === 'completed', `export: ${JSON.stringify(job)}`);
    return job;
  }

  it('plays the last export as a WebM VP8/Vorbis proxy made by local ffmpeg, then says when the draft changed since', async () => {
    const job = await exportNow();
    assert.equal(server.calls('/files/final.mp4').length, 1, 'the export was downloaded from the scripted server');
    await vscode.commands.executeCommand('generatorYoutube.preview');
    const ready = await waitFor('the preview of the export', () => {
      const s = api.preview.state;
      return s.status.phase === 'ready' && s.media ? s : undefined;
    }, 120_000);
    assert.match(ready.status.text ?? '', /^Showing the export of /);
    assert.doesNotMatch(ready.status.text ?? '', /changed since/);
    assert.ok(ready.media?.filmstrip && ready.media.peaks, 'filmstrip and waveform from the transcode');
    const proxy = path.join(api.preview.root.fsPath, ready.media.key, 'proxy.webm');
    assert.ok(fs.existsSync(proxy), `no proxy at ${proxy}`);
    const probed = ffprobeStreams(proxy);
    assert.deepEqual(probed.codecs, ['vorbis', 'vp8']);
    assert.match(probed.format, /webm/);
    assert.deepEqual(ffprobeStreams(job.localPath!).codecs, ['aac', 'h264'], 'the export itself is the MP4 the server served');
    // No preview route was asked for: the cloud has none.
    assert.equal(server.requests.filter((r) => r.path.startsWith('/api/preview')).length, 0);

    // The draft changes on the server (a chat turn elsewhere); the panel follows the new timeline.
    draft = EDITED;
    await api.services.backend.refreshTimeline();
    const stale = await waitFor('the "changed since" line', () => {
      const s = api.preview.state;
      return /changed since/.test(s.status.text ?? '') ? s : undefined;
    }, 60_000);
    assert.match(stale.status.text ?? '', /The timeline changed since: export again to see the changes\./);
    assert.equal(stale.status.phase, 'problem');
    assert.equal(stale.status.action?.id, 'export', 'its one action is Export');
    assert.equal(stale.media?.key, ready.media.key, 'still shows that export (the transcode is reused)');
  });

  it('[bad-input] without ffmpeg it plays the export as is and says sound needs ffmpeg', async () => {
    draft = DRAFT;
    await api.services.backend.refreshTimeline();
    await exportNow();
    await config().update('ffmpegPath', path.join(tmp, 'no-such-ffmpeg'), vscode.ConfigurationTarget.Global);
    await waitFor('the ffmpeg setting to apply', () => api.services.config.settings.ffmpegPath === path.join(tmp, 'no-such-ffmpeg'));
    await vscode.commands.executeCommand('generatorYoutube.preview');
    await api.preview.refresh();
    const s = api.preview.state;
    assert.match(s.status.text ?? '', /sound needs ffmpeg/);
    assert.ok(s.media, 'the export is still shown');
    assert.ok(fs.existsSync(path.join(api.preview.root.fsPath, s.media.key, 'export.mp4')), 'the export is put in the preview folder as is');
  });
});
