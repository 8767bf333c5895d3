// The language-model tools inside the real extension host, called the way Copilot agent mode (or any
// extension) calls them: vscode.lm.invokeTool, against the local engine (real ffmpeg). generate → status →
// edit → export produces an MP4; the chat transcript, Timeline and Render Jobs views show what the agent did;
// bad input comes back as a tool error in plain words. Called outside a chat, VS Code would ask for the
// tools' confirmations in a modal dialog; in extension-test mode its dialog service answers "yes" by itself,
// so the confirmations are checked by calling prepareInvocation directly.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TestApi } from '../../src/extension';
import { WORKSPACE_MEDIA } from './support/workspace';
import { activateExtension, config, useLocalEngine, waitFor } from './support/extension';

const NAMES = ['generatorYoutube_generate', 'generatorYoutube_edit', 'generatorYoutube_status', 'generatorYoutube_export', 'generatorYoutube_credits'];

function workspaceFile(name: string): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'no workspace folder is open');
  return path.join(folder.uri.fsPath, name);
}

async function invoke(name: string, input: object): Promise<string> {
  const r = await vscode.lm.invokeTool(name, { input, toolInvocationToken: undefined }, new vscode.CancellationTokenSource().token);
  return r.content.map((p) => (p instanceof vscode.LanguageModelTextPart ? p.value : '')).join('\n');
}

