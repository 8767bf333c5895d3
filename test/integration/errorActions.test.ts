// One error action does the same thing wherever the error is shown (issue 13): a command's notification,
// the chat panel's transcript entry and the Render Jobs feature's export notification. Inside the real
// extension host, against a scripted cloud on 127.0.0.1 whose answers carry the failures. Only the
// notifications (their button is "clicked" by answering with its label) and openExternal are replaced,
// each for one step and restored afterwards; the chat entry's button goes through the panel's own
// webview-message entry point, the same path a click in the panel takes.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { STORE_KEYS, summarizeTimeline } from '../../src/core';
import type { Entry } from '../../src/shared/protocol';
import type { ChatController, RenderController } from '../../src/vscode/contracts';
import type { Services } from '../../src/vscode/services';
import { fail, ScriptedServer, scriptBasics } from '../support/scripted-server';
import { activateExtension, useScriptedCloud, waitFor } from './support/extension';
import { stub } from './support/stubs';

interface PanelInternals {
  transcript?: { entries: readonly Entry[]; upsert(entry: Entry): Entry };
  session?: unknown;
  receive?: (raw: unknown) => void;
}

interface Shown {
  kind: 'info' | 'warning' | 'error';
  message: string;
  buttons: string[];
}

/**
 * Records every notification and every page opened while `fn` runs; an error or warning whose buttons
 * include `click` is answered with it (the user presses the error's one button).
 */
async function watch(click: string, fn: () => PromiseLike<unknown>, until: (seen: { shown: Shown[]; opened: string[] }) => boolean): Promise<{ shown: Shown[]; opened: string[] }> {
  const seen = { shown: [] as Shown[], opened: [] as string[] };
  const recorder = (kind: Shown['kind']) => (message: string, ...rest: unknown[]) => {
    const buttons = rest.filter((r): r is string => typeof r === 'string');
    seen.shown.push({ kind, message, buttons });
    return Promise.resolve(kind !== 'info' && buttons.includes(click) ? click : undefined);
  };
  const restores = [
    stub(vscode.window, 'showInformationMessage', recorder('info')),
    stub(vscode.window, 'showWarningMessage', recorder('warning')),
    stub(vscode.window, 'showErrorMessage', recorder('error')),
    stub(vscode.env, 'openExternal', (uri: vscode.Uri) => {
      seen.opened.push(uri.toString(true));
      return Promise.resolve(true);
    }),
  ];
  try {
    await fn();
    await waitFor(`the effect of "${click}"`, () => until(seen), 30_000);
    return seen;
  } finally {
    for (const r of restores.reverse()) r();
  }
}

const DRAFT = { d: 4000, t: [{ tt: 0, d: 4000, m: { name: 'beach clip' }, sg: [{ s: 0, d: 4000 }] }] };

