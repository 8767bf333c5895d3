// Every Generator YouTube command, run inside the real extension host against the local engine. Only the
// editor's input surfaces are replaced (input boxes, pickers, notifications, openExternal), each for one
// call and restored afterwards; everything behind them is real: the engine on 127.0.0.1, ffmpeg, SecretStorage,
// globalState, the chat panel's transcript and the timeline the backend publishes.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { STORE_KEYS, type Credits, type StoredSession, type Timeline, type UploadedFile } from '../../src/core';
import type { ChatController, RenderController } from '../../src/vscode/contracts';
import type { Services } from '../../src/vscode/services';
import type { CreditsStatusBar } from '../../src/vscode/statusBar/creditsStatusBar';
import { ScriptedServer } from '../support/scripted-server';
import { WORKSPACE_MEDIA } from './support/workspace';
import { config, EXTENSION_ID, waitFor } from './support/extension';

/** What activate() returns for tests (src/extension.ts). */
interface TestApi {
  services: Services;
  chat: ChatController;
  renders: RenderController;
  statusBar: CreditsStatusBar;
}

interface GenerateResult {
  outcome: string;
  exported?: boolean;
}

// ------------------------------------------------------------------ stubbing the editor's input surfaces

type Restore = () => void;

/** Replaces `target[key]` until the returned function is called (works for accessor-free API objects). */
function stub(target: object, key: string, impl: unknown): Restore {
  const own = Object.getOwnPropertyDescriptor(target, key);
  Object.defineProperty(target, key, { value: impl, configurable: true, writable: true, enumerable: true });
  const now = (target as Record<string, unknown>)[key];
  assert.equal(now, impl, `could not replace ${key} on the vscode API object`);
  return () => {
    if (own) Object.defineProperty(target, key, own);
    else delete (target as Record<string, unknown>)[key];
  };
}

/** Runs fn with the stubs in place, restoring them whatever happens. */
async function withStubs<T>(stubs: Array<[object, string, unknown]>, fn: () => Promise<T>): Promise<T> {
  const restores = stubs.map(([t, k, v]) => stub(t, k, v));
  try {
    return await fn();
  } finally {
    for (const r of restores.reverse()) r();
  }
}

/** Records the notifications a command shows; answers each with `answer(message, buttons)`. */
function recorder(answer: (message: string, buttons: string[]) => string | undefined = () => undefined) {
  const shown: Array<{ message: string; buttons: string[] }> = [];
  const fn = (message: string, ...rest: unknown[]): Thenable<string | undefined> => {
    const buttons = rest.filter((r): r is string => typeof r === 'string');
    shown.push({ message, buttons });
    return Promise.resolve(answer(message, buttons));
  };
  return { shown, fn };
}

function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'no workspace folder is open');
  return vscode.Uri.joinPath(folder.uri, name);
}

