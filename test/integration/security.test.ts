// Security checks inside the real extension host (VS Code 1.100): SecretStorage is the only store of the
// token (globalState never holds it, nor does the output channel's logger pass it), the chat webview's HTML
// carries a strict CSP with a fresh nonce and limited resource roots, and an `apiUrl` in the workspace's own
// .vscode/settings.json cannot redirect the client (and so the token). A scripted cloud on 127.0.0.1
// stands in for the backend.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { STORE_KEYS } from '../../src/core';
import { chatHtml, webviewOptions } from '../../src/vscode/ui/webviewHtml';
import type { ChatController } from '../../src/vscode/contracts';
import type { Services } from '../../src/vscode/services';
import { ScriptedServer, scriptBasics } from '../support/scripted-server';
import { activateExtension, config, EXTENSION_ID, useScriptedCloud, waitFor } from './support/extension';

/** Every globalState value, serialised, to scan for secrets. */
function globalStateDump(context: vscode.ExtensionContext): string {
  return context.globalState
    .keys()
    .map((k) => `${k}=${JSON.stringify(context.globalState.get(k))}`)
    .join('\n');
}

describe('security (inside VS Code)', function () {
  this.timeout(180_000);
  let services: Services;
  let server: ScriptedServer;
  let restoreBackend: () => Promise<void>;

  before(async () => {
    const api = await activateExtension<{ services: Services }>();
    services = api.services;
    server = await ScriptedServer.start();
    scriptBasics(server);
    restoreBackend = await useScriptedCloud(api, server.url);
  });

  after(async () => {
    await restoreBackend();
    await server.close();
  });

  it('[security] after setToken and real calls, the token is in SecretStorage only: not in globalState, not in the log', async () => {
    const token = `nmv_usr_SecretStorageOnly${Date.now()}`;
    const logged: string[] = [];
    const channel = services.channel as unknown as Record<string, unknown>;
    const originals = new Map<string, unknown>();
    for (const level of ['trace', 'debug', 'info', 'warn', 'error', 'appendLine', 'append']) {
      originals.set(level, channel[level]);
      const inner = channel[level] as (...a: unknown[]) => void;
      channel[level] = (...a: unknown[]) => {
        logged.push(a.map(String).join(' '));
        return inner.apply(services.channel, a);
      };
    }
    try {
      const workflow = await services.backend.workflow();
      assert.equal(workflow.client.apiUrl, server.url);
      // Other parts of the extension (status bar, chat) may still be fetching an anonymous token. No quiet
      // period is waited out for them: a late anonymous answer never replaces a token the user set (the core
      // checks the store when the answer arrives; tested deterministically in test/faults/security.test.ts),
      // so the end state asserted below holds whenever they finish.
      await workflow.client.getToken();
      const first = server.requests.length;
      await workflow.client.setToken(token);
      await workflow.newSession();
      await workflow.credits();
      await workflow.refreshState();
      const calls = server.requests.slice(first).filter((r) => r.path !== '/api/auth/anonymous-token');
      assert.ok(calls.filter((r) => r.headers.authorization === `Bearer ${token}`).length >= 3, 'the token was really used');
      assert.equal(await services.context.secrets.get(STORE_KEYS.token(workflow.client.backendKey)), token);
      assert.ok(!globalStateDump(services.context).includes(token), 'globalState holds the token');
      assert.ok(!globalStateDump(services.context).includes(token.slice(-12)), 'globalState holds part of the token');
      assert.ok(!logged.join('\n').includes(token), 'the output channel got the token');
    } finally {
      for (const [level, fn] of originals) channel[level] = fn;
      const wf = await services.backend.workflow();
      await wf.client.forgetToken();
    }
  });

  it('[security] a chat turn with a known token: no webview message, transcript entry or globalState value carries it', async () => {
    const token = `nmv_usr_WebviewNeverSees${Date.now()}`;
    const api = (await vscode.extensions.getExtension(EXTENSION_ID)!.activate()) as { chat: ChatController };
    const panel = api.chat as unknown as { post?: (m: unknown) => void; transcript?: { entries: readonly unknown[] } };
    assert.equal(typeof panel.post, 'function', 'the chat panel posts through `post` (test spies on it)');
    const posted: string[] = [];
    const original = panel.post!;
    panel.post = function (this: unknown, m: unknown) {
      posted.push(JSON.stringify(m));
      return original.call(this, m);
    };
    server.on('POST', '/run_sse', { sse: [{ data: JSON.stringify({ content: { role: 'model', parts: [{ text: 'Made it punchier: cut 2 s of the intro.' }] } }) }] });
    try {
      const workflow = await services.backend.workflow();
      await workflow.client.setToken(token);
      const outcome = await api.chat.send('make it punchy');
      assert.equal(outcome, 'text');
      assert.equal(server.calls('/run_sse').at(-1)?.headers.authorization, `Bearer ${token}`, 'the turn really used the token');
      assert.ok(posted.length > 0 || (panel.transcript?.entries.length ?? 0) > 0, 'the turn produced messages/entries');
      assert.ok(!posted.join('\n').includes(token), 'a webview message carried the token');
      assert.ok(!JSON.stringify(panel.transcript?.entries ?? []).includes(token), 'the transcript carries the token');
      // send() resolves after the panel has saved the transcript (runTurn flushes its save): no delay to wait out.
      assert.ok(!globalStateDump(services.context).includes(token), 'globalState holds the token');
    } finally {
      panel.post = original;
      await (await services.backend.workflow()).client.forgetToken();
    }
  });

  it('[security] webview messages that fail validation are dropped and logged; a command: link is never opened', async () => {
    const api = (await vscode.extensions.getExtension(EXTENSION_ID)!.activate()) as { chat: ChatController };
    const panel = api.chat as unknown as { receive?: (raw: unknown) => void };
    assert.equal(typeof panel.receive, 'function', 'the chat panel takes webview messages through `receive` (test calls it)');
    const logger = services.logger as unknown as Record<string, (m: string) => void>;
    const warn = logger.warn!;
    const warnings: string[] = [];
    logger.warn = (m: string) => {
      warnings.push(m);
      warn.call(services.logger, m);
    };
    const opened: string[] = [];
    const env = vscode.env as unknown as Record<string, unknown>;
    const openExternal = Object.getOwnPropertyDescriptor(env, 'openExternal');
    Object.defineProperty(env, 'openExternal', { value: (u: vscode.Uri) => (opened.push(u.toString()), Promise.resolve(true)), configurable: true, writable: true });
    const sseBefore = server.calls('/run_sse').length;
    try {
      const hostile: unknown[] = [
        null,
        'send',
        { type: 'send', text: 42 },
        { type: 'send', text: 'make it punchy', extra: 'smuggled' },
        { type: 'send', text: 'x'.repeat(5_000_000) },
        { type: 'runCommand', command: 'workbench.action.terminal.new' },
        { type: 'openLink', url: 'command:workbench.action.terminal.new' },
        { type: 'openLink', url: 'javascript:alert(1)' },
      ];
      for (const m of hostile) panel.receive!.call(api.chat, m);
      // Each refusal is logged as it is handled (the link ones after an async step): wait for those lines.
      await waitFor('six refusals to be logged', () => warnings.filter((w) => /dropped|refused/i.test(w)).length >= 6, 30_000).catch((e: Error) => {
        throw new Error(`${e.message}; logged: ${JSON.stringify(warnings)}`);
      });
      assert.deepEqual(opened, [], 'nothing was opened');
      assert.equal(server.calls('/run_sse').length, sseBefore, 'no invalid message started a turn');
    } finally {
      logger.warn = warn;
      if (openExternal) Object.defineProperty(env, 'openExternal', openExternal);
      else delete env.openExternal;
    }
  });

  it('[security] the chat webview HTML has a strict CSP: default-src none, nonce\'d script, no unsafe-inline/eval, no connect-src', () => {
    const extensionUri = services.context.extensionUri;
    const panel = vscode.window.createWebviewPanel('generatorYoutube.securityProbe', 'CSP probe', vscode.ViewColumn.Active, webviewOptions(extensionUri));
    try {
      const html = chatHtml(panel.webview, extensionUri, 'en');
      const html2 = chatHtml(panel.webview, extensionUri, 'en');
      const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
      assert.ok(csp, 'a CSP meta tag in the served HTML');
      const directives = new Map(csp.split(';').map((d) => d.trim()).filter(Boolean).map((d) => [d.split(/\s+/)[0]!, d.split(/\s+/).slice(1)] as const));
      assert.deepEqual(directives.get('default-src'), ["'none'"]);
      assert.ok(!/unsafe-inline|unsafe-eval|unsafe-hashes|wasm-unsafe-eval/.test(csp), csp);
      // No wildcard or scheme-only source anywhere (the webview's own cspSource, *.vscode-cdn.net, is fine).
      for (const [name, sources] of directives) {
        for (const src of sources) assert.ok(!['*', 'http:', 'https:', 'blob:', 'filesystem:'].includes(src), `${name} allows ${src}`);
      }
      assert.ok(!(directives.get('script-src') ?? []).some((x) => x === 'data:' || x.includes('vscode-cdn')), 'scripts only by nonce');
      const scriptSrc = directives.get('script-src') ?? [];
      const nonce = /'nonce-([^']+)'/.exec(scriptSrc.join(' '))?.[1];
      assert.ok(nonce && nonce.length >= 16, `script-src with a nonce: ${csp}`);
      assert.ok(!directives.has('connect-src') || (directives.get('connect-src') ?? []).join(' ') === "'none'", 'only the host talks to the backend');
      const scripts = [...html.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1] ?? '');
      assert.ok(scripts.length >= 1 && scripts.every((s) => s.includes(`nonce="${nonce}"`)), 'every script carries the nonce');
      assert.ok(!/\son[a-z]+=/i.test(html), 'no inline event handlers');
      const nonce2 = /'nonce-([^']+)'/.exec(html2)?.[1];
      assert.notEqual(nonce, nonce2, 'a fresh nonce for every page');
      const opts = panel.webview.options;
      assert.equal(opts.enableCommandUris ?? false, false);
      const roots = (opts.localResourceRoots ?? []).map((u) => u.fsPath);
      assert.ok(roots.length > 0, 'localResourceRoots must be set (the default is the whole workspace)');
      for (const r of roots) assert.ok(r.startsWith(extensionUri.fsPath + path.sep), `resource root outside the extension: ${r}`);
      const ws = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
      if (ws) assert.ok(!roots.some((r) => ws.startsWith(r) || r.startsWith(ws)), 'the workspace is not a resource root');
    } finally {
      panel.dispose();
    }
  });

  it('[security] an apiUrl in the workspace\'s .vscode/settings.json does not change the URL the client (and its token) uses', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'no workspace folder is open');
    const evil = await ScriptedServer.start();
    const dir = path.join(folder.uri.fsPath, '.vscode');
    const file = path.join(dir, 'settings.json');
    const had = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
    try {
      scriptBasics(evil);
      fs.mkdirSync(dir, { recursive: true });
      // What a hostile repository would ship: both URLs pointed at a server it controls. The harmless
      // pollIntervalSeconds next to them proves VS Code has read the file.
      fs.writeFileSync(file, JSON.stringify({ 'generatorYoutube.apiUrl': evil.url, 'generatorYoutube.webUrl': evil.url, 'generatorYoutube.pollIntervalSeconds': 7 }, null, 2));
      await waitFor('VS Code to read the workspace settings file', () => config().inspect('pollIntervalSeconds')?.workspaceValue === 7);
      await waitFor('the extension to apply the workspace value it may honour', () => services.config.settings.pollIntervalMs === 7000);
      assert.equal(services.config.settings.apiUrl, server.url, 'the resolved setting ignores the workspace value');
      assert.notEqual(services.config.settings.webUrl, evil.url);
      const workflow = await services.backend.workflow();
      assert.equal(workflow.client.apiUrl, server.url);
      await workflow.credits();
      assert.equal(evil.requests.length, 0, 'nothing (and no token) went to the workspace\'s server');
    } finally {
      if (had === undefined) fs.rmSync(file, { force: true });
      else fs.writeFileSync(file, had);
      await evil.close();
    }
  });
});
