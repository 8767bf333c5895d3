// The chat panel as a person uses it, in a real workbench (code-server + Debian Chromium) against the real
// local engine: open the panel, attach by drop and by paste (with progress), a refused file, a starter chip
// with a streamed reply, keyboard (Up recalls, Enter sends), credits/status cards, export with the render
// card, screenshots in dark and light, and the transcript replayed after a reload. A second suite points the
// extension at an engine run by the test with a slow "thinking" time, to stop a long turn.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Frame } from 'playwright-core';
import { startEngine, type RunningEngine } from '../../src/engine/server/index';
import { runCommand, screenshot, useWorkbench, waitForBrowserStorage, webviewFrame, type Workbench } from './support';

const OPEN_CHAT = 'Generator YouTube: Open Chat';

async function openChat(wb: Workbench, command = OPEN_CHAT): Promise<Frame> {
  try {
    await runCommand(wb.page, command);
  } catch (err) {
    // Right after a reload, on a loaded 2-core machine, the palette can be slow to list contributed
    // commands: one more try before giving up.
    console.log(`      (palette: ${String(err).split('\n')[0]}; trying once more)`);
    await wb.page.keyboard.press('Escape');
    await runCommand(wb.page, command);
  }
  return webviewFrame(wb.page, { selector: '#input', timeoutMs: 60_000 });
}

/** Simulates what the explorer/OS hands the webview on drop: a text/uri-list. */
async function dropUris(frame: Frame, uris: string[]): Promise<void> {
  await frame.evaluate((list) => {
    const dt = new DataTransfer();
    dt.setData('text/uri-list', list.join('\r\n'));
    const target = document.getElementById('transcript') ?? document.body;
    target.dispatchEvent(new DragEvent('dragenter', { bubbles: true, cancelable: true, dataTransfer: dt }));
    target.dispatchEvent(new DragEvent('dragover', { bubbles: true, cancelable: true, dataTransfer: dt }));
    target.dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: dt }));
  }, uris);
}

/** Records every class list an upload card had, to see the progress state even for a fast upload. */
async function watchUploads(frame: Frame): Promise<void> {
  await frame.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { __uploadStates: string[] }).__uploadStates = seen;
    new MutationObserver(() => {
      for (const card of Array.from(document.querySelectorAll('.entry.upload'))) {
        seen.push(`${card.className}${card.querySelector('.bar') ? ' +bar' : ''}${card.querySelector('[data-action="cancel-upload"]') ? ' +cancel' : ''}`);
      }
    }).observe(document.getElementById('transcript') as Node, { childList: true, subtree: true });
  });
}

async function uploadStates(frame: Frame): Promise<string[]> {
  return frame.evaluate(() => (window as unknown as { __uploadStates: string[] }).__uploadStates);
}

/** Collapses the Timeline and Render Jobs views so the chat gets the side bar's height (for screenshots). */
async function giveChatTheSideBar(wb: Workbench, others: readonly string[] = ['Timeline', 'Render Jobs']): Promise<void> {
  for (const title of others) {
    const header = wb.page.locator('.part.sidebar .pane-header', { hasText: title }).first();
    if ((await header.getAttribute('aria-expanded')) === 'true') await header.click();
  }
  // Wait until the chat webview has actually grown (the split view animates).
  const frame = await webviewFrame(wb.page, { selector: '#input' });
  await frame.waitForFunction(() => window.innerHeight > 500, undefined, { timeout: 15_000 });
  // …and that the conversation followed it down: the latest entry is in view.
  await frame.waitForFunction(() => {
    const sc = document.getElementById('scroll');
    return !!sc && sc.scrollHeight - sc.scrollTop - sc.clientHeight < 4;
  }, undefined, { timeout: 10_000 });
}

/** A title-bar action of the chat view, by its command title. */
function titleAction(wb: Workbench, title: string) {
  return wb.page.locator(`.part.sidebar .pane-header:has(h3.title:text-is("Chat")) .action-label[aria-label^="${title}"]`).first();
}

/** Switches the colour theme live through "Preferences: Color Theme" (no reload, so nothing is lost). */
async function pickTheme(wb: Workbench, label: string): Promise<void> {
  const page = wb.page;
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press('F1');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill('>Preferences: Color Theme');
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Preferences: Color Theme' }).first().click();
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Dark Modern' }).first().waitFor({ timeout: 10_000 });
  await input.fill(label);
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: label }).first().waitFor({ timeout: 10_000 });
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 10_000 });
}

