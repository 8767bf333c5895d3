// VS Code reloaded during a chat turn (issue 8), inside the real extension host against a scripted cloud on
// 127.0.0.1. A window reload cannot happen inside the test run (it would end the run), so the test leaves
// exactly what a reload leaves — the session in globalState and its transcript persisted with a reply still
// "streaming" — and drives the same load path the panel takes when it comes back (the backend announcing
// the session). The transcript must keep what arrived, offer a status check, and never re-send the message.
// (A render job persisted as "processing" resuming after activation is covered by renders.test.ts.)
import * as assert from 'node:assert/strict';
import { STORE_KEYS } from '../../src/core';
import type { Entry } from '../../src/shared/protocol';
import { CHAT_STORE_KEY, transcriptKey, type StoredTranscript } from '../../src/vscode/chat/store';
import type { ChatController } from '../../src/vscode/contracts';
import type { Services } from '../../src/vscode/services';
import { ok, ScriptedServer, scriptBasics } from '../support/scripted-server';
import { activateExtension, useScriptedCloud, waitFor } from './support/extension';

/** The panel's in-memory transcript and its action handler (private members, read for the assertion). */
interface PanelInternals {
  transcript?: { entries: readonly Entry[] };
  /** The webview → host message entry point (the same path a click in the panel takes). */
  receive?: (raw: unknown) => void;
}

describe('reload during a chat turn (inside VS Code)', function () {
  this.timeout(120_000);
  let services: Services;
  let chat: ChatController;
  let server: ScriptedServer;
  let restoreBackend: () => Promise<void>;

  before(async () => {
    const api = await activateExtension<{ services: Services; chat: ChatController }>();
    services = api.services;
    chat = api.chat;
    server = await ScriptedServer.start();
    scriptBasics(server, { d: 4000, t: [{ tt: 0, d: 4000, m: { name: 'beach clip' }, sg: [{ s: 0, d: 4000 }] }] });
    restoreBackend = await useScriptedCloud(api, server.url);
  });

  after(async () => {
    await restoreBackend();
    await server.close();
  });

  it('[fault] the transcript keeps what arrived, marks the reply interrupted and offers a status check — nothing is re-sent', async () => {
    const wf = await services.backend.workflow();
    const backendKey = wf.client.backendKey;
    const session = { taskId: 'task_reload', sessionId: '5550001112223', createdAt: Date.now() };
    const ctx = services.context;
    // What the window left behind when it reloaded mid-turn.
    await ctx.globalState.update(STORE_KEYS.session(backendKey), session);
    const entries: Entry[] = [
      { kind: 'user', id: 'u1', text: 'add the beach clip with lo-fi music', at: Date.now() - 5000 },
      { kind: 'assistant', id: 'a1', text: 'Adding the beach clip and', progress: ['Editing timeline…'], status: 'streaming', at: Date.now() - 4000 },
    ];
    const stored: StoredTranscript = { session: { backendKey, ...session }, title: 'add the beach clip with lo-fi music', updatedAt: Date.now(), entries };
    const all = { ...(ctx.globalState.get<Record<string, StoredTranscript>>(CHAT_STORE_KEY) ?? {}), [transcriptKey(backendKey, session.sessionId)]: stored };
    await ctx.globalState.update(CHAT_STORE_KEY, all);
    server.on('GET', /^\/api\/state\//, ok({ session_id: session.sessionId, task_id: session.taskId, state: { draft: { d: 4000, t: [{ tt: 0, d: 4000, m: { name: 'beach clip' }, sg: [{ s: 0, d: 4000 }] }] } } }));

    // The panel comes back and loads the session's transcript.
    services.backend.sessionChanged();
    const panel = chat as unknown as PanelInternals;
    assert.ok(panel.transcript, 'the chat controller keeps its transcript in `transcript` (test reads it)');
    const recovered = await waitFor('the stored transcript to be loaded', () => {
      const e = panel.transcript?.entries ?? [];
      return e.some((x) => x.id === 'a1') ? e : undefined;
    });
    const reply = recovered.find((x) => x.id === 'a1');
    assert.ok(reply && reply.kind === 'assistant');
    assert.equal(reply.text, 'Adding the beach clip and', 'what arrived before the reload is kept');
    assert.equal(reply.status, 'interrupted');
    const offer = recovered.find((x) => x.kind === 'notice' && x.action?.id === 'check-status');
    assert.ok(offer && offer.kind === 'notice', `a status check is offered: ${JSON.stringify(recovered)}`);
    assert.equal(server.calls('/run_sse').length, 0, 'the interrupted message is never re-sent');
    assert.equal(chat.busy, false);

    // The user clicks the offer in the panel: the state is fetched, still no /run_sse.
    assert.equal(typeof panel.receive, 'function');
    const before = server.calls(/^\/api\/state\//).length;
    panel.receive!.call(chat, { type: 'entryAction', entryId: offer.id });
    await waitFor('the status check to reach the server', () => server.calls(/^\/api\/state\//).length > before);
    assert.equal(server.calls('/run_sse').length, 0);
  });
});
