// The language model behind the local planner, inside the real extension host against the local engine.
// The model is a SCRIPTED STAND-IN (test/integration/fixtures/scripted-language-model, a test-only extension
// the runner installs; it answers from a fixed script): no real model can run here. What is checked is the
// extension's side: a request the planner's rules miss is restated, shown, and applied by the planner (the
// timeline really changes); a nonsense answer is refused with a plain message and nothing is applied; with
// no model at all the chat behaves exactly as before (no notice, nothing sent to any model).
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Entry } from '../../src/shared/protocol';
import type { TestApi } from '../../src/extension';
import { WORKSPACE_MEDIA } from './support/workspace';
import { config, EXTENSION_ID, waitFor } from './support/extension';

const STAND_IN = 'Scripted stand-in model (tests only)';

function workspaceFile(name: string): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'no workspace folder is open');
  return path.join(folder.uri.fsPath, name);
}

async function standInModels(): Promise<vscode.LanguageModelChat[]> {
  return (await vscode.lm.selectChatModels()).filter((m) => m.name === STAND_IN);
}

async function requestsSeen(): Promise<string[]> {
  return (await vscode.commands.executeCommand<string[]>('gyScriptedModel.requests')) ?? [];
}

describe('chat: a language model restates what the local planner did not understand (scripted stand-in model)', function () {
  this.timeout(300_000);
  let api: TestApi;

  const entries = (): readonly Entry[] => (api.chat as unknown as { transcript: { entries: readonly Entry[] } }).transcript.entries;
  const durationMs = async (): Promise<number | null> => (await (await api.services.backend.workflow()).refreshState()).durationMs;

  /** Sends one chat message as the panel does and returns the outcome and the entries it added. */
  async function send(text: string): Promise<{ outcome: string; added: Entry[] }> {
    const before = entries().length;
    const outcome = await api.chat.send(text);
    return { outcome, added: entries().slice(before) };
  }

  before(async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is not loaded`);
    api = (await ext.activate()) as TestApi;
    await config().update('backend', 'local', vscode.ConfigurationTarget.Global);
    await waitFor('the local backend setting to reach the extension', () => api.services.config.settings.backend === 'local');
    assert.equal(api.services.backend.lang, 'en', 'the texts below are the English ones (code-server runs in English)');
    await (await api.services.backend.workflow()).newSession();
    api.services.backend.sessionChanged();
    // A timeline to edit: clip.mp4 (3 s) uploaded and a first cut made by the planner's rules.
    assert.equal(await api.chat.send('', { attachments: [workspaceFile(WORKSPACE_MEDIA.clip)] }), 'text');
    assert.equal(await api.chat.send('make it black and white'), 'text');
    assert.equal(await durationMs(), 3000);
  });

  after(async () => {
    await vscode.commands.executeCommand('gyScriptedModel.unregister');
  });

  it('a request the rules miss is restated by the model, shown, and applied by the planner (the timeline changes)', async () => {
    await vscode.commands.executeCommand('gyScriptedModel.register');
    await waitFor('the stand-in model to be selectable', async () => (await standInModels()).length === 1);
    const token = await (await api.services.backend.workflow()).client.getToken();
    const asked = (await requestsSeen()).length;

    const { outcome, added } = await send('shave two secs off the front');

    assert.equal(outcome, 'text');
    const texts = added.map((e) => `${e.kind}: ${'text' in e ? e.text : ''}`);
    // The planner's own answer first, then the one notice (updated in place), then the restated message.
    assert.match(texts[1] ?? '', /^assistant: I did not understand that request/, texts.join('\n'));
    const notice = added.find((e) => e.kind === 'notice');
    assert.ok(notice && notice.kind === 'notice', texts.join('\n'));
    assert.equal(notice.text, `${STAND_IN} (a language model) read your request as:\n- trim the first 2 seconds\nSending that to the local editor, which applies it; the model changes nothing itself.`);
    const users = added.filter((e) => e.kind === 'user').map((e) => (e.kind === 'user' ? e.text : ''));
    assert.deepEqual(users, ['shave two secs off the front', 'trim the first 2 seconds']);
    const reply = added.filter((e) => e.kind === 'assistant').at(-1);
    assert.ok(reply && reply.kind === 'assistant' && reply.text.startsWith('Done: '), texts.join('\n'));
    assert.equal(await durationMs(), 1000, 'the planner applied the restated trim');

    // The model saw the request (and the planner's phrasings), never the token or the draft.
    const seen = (await requestsSeen()).slice(asked);
    assert.equal(seen.length, 1);
    assert.match(seen[0]!, /Request: shave two secs off the front$/);
    assert.ok(!seen[0]!.includes(token), 'the token reached the model');
    assert.ok(!seen[0]!.includes('clip.mp4'), 'the draft or media names reached the model');
  });

  it('a model answering nonsense is refused: a plain message, nothing applied', async () => {
    await waitFor('the stand-in model to be selectable', async () => (await standInModels()).length === 1);
    const before = await durationMs();
    const asked = (await requestsSeen()).length;

    const { outcome, added } = await send('hush the room tone');

    assert.equal(outcome, 'text');
    assert.equal((await requestsSeen()).length, asked + 1, 'the model was asked once');
    const texts = added.map((e) => `${e.kind}: ${'text' in e ? e.text : ''}`);
    const notice = added.find((e) => e.kind === 'notice');
    assert.ok(notice && notice.kind === 'notice', texts.join('\n'));
    assert.equal(notice.text, `${STAND_IN} (a language model) could not restate the request safely (its answer was not something the local editor understands), so nothing was changed. Try one of the phrasings listed above.`);
    assert.deepEqual(added.filter((e) => e.kind === 'user').length, 1, `nothing more was sent:\n${texts.join('\n')}`);
    assert.equal(await durationMs(), before);
  });

  it('Stop while the model is asked (it never answers): "stopped", nothing sent, nothing applied', async () => {
    await waitFor('the stand-in model to be selectable', async () => (await standInModels()).length === 1);
    const before = await durationMs();
    const count = entries().length;
    const panel = api.chat as unknown as { receive(raw: unknown): void };
    // The stand-in never answers a request with "slowly" in it: only Stop (or the 20 s limit) ends the wait.
    const sending = api.chat.send('shave it slowly');
    const asking = await waitFor('the asking notice', () => entries().slice(count).find((e) => e.kind === 'notice' && e.text.startsWith('The local editor did not understand that. Asking ')));
    panel.receive({ type: 'stop' }); // the chat's Stop button, as the webview sends it
    assert.equal(await sending, 'text', 'the first turn had ended normally before the model was asked');
    const added = entries().slice(count);
    const notice = added.find((e) => e.id === asking.id);
    assert.ok(notice && notice.kind === 'notice');
    assert.equal(notice.text, 'Stopped asking the language model. Nothing was changed.');
    assert.equal(added.filter((e) => e.kind === 'user').length, 1, 'nothing more was sent');
    assert.equal(await durationMs(), before);
    assert.equal(api.chat.busy, false);
  });

  it('a model that never answers is given up after its time limit (20 s): a plain message, nothing applied', async () => {
    await waitFor('the stand-in model to be selectable', async () => (await standInModels()).length === 1);
    const before = await durationMs();
    const { outcome, added } = await send('do it slowly');
    assert.equal(outcome, 'text');
    const notice = added.find((e) => e.kind === 'notice');
    assert.ok(notice && notice.kind === 'notice');
    assert.equal(notice.text, `${STAND_IN} (a language model) could not restate the request safely (it did not answer within 20 seconds), so nothing was changed. Try one of the phrasings listed above.`);
    assert.equal(added.filter((e) => e.kind === 'user').length, 1, 'nothing more was sent');
    assert.equal(await durationMs(), before);
  });

  it('with no language model the chat behaves as before: the planner\'s answer, no notice, no model asked', async () => {
    await vscode.commands.executeCommand('gyScriptedModel.unregister');
    await waitFor('the stand-in model to be gone', async () => (await standInModels()).length === 0);
    assert.deepEqual(await vscode.lm.selectChatModels(), [], 'this test needs a host without any language model');
    const before = await durationMs();
    const asked = (await requestsSeen()).length;

    const { outcome, added } = await send('shave two secs off the front');

    assert.equal(outcome, 'text');
    assert.deepEqual(added.map((e) => e.kind), ['user', 'assistant']);
    const reply = added[1];
    assert.ok(reply && reply.kind === 'assistant' && reply.text.startsWith('I did not understand that request, so nothing in it was applied.'), JSON.stringify(reply));
    assert.equal((await requestsSeen()).length, asked);
    assert.equal(await durationMs(), before);
  });
});