describe('commands (inside VS Code, local engine)', function () {
  this.timeout(240_000);
  let api: TestApi;

  before(async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is not loaded`);
    api = (await ext.activate()) as TestApi;
    assert.ok(api?.services && api.chat && api.renders && api.statusBar, 'activate() must return { services, chat, renders, statusBar } for tests');
    await config().update('backend', 'local', vscode.ConfigurationTarget.Global);
    await config().update('language', 'en', vscode.ConfigurationTarget.Global);
    await waitFor('the backend setting to reach the extension', () => api.services.config.settings.backend === 'local');
  });

  after(async () => {
    await config().update('language', undefined, vscode.ConfigurationTarget.Global);
    await config().update('showCreditsInStatusBar', undefined, vscode.ConfigurationTarget.Global);
  });

  it('credits shows the balance and puts it in the status bar', async () => {
    const info = recorder();
    const credits = await withStubs([[vscode.window, 'showInformationMessage', info.fn]], async () =>
      vscode.commands.executeCommand<Credits | undefined>('generatorYoutube.credits'));
    assert.ok(credits, 'the command returned no balance');
    assert.equal(typeof credits.available, 'number');
    const line = info.shown.find((s) => /credits available/.test(s.message));
    assert.ok(line, `notifications: ${JSON.stringify(info.shown)}`);
    assert.match(line.message, new RegExp(`^${credits.available} credits available, ${credits.frozen} reserved, ${credits.total} total`));
    assert.match(api.statusBar.text, new RegExp(`\\b${credits.available} credits`));
  });

  it('the status bar follows showCreditsInStatusBar without a reload', async () => {
    await config().update('showCreditsInStatusBar', false, vscode.ConfigurationTarget.Global);
    await waitFor('the setting to apply', () => api.statusBar.visible === false);
    await config().update('showCreditsInStatusBar', true, vscode.ConfigurationTarget.Global);
    await waitFor('the balance to come back', () => api.statusBar.visible && /\d+ credits/.test(api.statusBar.text));
  });

  it('newSession starts a session with a different id', async () => {
    const info = recorder();
    const [first, second] = await withStubs([[vscode.window, 'showInformationMessage', info.fn]], async () => [
      await vscode.commands.executeCommand<StoredSession | undefined>('generatorYoutube.newSession'),
      await vscode.commands.executeCommand<StoredSession | undefined>('generatorYoutube.newSession'),
    ]);
    assert.ok(first && second, 'newSession returned nothing');
    assert.notEqual(first.sessionId, second.sessionId);
    const workflow = await api.services.backend.workflow();
    assert.equal(workflow.session?.sessionId, second.sessionId, 'the workflow does not use the new session');
    assert.ok(info.shown.some((s) => /new session/i.test(s.message)), JSON.stringify(info.shown));
  });

  it('setToken stores the token in SecretStorage under the cloud key; signOut deletes it and keeps the client id', async () => {
    const { context, config: cfg } = api.services;
    const key = STORE_KEYS.token(cfg.settings.apiUrl.replace(/\/+$/, ''));
    const token = `nmv_usr_integration${Date.now()}`;
    let options: vscode.InputBoxOptions | undefined;
    const info = recorder();
    const stored = await withStubs(
      [
        [vscode.window, 'showInputBox', (o: vscode.InputBoxOptions) => ((options = o), Promise.resolve(token))],
        [vscode.window, 'showInformationMessage', info.fn],
      ],
      async () => vscode.commands.executeCommand<boolean>('generatorYoutube.setToken'),
    );
    assert.equal(stored, true);
    assert.equal(options?.password, true, 'the token box must be a password box');
    assert.equal(await context.secrets.get(key), token);
    assert.ok(!info.shown.some((s) => s.message.includes(token)), 'a notification showed the token');
    const clientId = context.globalState.get<string>(STORE_KEYS.clientId);

    const signedOut = await withStubs([[vscode.window, 'showInformationMessage', recorder().fn]], async () =>
      vscode.commands.executeCommand<boolean>('generatorYoutube.signOut'));
    assert.equal(signedOut, true);
    assert.equal(await context.secrets.get(key), undefined);
    assert.equal(context.globalState.get<string>(STORE_KEYS.clientId), clientId, 'sign-out must keep the client id');
  });

  it('[bad-input] setToken refuses blank and spaced tokens and warns on a foreign shape', async () => {
    let validate: vscode.InputBoxOptions['validateInput'];
    await withStubs([[vscode.window, 'showInputBox', (o: vscode.InputBoxOptions) => ((validate = o.validateInput), Promise.resolve(undefined))]], async () =>
      vscode.commands.executeCommand('generatorYoutube.setToken'));
    assert.ok(validate, 'no validateInput');
    assert.equal(typeof (await validate('   ')), 'string');
    assert.equal(typeof (await validate('nmv_usr_has a space')), 'string');
    assert.equal(typeof (await validate('short')), 'string');
    const foreign = await validate('abcdefghijklmnopqrstuvwxyz');
    assert.ok(foreign && typeof foreign === 'object' && foreign.severity === vscode.InputBoxValidationSeverity.Warning, JSON.stringify(foreign));
    assert.equal(await validate('nmv_usr_abcdefghijklmnop'), undefined);
  });

  it('upload sends a picked file into the session', async () => {
    const quickPick = (items: vscode.QuickPickItem[]) => Promise.resolve(items[0]);
    const files = await withStubs(
      [
        [vscode.window, 'showQuickPick', quickPick],
        [vscode.window, 'showOpenDialog', () => Promise.resolve([workspaceFile(WORKSPACE_MEDIA.music)])],
        [vscode.window, 'showInformationMessage', recorder().fn],
      ],
      async () => vscode.commands.executeCommand<UploadedFile[]>('generatorYoutube.upload'),
    );
    assert.equal(files.length, 1, JSON.stringify(files));
    assert.match(files[0]?.filename ?? '', /music/);
  });

  it('[bad-input] upload refuses a link that is not http(s) before anything is sent', async () => {
    let validate: vscode.InputBoxOptions['validateInput'];
    await withStubs(
      [
        [vscode.window, 'showQuickPick', (items: vscode.QuickPickItem[]) => Promise.resolve(items[1])],
        [vscode.window, 'showInputBox', (o: vscode.InputBoxOptions) => ((validate = o.validateInput), Promise.resolve(undefined))],
      ],
      async () => vscode.commands.executeCommand('generatorYoutube.upload'),
    );
    assert.ok(validate);
    assert.equal(typeof (await validate('ftp://example.com/a.mp4')), 'string');
    assert.equal(typeof (await validate('not a link')), 'string');
    assert.equal(await validate('https://example.com/a.mp4'), undefined);
  });

  it('upload takes a link: the engine fetches it from a server on 127.0.0.1', async () => {
    const media = fs.readFileSync(workspaceFile(WORKSPACE_MEDIA.still).fsPath);
    const host = http.createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'image/png', 'Content-Length': media.length }).end(media));
    await new Promise<void>((r) => host.listen(0, '127.0.0.1', () => r()));
    const port = (host.address() as AddressInfo).port;
    try {
      const link = `http://127.0.0.1:${port}/still.png`;
      const files = await withStubs(
        [
          [vscode.window, 'showQuickPick', (items: vscode.QuickPickItem[]) => Promise.resolve(items[1])],
          [vscode.window, 'showInputBox', () => Promise.resolve(link)],
          [vscode.window, 'showInformationMessage', recorder().fn],
        ],
        async () => vscode.commands.executeCommand<UploadedFile[]>('generatorYoutube.upload'),
      );
      assert.equal(files.length, 1, JSON.stringify(files));
      assert.match(files[0]?.filename ?? '', /still/);
    } finally {
      await new Promise<void>((r) => host.close(() => r()));
    }
  });

  it('openInBrowser opens a claim link for the session', async () => {
    const opened: string[] = [];
    const url = await withStubs([[vscode.env, 'openExternal', (u: vscode.Uri) => (opened.push(u.toString(true)), Promise.resolve(true))]], async () =>
      vscode.commands.executeCommand<string | undefined>('generatorYoutube.openInBrowser'));
    assert.ok(url, 'no link');
    assert.match(url, /\/workspace\/claim\?ct=clm_/);
    assert.deepEqual(opened, [url]);
  });

  it('generate on two clips uploads both, streams a reply into the chat and leaves a draft in the timeline', async () => {
    await withStubs([[vscode.window, 'showInformationMessage', recorder().fn]], async () =>
      vscode.commands.executeCommand('generatorYoutube.newSession'));
    const clips = [workspaceFile(WORKSPACE_MEDIA.clip), workspaceFile(WORKSPACE_MEDIA.clip2)];
    const info = recorder(); // answers "Export now" with nothing: the export itself is the renders feature's test
    const result = await withStubs([[vscode.window, 'showInformationMessage', info.fn]], async () =>
      vscode.commands.executeCommand<GenerateResult>('generatorYoutube.generate', clips[0], clips));
    assert.ok(result.outcome === 'text' || result.outcome === 'silent', `turn outcome: ${result.outcome}`);

    const timeline: Timeline | null = api.services.backend.timeline;
    assert.ok(timeline && timeline.tracks.length > 0, `timeline: ${JSON.stringify(timeline?.tracks.length)}`);
    assert.ok(timeline.tracks.some((t) => t.segments.length > 0), 'no track has segments');
    const offer = info.shown.find((s) => s.buttons.includes('Export now'));
    assert.ok(offer, `no "Export now" offer: ${JSON.stringify(info.shown)}`);

    // The chat transcript (kept by the chat panel in globalState per backend + session) has the reply.
    const workflow = await api.services.backend.workflow();
    const sessionId = workflow.session?.sessionId;
    const entries = await waitFor('the transcript to hold the reply', () => {
      const all = api.services.context.globalState.get<Record<string, { entries: Array<{ kind: string; text?: string }> }>>('generatorYoutube.chat.transcripts') ?? {};
      const mine = all[`${workflow.client.backendKey}|${sessionId}`]?.entries ?? [];
      return mine.some((e) => (e.kind === 'assistant' || e.kind === 'summary') && (e.text ?? '').trim().length > 0) ? mine : undefined;
    });
    assert.ok(entries.some((e) => e.kind === 'notice' && /Uploaded 2 file/.test(e.text ?? '')), JSON.stringify(entries.map((e) => e.kind)));
  });

  it('generate on the same clips in the same session asks before spending credits again', async () => {
    const clips = [workspaceFile(WORKSPACE_MEDIA.clip), workspaceFile(WORKSPACE_MEDIA.clip2)];
    const warn = recorder(); // the modal question, answered "cancel"
    const result = await withStubs([[vscode.window, 'showWarningMessage', warn.fn]], async () =>
      vscode.commands.executeCommand<GenerateResult>('generatorYoutube.generate', clips[0], clips));
    assert.equal(result.outcome, 'cancelled');
    assert.ok(warn.shown.some((s) => /already generated/.test(s.message) && s.buttons.includes('Generate again')), JSON.stringify(warn.shown));
  });

  it('showStatus summarises the timeline', async () => {
    const info = recorder();
    const timeline = await withStubs([[vscode.window, 'showInformationMessage', info.fn]], async () =>
      vscode.commands.executeCommand<Timeline | null>('generatorYoutube.showStatus'));
    assert.ok(timeline && timeline.tracks.length > 0);
    assert.ok(info.shown.some((s) => new RegExp(`^Timeline \\(${timeline.tracks.length} tracks?\\)`).test(s.message)), JSON.stringify(info.shown));
  });

  it('[bad-input] generate refuses an unsupported file with one clear sentence and uploads nothing', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '';
    const notes = path.join(folder, 'notes.txt');
    fs.writeFileSync(notes, 'not a video');
    const before = api.services.backend.timeline?.tracks.length;
    const errors = recorder();
    const result = await withStubs([[vscode.window, 'showErrorMessage', errors.fn]], async () =>
      vscode.commands.executeCommand<GenerateResult>('generatorYoutube.generate', vscode.Uri.file(notes), [vscode.Uri.file(notes)]));
    assert.equal(result.outcome, 'error');
    assert.equal(errors.shown.length, 1, JSON.stringify(errors.shown));
    assert.match(errors.shown[0]?.message ?? '', /notes\.txt: This file type is not supported/);
    assert.deepEqual(errors.shown[0]?.buttons, ['Show accepted formats']);
    assert.equal(api.services.backend.timeline?.tracks.length, before);
    fs.rmSync(notes, { force: true });
  });

  it('messages follow generatorYoutube.language without a reload (zh-cn)', async () => {
    await config().update('language', 'zh-cn', vscode.ConfigurationTarget.Global);
    await waitFor('the language to apply', () => api.services.config.settings.language === 'zh');
    const info = recorder();
    await withStubs([[vscode.window, 'showInformationMessage', info.fn]], async () => vscode.commands.executeCommand('generatorYoutube.credits'));
    assert.ok(info.shown.some((s) => /^可用 \d+ 积分，冻结 \d+，共 \d+。/.test(s.message)), JSON.stringify(info.shown));
    await waitFor('the status bar in Chinese', () => /\d+ 积分/.test(api.statusBar.text));
    await config().update('language', 'en', vscode.ConfigurationTarget.Global);
  });

  it('every message the commands and status bar show has a Chinese translation', () => {
    const root = vscode.extensions.getExtension(EXTENSION_ID)?.extensionPath ?? '';
    const bundle = JSON.parse(fs.readFileSync(path.join(root, 'l10n', 'bundle.l10n.zh-cn.json'), 'utf8')) as Record<string, string>;
    const dirs = ['src/vscode/commands', 'src/vscode/statusBar'].map((d) => path.join(root, d));
    const keys = new Set<string>();
    for (const dir of dirs) {
      for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.ts'))) {
        const src = fs.readFileSync(path.join(dir, f), 'utf8');
        for (const m of src.matchAll(/\btr\(\s*'((?:[^'\\]|\\.)*)'/g)) keys.add((m[1] ?? '').replace(/\\'/g, "'"));
      }
    }
    assert.ok(keys.size > 40, `only ${keys.size} messages found`);
    const missing = [...keys].filter((k) => typeof bundle[k] !== 'string' || bundle[k].length === 0);
    assert.deepEqual(missing, []);
  });
});