describe('chat panel against the local engine', () => {
  let preset: string | undefined;
  before(() => {
    // Renders in tests use the fastest x264 preset (the engine reads it; code-server inherits our env).
    preset = process.env.GENERATOR_YOUTUBE_X264_PRESET;
    process.env.GENERATOR_YOUTUBE_X264_PRESET = 'ultrafast';
  });
  after(() => {
    if (preset === undefined) delete process.env.GENERATOR_YOUTUBE_X264_PRESET;
    else process.env.GENERATOR_YOUTUBE_X264_PRESET = preset;
  });
  const settings = { 'generatorYoutube.backend': 'local', 'generatorYoutube.pollIntervalSeconds': 2 };
  const wb = useWorkbench({ settings, media: true });
  let frame: Frame;

  it('opens with the greeting, three starters, quick buttons, and the caret in the input', async () => {
    frame = await openChat(wb);
    const chips = (await frame.locator('.greeting .chip').allTextContents()).map((t) => t.trim());
    assert.deepEqual(chips, ['generate my video clips', 'export 1080p MP4', 'generate a YouTube-ready video with intro, cuts, and outro']);
    const quick = (await frame.locator('.quick-row button').allTextContents()).map((t) => t.trim());
    assert.deepEqual(quick, ['Export', 'Credits', 'Status']);
    await frame.waitForFunction(() => document.activeElement?.id === 'input', undefined, { timeout: 10_000 });
    assert.equal(await frame.getAttribute('#transcript', 'aria-live'), 'polite');
  });

  it('attach by drop (text/uri-list from the explorer): the upload shows progress, then "Uploaded"', async () => {
    await watchUploads(frame);
    await dropUris(frame, [pathToFileURL(path.join(wb.workspace, 'clip.mp4')).toString()]);
    await frame.locator('.entry.upload.done', { hasText: 'clip.mp4' }).waitFor({ timeout: 60_000 });
    const states = await uploadStates(frame);
    assert.ok(states.some((s) => /\buploading\b/.test(s) && s.includes('+bar') && s.includes('+cancel')), `upload states seen: ${states.join(' | ')}`);
  });

  it('[bad-input] a dropped file of the wrong type is refused at once with the reason and one action', async () => {
    const bad = path.join(wb.workspace, 'notes.txt');
    fs.writeFileSync(bad, 'not a video');
    await dropUris(frame, [pathToFileURL(bad).toString()]);
    const card = frame.locator('.entry.upload.rejected', { hasText: 'notes.txt' });
    await card.waitFor({ timeout: 30_000 });
    assert.match((await card.textContent()) ?? '', /not supported.*mp4/i);
    await card.locator('button', { hasText: 'Show accepted formats' }).click();
    // The same explanation as from any other surface (ui/errorActions.ts formatsText, issue 13).
    await frame.locator('.entry.notice', { hasText: 'Accepted file types: mp4' }).waitFor({ timeout: 10_000 });
  });

  it('attach by pasting a file link into the input', async () => {
    const uri = pathToFileURL(path.join(wb.workspace, 'clip2.mp4')).toString();
    await frame.evaluate((text) => {
      const dt = new DataTransfer();
      dt.setData('text/plain', text);
      document.getElementById('input')?.dispatchEvent(new ClipboardEvent('paste', { bubbles: true, cancelable: true, clipboardData: dt }));
    }, uri);
    await frame.locator('.entry.upload.done', { hasText: 'clip2.mp4' }).waitFor({ timeout: 60_000 });
    assert.equal(await frame.inputValue('#input'), '', 'the pasted link did not land in the input as text');
  });

  it('a starter chip sends its text and the reply streams in as markdown', async () => {
    // The starters stay until the first message (uploads usually come first).
    await frame.locator('.greeting .chip', { hasText: 'generate a YouTube-ready video with intro, cuts, and outro' }).click();
    await frame.locator('.entry.user', { hasText: 'generate a YouTube-ready video with intro, cuts, and outro' }).waitFor({ timeout: 15_000 });
    const reply = frame.locator('.entry.assistant.done .markdown').last();
    await reply.waitFor({ timeout: 120_000 });
    assert.ok(((await reply.textContent()) ?? '').trim().length > 10, 'the reply has text');
    assert.equal(await frame.isDisabled('#send'), false, 'sending is enabled again after the turn');
    assert.equal(await frame.isHidden('.greeting'), true, 'the greeting gives way to the conversation');
  });

  it('keyboard: Up recalls the last message; Enter sends; credits and status answer as cards', async () => {
    await frame.click('#input');
    await frame.press('#input', 'ArrowUp');
    assert.equal(await frame.inputValue('#input'), 'generate a YouTube-ready video with intro, cuts, and outro');
    await frame.fill('#input', 'credits');
    await frame.press('#input', 'Enter');
    const credits = frame.locator('.entry.card.credits').last();
    await credits.waitFor({ timeout: 30_000 });
    assert.match((await credits.textContent()) ?? '', /Available\s*\d+/);
    assert.equal(await frame.inputValue('#input'), '');
    await frame.locator('.quick-row button', { hasText: 'Status' }).click();
    const status = frame.locator('.entry.card.status').last();
    await status.waitFor({ timeout: 30_000 });
    assert.ok((await status.locator('.tracks li').count()) >= 1, 'the status card lists the tracks');
    assert.equal(await status.locator('button', { hasText: 'Show in Timeline view' }).count(), 1);
  });

  it('export from the panel shows a render card with progress, then Open, Reveal and Copy Link', async function () {
    this.timeout(300_000);
    await frame.locator('.quick-row button', { hasText: 'Export' }).click();
    const card = frame.locator('.entry.card.render').last();
    await card.waitFor({ timeout: 60_000 });
    await frame.locator('.entry.card.render.completed .btn', { hasText: 'Open' }).last().waitFor({ timeout: 240_000 });
    const done = frame.locator('.entry.card.render.completed').last();
    const buttons = (await done.locator(':scope > .actions button').allTextContents()).map((t) => t.trim());
    assert.deepEqual(buttons, ['Open', 'Reveal in File Manager', 'Copy Link']);
    const shown = ((await done.locator('.path').textContent()) ?? '').trim();
    assert.ok(shown.endsWith('.mp4') && fs.existsSync(shown) && fs.statSync(shown).size > 1000, `rendered file: ${shown}`);
    // The upload kit arrives on the card once it is made (right after the download): the thumbnail really
    // decodes in the webview (CSP img-src: the webview resource origin only; the picture is a copy in the
    // extension's storage), the kit's title is shown, and its actions are offered.
    const thumb = done.locator('.kit img.thumb');
    await thumb.waitFor({ timeout: 120_000 });
    await frame.waitForFunction((img) => !!img && (img as HTMLImageElement).complete, await thumb.elementHandle(), { timeout: 30_000 });
    const size = await thumb.evaluate((img) => ({ w: (img as HTMLImageElement).naturalWidth, h: (img as HTMLImageElement).naturalHeight, src: (img as HTMLImageElement).src }));
    assert.deepEqual([size.w, size.h], [1280, 720], `thumbnail ${JSON.stringify(size)}`);
    assert.ok(!size.src.startsWith('data:') && !size.src.includes('youtube-exports'), `served from our storage, not the output folder: ${size.src}`);
    const kit = JSON.parse(fs.readFileSync(shown.replace(/\.mp4$/, '.youtube.json'), 'utf8')) as { title: string };
    assert.equal(((await done.locator('.kit-title').textContent()) ?? '').trim(), kit.title);
    assert.deepEqual((await done.locator('.kit .actions button').allTextContents()).map((t) => t.trim()), ['Copy Title', 'Copy Description', 'Open Upload Kit']);
    await screenshot(wb.page, 'chat-render-card-kit');
  });

  it('uses only theme colours: dark, light and high-contrast screenshots', async () => {
    await giveChatTheSideBar(wb);
    const background = (): Promise<string> => frame.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const dark = await background();
    await screenshot(wb.page, 'chat-panel-dark');
    await pickTheme(wb, 'Light Modern');
    await wb.page.waitForSelector('.monaco-workbench.vs:not(.vs-dark)', { timeout: 30_000 });
    await frame.waitForFunction((d) => getComputedStyle(document.body).backgroundColor !== d, dark, { timeout: 15_000 });
    await screenshot(wb.page, 'chat-panel-light');
    await pickTheme(wb, 'Dark High Contrast');
    await wb.page.waitForSelector('.monaco-workbench.hc-black', { timeout: 30_000 });
    await screenshot(wb.page, 'chat-panel-high-contrast');
    assert.ok(await frame.locator('.entry.card.render.completed').count() >= 1, 'the transcript survived the theme changes');
  });
});