async function toolError(name: string, input: object): Promise<string> {
  try {
    await invoke(name, input);
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
  assert.fail(`${name} accepted ${JSON.stringify(input)}`);
}

describe('agents: language-model tools (vscode.lm.invokeTool, local engine)', function () {
  this.timeout(300_000);
  let api: TestApi;

  before(async () => {
    api = await activateExtension<TestApi>();
    await useLocalEngine(api);
    await (await api.services.backend.workflow()).newSession();
    api.services.backend.sessionChanged();
  });

  after(async () => {
    await config().update('language', undefined, vscode.ConfigurationTarget.Global);
    await config().update('pollIntervalSeconds', undefined, vscode.ConfigurationTarget.Global);
    // A settings change reconnects the backend when it reaches the extension, which can be well after
    // update() resolved: wait for it here (changes arrive in order, so the last one is enough), or the
    // reconnect lands in the middle of the next file's tests (seen: commands' newSession test).
    const seconds = config().inspect<number>('pollIntervalSeconds')?.defaultValue;
    await waitFor('the reset settings to reach the extension', () => api.services.config.settings.pollIntervalMs === (seconds ?? 0) * 1000);
  });

  it('the five tools are registered with their schemas', () => {
    const ours = vscode.lm.tools.filter((t) => NAMES.includes(t.name));
    assert.deepEqual(ours.map((t) => t.name).sort(), [...NAMES].sort());
    const gen = ours.find((t) => t.name === 'generatorYoutube_generate')!;
    assert.deepEqual((gen.inputSchema as { required: string[] }).required, ['files']);
    assert.ok(gen.description.includes('spends credits'), gen.description);
  });

  it('asks before what uploads files or spends credits, and only then', async () => {
    const token = new vscode.CancellationTokenSource().token;
    const clip = workspaceFile(WORKSPACE_MEDIA.clip);
    const gen = await api.agents.tools.generate.prepareInvocation!({ input: { files: [clip] } }, token);
    assert.match(gen?.confirmationMessages?.title ?? '', /^Generator YouTube: upload 1 file\(s\) and generate a video\?$/);
    const message = gen?.confirmationMessages?.message;
    assert.match(typeof message === 'string' ? message : (message?.value ?? ''), /clip\.mp4 \(\d+(\.\d+)? [KM]B\) to the local engine on this computer and spends credits/);
    const edit = await api.agents.tools.edit.prepareInvocation!({ input: { instruction: 'trim the first second' } }, token);
    assert.ok(edit?.confirmationMessages, 'edits spend credits: confirmed');
    for (const id of ['status', 'credits', 'export'] as const) {
      const p = await api.agents.tools[id].prepareInvocation!({ input: {} }, token);
      assert.equal(p?.confirmationMessages, undefined, `${id} spends nothing: no confirmation`);
    }
  });

  it('[bad-input] bad input is a tool error in plain words, and nothing is sent', async () => {
    const before = (await api.services.backend.workflow()).session?.sessionId;
    assert.match(await toolError('generatorYoutube_generate', { files: [] }), /^The arguments for generatorYoutube_generate are not valid: files needs at least one/);
    assert.match(await toolError('generatorYoutube_generate', { files: [workspaceFile('missing.mp4')] }), /File not found: .*missing\.mp4/);
    assert.match(await toolError('generatorYoutube_generate', { files: [workspaceFile(WORKSPACE_MEDIA.clip)], aspect: 'wide' }), /aspect must be "16:9", "9:16" or "1:1"/);
    assert.match(await toolError('generatorYoutube_edit', {}), /instruction/);
    assert.match(await toolError('generatorYoutube_export', { outDir: 'relative/folder' }), /^outDir must be an absolute folder path/);
    assert.match(await toolError('generatorYoutube_export', {}), /^Nothing to export yet/);
    assert.equal((await api.services.backend.workflow()).session?.sessionId, before, 'the session is untouched');
  });

  it('generate → status → edit → export: an MP4 on disk, and the chat, Timeline and Render Jobs show it', async () => {
    const clips = [workspaceFile(WORKSPACE_MEDIA.clip), workspaceFile(WORKSPACE_MEDIA.clip2)];
    const generated = await invoke('generatorYoutube_generate', { files: clips, prompt: 'add an intro titled Agent Made', aspect: '16:9' });
    assert.match(generated, /^Uploaded 2 file\(s\) and asked the editor: "add an intro titled Agent Made, horizontal 16:9 for YouTube"\./);
    assert.match(generated, /The editor replied: Done: .*intro card "Agent Made"/);
    assert.match(generated, /Timeline \(\d+ tracks?\):/);
    // The Timeline view shows the agent's draft.
    const timeline = await waitFor('the Timeline view to show the draft', () => api.services.backend.timeline?.tracks.some((t) => t.segments.length > 0) && api.services.backend.timeline);
    assert.ok(api.timeline.provider.getChildren().length > 0, 'the Timeline view has rows');
    // The chat transcript holds the agent's message and the reply, as if typed.
    const workflow = await api.services.backend.workflow();
    const key = `${workflow.client.backendKey}|${workflow.session?.sessionId}`;
    const entries = await waitFor('the transcript to hold the agent\'s turn', () => {
      const all = api.services.context.globalState.get<Record<string, { entries: Array<{ kind: string; text?: string }> }>>('generatorYoutube.chat.transcripts') ?? {};
      const mine = all[key]?.entries ?? [];
      return mine.some((e) => e.kind === 'assistant' && /Agent Made/.test(e.text ?? '')) ? mine : undefined;
    });
    assert.ok(entries.some((e) => e.kind === 'user' && /^add an intro titled Agent Made/.test(e.text ?? '')), JSON.stringify(entries.map((e) => e.kind)));
    assert.ok(entries.some((e) => e.kind === 'notice' && /An agent uploaded 2 file\(s\)/.test(e.text ?? '')));

    const status = await invoke('generatorYoutube_status', {});
    assert.ok(status.startsWith(`Timeline (${timeline.tracks.length} track`), status);
    assert.match(status, /No exports yet\./);

    const edited = await invoke('generatorYoutube_edit', { instruction: 'trim the first 1 second' });
    assert.match(edited, /The editor replied: Done: Cut the first 1 s/);

    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'gy-agent-export-'));
    const exported = await invoke('generatorYoutube_export', { outDir: out });
    const saved = /saved to (.+\.mp4)\./.exec(exported)?.[1];
    assert.ok(saved && path.dirname(saved) === out && fs.statSync(saved).size > 1000, exported);
    assert.ok(!fs.existsSync(`${saved}.part`));
    // The upload kit written beside it is named in the words and in the data, as the MCP server names it.
    const stem = path.basename(saved, '.mp4');
    assert.match(exported, new RegExp(`upload kit .* is next to it: ${stem.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.youtube\\.json, .*\\.youtube\\.md, .*\\.jpg`), exported);
    const data = JSON.parse(exported.split('\n').pop()!) as { kit?: { files?: { json?: string; md?: string; thumbnails?: string[] } } | null };
    const kitFiles = data.kit?.files;
    assert.ok(kitFiles?.json && kitFiles.md && kitFiles.thumbnails?.length, exported);
    for (const f of [kitFiles.json, kitFiles.md, ...kitFiles.thumbnails]) assert.ok(path.dirname(f) === out && fs.existsSync(f), `${f} is on disk beside the MP4`);
    // The Render Jobs view lists the agent's export with its file.
    const row = await waitFor('the Render Jobs row', () => api.renders.ui!.provider.rows.find((r) => /^renderJob\.completed\.file/.test(r.contextValue) && (r.description ?? '').endsWith(path.basename(saved))));
    assert.equal(row.icon, 'pass');
    const after = await invoke('generatorYoutube_status', {});
    assert.match(after, new RegExp(`completed → ${saved.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));

    const credits = await invoke('generatorYoutube_credits', {});
    assert.match(credits, /^Credits: \d+ available, \d+ reserved, \d+ total\./);
  });

  it('cancelling the agent\'s request: an edit is not sent, and a running export is cancelled on the backend', async () => {
    const workflow = await api.services.backend.workflow();
    const timelineBefore = JSON.stringify((await workflow.refreshState()).raw);
    const cancelled = new vscode.CancellationTokenSource();
    cancelled.cancel();
    // The tool itself (VS Code may not even call a tool whose request is already cancelled).
    const stopped = await Promise.resolve(api.agents.tools.edit.invoke({ input: { instruction: 'make it black and white' }, toolInvocationToken: undefined }, cancelled.token)).then(
      () => 'answered',
      (e: unknown) => (e instanceof Error ? e.message : String(e)),
    );
    assert.match(stopped, /^Stopped before it finished\. What was already done on the server stays; call generatorYoutube_status to see it\.$/);
    assert.equal(JSON.stringify((await workflow.refreshState()).raw), timelineBefore, 'the cancelled edit changed nothing');

    // A quarter-speed timeline at x264's default preset: a render long enough to be caught while it runs.
    assert.match(await invoke('generatorYoutube_edit', { instruction: 'make the whole video 0.25x speed' }), /The editor replied: Done: /);
    const preset = process.env.GENERATOR_YOUTUBE_X264_PRESET;
    delete process.env.GENERATOR_YOUTUBE_X264_PRESET;
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'gy-agent-cancel-'));
    const cts = new vscode.CancellationTokenSource();
    let jobId: string | undefined;
    const sub = api.renders.onDidUpdateJob((j) => {
      if (jobId === undefined && j.status === 'processing') {
        jobId = j.id;
        cts.cancel();
      }
    });
    try {
      // VS Code may reject at once on cancellation or wait for the tool's own answer: either way it ends.
      const answer = await vscode.lm.invokeTool('generatorYoutube_export', { input: { outDir: out }, toolInvocationToken: undefined }, cts.token).then(
        () => 'answered',
        (e: unknown) => (e instanceof Error ? e.message : String(e)),
      );
      assert.notEqual(answer, 'answered');
      assert.ok(jobId, 'the export was rendering when the request was cancelled');
      const job = await waitFor('the export to read "cancelled"', () => api.renders.jobs().find((j) => j.id === jobId && j.status === 'cancelled'));
      assert.equal(job.localPath, undefined);
      assert.deepEqual(fs.readdirSync(out), [], 'nothing was saved');
      assert.match(await invoke('generatorYoutube_status', {}), new RegExp(`${jobId}: cancelled`));
    } finally {
      sub.dispose();
      if (preset !== undefined) process.env.GENERATOR_YOUTUBE_X264_PRESET = preset;
    }
  });
});