// The cloud side of credits, against a scripted NemoVideo on 127.0.0.1 (the local engine always has plenty):
// a low balance, a 2001 for an anonymous user, and an unreachable server.
describe('credits against a scripted cloud (127.0.0.1)', function () {
  this.timeout(120_000);
  let api: TestApi;
  let server: ScriptedServer;
  const ANON = 'anon_gyt_integration_7';

  async function useCloud(apiUrl: string): Promise<void> {
    await config().update('backend', 'cloud', vscode.ConfigurationTarget.Global);
    await config().update('apiUrl', apiUrl, vscode.ConfigurationTarget.Global);
    await config().update('webUrl', `${server.url}/web`, vscode.ConfigurationTarget.Global);
    await waitFor('the cloud settings to apply', () => api.services.config.settings.backend === 'cloud' && api.services.config.settings.apiUrl === apiUrl);
  }

  before(async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext);
    api = (await ext.activate()) as TestApi;
    server = await ScriptedServer.start();
    server.on('POST', '/api/auth/anonymous-token', { body: { code: 0, data: { token: 'nmv_usr_scriptedanon42', user_id: ANON, credits: 100 } } });
    await config().update('language', 'en', vscode.ConfigurationTarget.Global);
    await useCloud(server.url);
  });

  after(async () => {
    for (const key of ['apiUrl', 'webUrl', 'language']) await config().update(key, undefined, vscode.ConfigurationTarget.Global);
    await config().update('backend', 'local', vscode.ConfigurationTarget.Global);
    await server.close();
  });

  it('a low balance turns the status bar to a warning and offers Register with ?bind=<anonymous id>', async () => {
    server.on('GET', '/api/credits/balance/simple', { body: { code: 0, data: { available: 3, frozen: 1, total: 4 } } });
    const opened: string[] = [];
    const info = recorder((_m, buttons) => (buttons.includes('Register') ? 'Register' : undefined));
    await withStubs(
      [
        [vscode.window, 'showInformationMessage', info.fn],
        [vscode.env, 'openExternal', (u: vscode.Uri) => (opened.push(u.toString(true)), Promise.resolve(true))],
      ],
      async () => {
        await vscode.commands.executeCommand('generatorYoutube.credits');
        await waitFor('the register link to open', () => opened.length > 0);
      },
    );
    assert.deepEqual(opened, [`${server.url}/web/register?bind=${ANON}`]);
    assert.match(info.shown[0]?.message ?? '', /^3 credits available, 1 reserved, 4 total\. You are using a free anonymous account\. Register/);
    assert.equal(api.statusBar.text, '$(warning) 3 credits');
  });

  it('[fault] 2001 out of credits tells an anonymous user to register, linking ?bind=<anonymous id>', async () => {
    server.on('GET', '/api/credits/balance/simple', { status: 200, body: { code: 2001, message: 'insufficient credits' } });
    const opened: string[] = [];
    const warn = recorder((_m, buttons) => buttons[0]);
    await withStubs(
      [
        [vscode.window, 'showWarningMessage', warn.fn],
        [vscode.env, 'openExternal', (u: vscode.Uri) => (opened.push(u.toString(true)), Promise.resolve(true))],
      ],
      async () => vscode.commands.executeCommand('generatorYoutube.credits'),
    );
    assert.equal(warn.shown.length, 1, JSON.stringify(warn.shown));
    assert.match(warn.shown[0]?.message ?? '', /out of free credits/);
    assert.deepEqual(warn.shown[0]?.buttons, ['Register']);
    assert.deepEqual(opened, [`${server.url}/web/register?bind=${ANON}`]);
    assert.ok(!/2001/.test(warn.shown[0]?.message ?? ''), 'a raw code reached the user');
  });

  it('the status bar says "Connecting…" on a new connection until the first balance arrives', async () => {
    const other = await ScriptedServer.start();
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    other.on('POST', '/api/auth/anonymous-token', { body: { code: 0, data: { token: 'nmv_usr_scriptedother9', user_id: 'anon_other', credits: 100 } } });
    other.on('GET', '/api/credits/balance/simple', async () => {
      await gate; // held until the test has seen "Connecting…"
      return { body: { code: 0, data: { available: 55, frozen: 0, total: 55 } } };
    });
    try {
      await useCloud(other.url); // a new connection: the status bar reconnects by itself
      await waitFor('"Connecting…"', () => api.statusBar.text === '$(sync~spin) Connecting…');
      release();
      await waitFor('the new balance', () => api.statusBar.text === '$(credit-card) 55 credits');
    } finally {
      release();
      await useCloud(server.url);
      await other.close();
    }
  });

  it('[fault] an unreachable server is one sentence with "Try again", and the status bar says credits are unavailable', async () => {
    const closed = await ScriptedServer.start();
    const deadUrl = closed.url;
    await closed.close(); // nothing listens there any more: connection refused
    await useCloud(deadUrl);
    const errors = recorder();
    await withStubs([[vscode.window, 'showErrorMessage', errors.fn]], async () => vscode.commands.executeCommand('generatorYoutube.credits'));
    assert.equal(errors.shown.length, 1, JSON.stringify(errors.shown));
    assert.match(errors.shown[0]?.message ?? '', /^Could not reach the server/);
    assert.deepEqual(errors.shown[0]?.buttons, ['Try again']);
    await api.statusBar.refresh();
    assert.match(api.statusBar.text, /^\$\(debug-disconnect\) Credits$/);
    await useCloud(server.url);
  });
});