describe('chat panel: stopping a long turn', () => {
  let engine: RunningEngine | undefined;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gy-e2e-slow-engine-'));
  // The engine log: requests ("GET /api/state/… 200 3ms", when a response ends) and "turn <sid>: message received".
  const engineLog: string[] = [];
  before(async () => {
    // The real engine, holding every turn open for 30 s with a heartbeat each second: a "long turn".
    engine = await startEngine({ dataDir, turnDelayMs: 30_000, heartbeatMs: 1_000, log: (line) => engineLog.push(line) });
  });
  /**
   * Sends `text` and waits until the message has reached the engine (it logs each turn on arrival). On a
   * fresh window the first turn also connects (anonymous token, new session); stopping earlier would stop
   * a turn whose message was never sent — the panel then rightly says so instead of "may still finish".
   */
  async function sendLongTurn(frame: Frame, text: string): Promise<void> {
    const from = engineLog.length;
    await frame.fill('#input', text);
    await frame.press('#input', 'Enter');
    await frame.locator('#stop').waitFor({ state: 'visible', timeout: 30_000 });
    const deadline = Date.now() + 30_000;
    while (!engineLog.slice(from).some((l) => /^turn \S+: message received$/.test(l))) {
      assert.ok(Date.now() < deadline, `the turn never reached the engine: ${engineLog.slice(from).join(' | ')}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  after(async function () {
    this.timeout(90_000);
    await engine?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  const slowSettings = (): Record<string, unknown> => ({
    'generatorYoutube.backend': 'cloud',
    'generatorYoutube.apiUrl': engine?.url,
    'generatorYoutube.webUrl': engine?.url,
    'workbench.view.alwaysShowHeaderActions': true,
  });
  const wb = useWorkbench({});

  it('Stop (Escape) stops listening, says the backend may still finish, offers Check status; sending was disabled with the reason', async function () {
    this.timeout(180_000);
    assert.ok(engine);
    await wb.setUserSettings({ settings: slowSettings() });
    const frame = await openChat(wb);
    await sendLongTurn(frame, 'add an intro titled Slow Start');
    assert.equal(await frame.isHidden('#send'), true);
    assert.match((await frame.textContent('#busy-reason')) ?? '', /never sent twice/);
    assert.equal(await frame.isDisabled('.quick-row button >> nth=0'), true, 'quick buttons are disabled during a turn');
    // Enter while busy does not send: the text stays and the reason is repeated.
    await frame.fill('#input', 'export');
    await frame.press('#input', 'Enter');
    assert.equal(await frame.inputValue('#input'), 'export');
    assert.equal(await frame.locator('.entry.user').count(), 1, 'nothing was sent twice');
    await frame.fill('#input', '');
    await frame.press('#input', 'Escape');
    const notice = frame.locator('.entry.notice', { hasText: /may still finish/i }).last();
    await notice.waitFor({ timeout: 30_000 });
    await frame.locator('#send').waitFor({ state: 'visible', timeout: 10_000 });
    assert.equal(await frame.isHidden('#stop'), true);
    await screenshot(wb.page, 'chat-panel-stopped');
    await notice.locator('button', { hasText: 'Check status' }).click();
    // Check status runs Show Status (as from any notification); the chat also keeps the result as a card.
    await frame.locator('.entry.card.status').waitFor({ timeout: 30_000 });
    assert.equal(await frame.locator('.entry.user').count(), 1, 'checking the status sends no message');
  });

  it('New session starts clean; a turn interrupted by a reload shows what arrived and offers a status check, never a re-send; the old session can be reopened (light theme)', async function () {
    this.timeout(240_000);
    assert.ok(engine);
    await wb.setUserSettings({ settings: slowSettings() });
    let frame = await openChat(wb);
    // This test's own earlier session, in a session of its own (an earlier test's stopped turn may still
    // hold the one on screen): a turn stopped while the engine holds it.
    await titleAction(wb, 'New Session').click();
    await frame.locator('.greeting').waitFor({ state: 'visible', timeout: 30_000 });
    await sendLongTurn(frame, 'add an intro titled Reopen Me');
    await frame.press('#input', 'Escape');
    await frame.locator('.entry.notice', { hasText: /may still finish/i }).last().waitFor({ timeout: 30_000 });
    // A new session (the view's title-bar action): the earlier, stopped turn may still be running on the
    // engine for that session, and the panel starts clean.
    await titleAction(wb, 'New Session').click();
    await frame.locator('.greeting').waitFor({ state: 'visible', timeout: 30_000 });
    assert.equal(await frame.locator('#transcript > .entry').count(), 0);
    // The panel saves the message and the waiting reply under the turn's session before the message goes
    // out (the turn makes that session: Workflow.send's beforeSend), so no debounced save is waited for.
    await sendLongTurn(frame, 'add an outro');
    // The extension saved it (globalState) before the message left; the browser keeps globalState in
    // IndexedDB and writes it there a moment later: the reload waits for that write, not for a fixed time.
    await waitForBrowserStorage(wb.page, ['add an outro']);
    await wb.setUserSettings({ theme: 'light', settings: slowSettings() });
    frame = await openChat(wb);
    const notice = frame.locator('.entry.notice', { hasText: /reload interrupted/i });
    await notice.waitFor({ timeout: 30_000 });
    assert.equal(await frame.locator('.entry.user').count(), 1, 'the transcript was replayed and nothing was re-sent');
    assert.equal(await frame.locator('.entry.user', { hasText: 'add an outro' }).count(), 1);
    assert.equal(await frame.isVisible('#send'), true, 'no turn is running after the reload');
    await giveChatTheSideBar(wb);
    await screenshot(wb.page, 'chat-panel-light-after-reload');
    await notice.locator('button', { hasText: 'Check status' }).click();
    await frame.locator('.entry.card.status').last().waitFor({ timeout: 30_000 });
    // The previous session is listed and reopens with its transcript.
    await titleAction(wb, 'Reopen a Previous Chat Session').click();
    const row = wb.page.locator('.quick-input-widget .monaco-list-row', { hasText: 'add an intro titled Reopen Me' });
    await row.waitFor({ timeout: 15_000 });
    assert.equal(await row.count(), 1, 'the earlier session is listed once');
    await row.click();
    await frame.locator('.entry.user', { hasText: 'add an intro titled Reopen Me' }).waitFor({ timeout: 30_000 });
    assert.equal(await frame.locator('.entry.user', { hasText: 'add an outro' }).count(), 0);
  });
});

describe('chat panel in Chinese (code-server --locale zh-cn)', () => {
  const wb = useWorkbench({ locale: 'zh-cn', settings: { 'generatorYoutube.backend': 'local' } });

  it('shows its strings in Chinese and answers in Chinese', async function () {
    this.timeout(180_000);
    const frame = await openChat(wb, 'Generator YouTube: 打开对话');
    const chips = (await frame.locator('.greeting .chip').allTextContents()).map((t) => t.trim());
    assert.deepEqual(chips, ['生成我的视频片段', '导出 1080p MP4', '生成一个带片头、剪辑和片尾的 YouTube 视频']);
    assert.deepEqual((await frame.locator('.quick-row button').allTextContents()).map((t) => t.trim()), ['导出', '积分', '状态']);
    assert.equal(await frame.getAttribute('#send', 'class').then((c) => (c ?? '').includes('primary')), true);
    assert.equal((await frame.textContent('#send'))?.trim(), '发送');
    assert.equal(await frame.evaluate(() => document.documentElement.lang), 'zh-CN');
    await frame.locator('.quick-row button', { hasText: '积分' }).click();
    const card = frame.locator('.entry.card.credits');
    await card.waitFor({ timeout: 60_000 });
    assert.match((await card.textContent()) ?? '', /积分.*可用\s*\d+/s);
    await giveChatTheSideBar(wb, ['时间线', '渲染任务']);
    await screenshot(wb.page, 'chat-panel-zh-cn');
  });
});