describe('one error action, the same effect from every surface (inside VS Code)', function () {
  this.timeout(180_000);
  let services: Services;
  let chat: ChatController;
  let renders: RenderController;
  let server: ScriptedServer;
  let restoreBackend: () => Promise<void>;

  before(async () => {
    const api = await activateExtension<{ services: Services; chat: ChatController; renders: RenderController }>();
    ({ services, chat, renders } = api);
    server = await ScriptedServer.start();
    scriptBasics(server, DRAFT);
    restoreBackend = await useScriptedCloud(api, server.url);
    // A session with an exportable draft, so Show Status has something to say and Export gets to submit.
    const wf = await services.backend.workflow();
    await services.context.globalState.update(STORE_KEYS.session(wf.client.backendKey), { taskId: 'task_1', sessionId: '1234567890123', createdAt: Date.now() });
    services.backend.sessionChanged();
  });

  after(async () => {
    await restoreBackend();
    await server.close();
  });

  /** The three surfaces, each failing on the same scripted answer and pressing the error's button. */
  const surfaces: Array<{ name: string; press: (label: string) => PromiseLike<unknown> }> = [
    { name: 'a command notification (Credits)', press: () => vscode.commands.executeCommand('generatorYoutube.credits') },
    { name: 'the Render Jobs export notification', press: () => renders.exportCurrent() },
    {
      name: 'the chat panel',
      press: async (label) => {
        const panel = chat as unknown as PanelInternals;
        const before = panel.transcript?.entries.length ?? 0;
        await chat.send('export');
        const entry = [...(panel.transcript?.entries ?? [])].slice(before).find((e) => e.kind === 'error');
        assert.ok(entry && entry.kind === 'error', `the chat shows the error: ${JSON.stringify(panel.transcript?.entries.slice(before))}`);
        assert.equal(entry.action?.label, label, 'the chat entry offers the same button');
        assert.equal(typeof panel.receive, 'function', 'the chat panel takes webview messages through `receive`');
        panel.receive!.call(chat, { type: 'entryAction', entryId: entry.id });
      },
    },
  ];

  it('"Check status" in the chat with no session yet keeps Show Status\'s answer in the chat', async () => {
    const wf = await services.backend.workflow();
    const key = STORE_KEYS.session(wf.client.backendKey);
    const session = services.context.globalState.get(key);
    await services.context.globalState.update(key, undefined);
    services.backend.sessionChanged();
    try {
      const panel = chat as unknown as PanelInternals;
      await waitFor('the chat to follow to "no session"', () => panel.session === undefined);
      // What a turn stopped before the backend opened a session leaves: a notice offering Check status.
      const notice: Entry = { kind: 'notice', id: 'no-session-check', text: 'Stopped listening.', action: { id: 'check-status', label: 'Check status' } };
      panel.transcript!.upsert(notice);
      const answer = /^No session yet\. Right-click a clip/;
      const seen = await watch('Check status', async () => panel.receive!.call(chat, { type: 'entryAction', entryId: notice.id }), () =>
        (panel.transcript?.entries ?? []).some((e) => e.kind === 'notice' && answer.test(e.text)));
      assert.ok(seen.shown.some((x) => x.kind === 'info' && answer.test(x.message)), `Show Status said it as everywhere: ${JSON.stringify(seen.shown)}`);
      assert.equal(server.calls('/run_sse').length, 0, 'no chat message was sent to check the status');
    } finally {
      await services.context.globalState.update(key, session);
      services.backend.sessionChanged();
    }
  });

  for (const surface of surfaces) {
    it(`"Check status" runs Show Status from ${surface.name}`, async () => {
      // Unscripted → HTTP 404 → "bad-response", whose one action is Check status.
      server.on('GET', '/api/credits/balance/simple', { status: 404, body: { code: 404, message: 'gone' } });
      server.on('POST', '/api/render/proxy/lambda', { status: 404, body: { code: 404, message: 'gone' } });
      const expected = summarizeTimeline((await services.backend.refreshTimeline())!, 'en');
      const statesBefore = server.calls(/^\/api\/state\//).length;
      const panel = chat as unknown as PanelInternals;
      const cardsBefore = (panel.transcript?.entries ?? []).filter((e) => e.kind === 'status').length;
      const seen = await watch('Check status', () => surface.press('Check status'), (s) => s.shown.some((x) => x.kind === 'info' && x.message === expected));
      const error = seen.shown.find((x) => x.kind === 'error' || x.kind === 'warning');
      if (surface.name !== 'the chat panel') assert.deepEqual(error?.buttons, ['Check status'], JSON.stringify(seen.shown));
      assert.ok(server.calls(/^\/api\/state\//).length > statesBefore, 'Show Status fetched the state');
      assert.deepEqual(seen.opened, []);
      assert.equal(server.calls('/run_sse').length, 0, 'no chat message was sent to check the status');
      if (surface.name === 'the chat panel') {
        // The chat additionally keeps what the check found in its transcript.
        await waitFor('the status card', () => (panel.transcript?.entries ?? []).filter((e) => e.kind === 'status').length > cardsBefore);
      }
    });

    it(`"Register" opens the same registration page from ${surface.name}`, async () => {
      server.on('GET', '/api/credits/balance/simple', fail(2001, 'insufficient credits'));
      server.on('POST', '/api/render/proxy/lambda', fail(2001, 'insufficient credits'));
      const seen = await watch('Register', () => surface.press('Register'), (s) => s.opened.length > 0);
      assert.deepEqual(seen.opened, [`${services.config.settings.webUrl}/register?bind=anon_1`]);
      if (surface.name !== 'the chat panel') {
        assert.deepEqual(
          seen.shown.filter((x) => x.kind !== 'info').map((x) => [x.kind, x.buttons]),
          [['warning', ['Register']]],
          'out of credits is a warning with the one button',
        );
      }
    });
  }
});
