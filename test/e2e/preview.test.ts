// The preview panel as a person uses it, in a real workbench (code-server + Debian Chromium) against the real
// local engine: generate a draft in the chat (upload + the default prompt, what "Generate" does), open
// "Generator YouTube: Preview", and check that the <video> plays (currentTime advances) with decoded audio,
// that the proxy on disk is WebM VP8/Vorbis (ffprobe: Chromium plays more codecs than desktop VS Code),
// that the lanes match the draft's tracks, that clicking a block seeks to its start, and that a chat edit
// (a new title) updates the preview and puts the new text on the timeline. Screenshots: dark, light, zh-cn.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Frame } from 'playwright-core';
import { runCommand, screenshot, useWorkbench, webviewFrame, type Workbench } from './support';

function findFiles(dir: string, name: string, out: string[] = []): string[] {
  for (const e of fs.existsSync(dir) ? fs.readdirSync(dir, { withFileTypes: true }) : []) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) findFiles(p, name, out);
    else if (e.name === name) out.push(p);
  }
  return out;
}

/** The engine's session file (draft with its tracks) inside the extension's global storage. */
function sessionDraft(wb: Workbench): { t: Array<{ tt: number; sg: unknown[] }> } {
  const files = findFiles(wb.server.userDataDir, 'session.json').filter((f) => f.includes(`${path.sep}engine${path.sep}sessions${path.sep}`));
  const newest = files.sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs)[0];
  assert.ok(newest, 'no engine session on disk');
  return (JSON.parse(fs.readFileSync(newest, 'utf8')) as { draft: { t: Array<{ tt: number; sg: unknown[] }> } }).draft;
}

async function dropUris(frame: Frame, uris: string[]): Promise<void> {
  await frame.evaluate((list) => {
    const dt = new DataTransfer();
    dt.setData('text/uri-list', list.join('\r\n'));
    const target = document.getElementById('transcript') ?? document.body;
    for (const type of ['dragenter', 'dragover', 'drop']) target.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: dt }));
  }, uris);
}

async function sendInChat(wb: Workbench, text: string): Promise<void> {
  const chat = await webviewFrame(wb.page, { selector: '#input', timeoutMs: 60_000 });
  const before = await chat.locator('.entry.assistant.done').count();
  await chat.fill('#input', text);
  await chat.press('#input', 'Enter');
  await chat.waitForFunction((n) => document.querySelectorAll('.entry.assistant.done').length > n, before, { timeout: 180_000 });
}

/** The preview webview once its video has a source that is ready to play. */
async function previewFrame(wb: Workbench): Promise<Frame> {
  const frame = await webviewFrame(wb.page, { selector: 'video.video', timeoutMs: 60_000 });
  await frame.waitForFunction(() => {
    const v = document.querySelector('video');
    return !!v && !!v.getAttribute('src') && v.readyState >= 2 && document.querySelector('.status.ready');
  }, undefined, { timeout: 240_000, polling: 250 });
  return frame;
}

/** The preview webview's visual timeline (the chat webview has no such element). */
const PREVIEW_ROOT = 'section.timeline';

/** Waits until no preview webview is left in the workbench (closed editors drop their frames). */
async function waitUntilNoPreview(wb: Workbench): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    // A short query still scans every frame once.
    const open = await webviewFrame(wb.page, { selector: PREVIEW_ROOT, timeoutMs: 300 }).then(() => true, () => false);
    if (!open) return;
    if (Date.now() > deadline) throw new Error('the preview panel did not close');
    await wb.page.waitForTimeout(250);
  }
}

describe('preview panel (code-server, local engine)', function () {
  this.timeout(600_000);
  let preset: string | undefined;
  before(() => {
    preset = process.env.GENERATOR_YOUTUBE_X264_PRESET;
    process.env.GENERATOR_YOUTUBE_X264_PRESET = 'ultrafast';
  });
  after(() => {
    if (preset === undefined) delete process.env.GENERATOR_YOUTUBE_X264_PRESET;
    else process.env.GENERATOR_YOUTUBE_X264_PRESET = preset;
  });
  const settings = { 'generatorYoutube.backend': 'local', 'generatorYoutube.pollIntervalSeconds': 2, 'generatorYoutube.language': 'en' };
  const wb = useWorkbench({ settings, media: true });
  let frame: Frame;

  it('[bad-input] before any session, the panel says what to do with one button (never blank)', async () => {
    await runCommand(wb.page, 'Generator YouTube: Preview');
    frame = await webviewFrame(wb.page, { selector: '.status', timeoutMs: 60_000 });
    await frame.locator('.status.problem', { hasText: 'open the chat' }).waitFor({ timeout: 60_000 });
    assert.equal((await frame.locator('.status .action').textContent())?.trim(), 'Open Chat');
    await frame.locator('.status .action').click();
    await webviewFrame(wb.page, { selector: '#input', timeoutMs: 60_000 });
  });

  it("the chat's own Preview button opens the preview panel", async () => {
    // No preview panel open first, so only the button can have opened the one found afterwards.
    await runCommand(wb.page, 'View: Close All Editors');
    await waitUntilNoPreview(wb);
    await runCommand(wb.page, 'Generator YouTube: Open Chat');
    const chat = await webviewFrame(wb.page, { selector: '#open-preview', timeoutMs: 60_000 });
    assert.equal((await chat.textContent('#open-preview'))?.trim(), 'Preview');
    await chat.click('#open-preview');
    const preview = await webviewFrame(wb.page, { selector: PREVIEW_ROOT, timeoutMs: 60_000 });
    // Before any draft it shows its status line (never a blank panel), as the palette command does.
    await preview.locator('.status').waitFor({ timeout: 60_000 });
  });

  it('after generating a draft, the preview plays the WebM VP8/Vorbis proxy with sound', async () => {
    const chat = await webviewFrame(wb.page, { selector: '#input', timeoutMs: 60_000 });
    await dropUris(chat, ['clip.mp4', 'clip2.mp4'].map((n) => pathToFileURL(path.join(wb.workspace, n)).toString()));
    await chat.locator('.entry.upload.done', { hasText: 'clip2.mp4' }).waitFor({ timeout: 120_000 });
    await sendInChat(wb, 'generate a YouTube-ready video with intro, cuts, and outro');
    await runCommand(wb.page, 'Generator YouTube: Preview');
    frame = await previewFrame(wb);

    const proxies = findFiles(wb.server.userDataDir, 'proxy.webm');
    assert.ok(proxies.length >= 1, 'no proxy.webm in the extension storage');
    const probe = spawnSync('ffprobe', ['-v', 'error', '-show_entries', 'stream=codec_name,width,height:format=format_name', '-of', 'json', proxies[0]], { encoding: 'utf8' });
    const info = JSON.parse(probe.stdout) as { streams: Array<{ codec_name: string; width?: number; height?: number }>; format: { format_name: string } };
    assert.deepEqual(info.streams.map((s) => s.codec_name).sort(), ['vorbis', 'vp8']);
    assert.match(info.format.format_name, /webm/);
    assert.ok(Math.min(...info.streams.filter((s) => s.width).map((s) => Math.min(s.width ?? 0, s.height ?? 0))) <= 360);

    await frame.locator('button.play').click();
    await frame.waitForFunction(() => {
      const v = document.querySelector('video') as HTMLVideoElement & { webkitAudioDecodedByteCount?: number };
      return v.currentTime > 0.5 && (v.webkitAudioDecodedByteCount ?? 0) > 0;
    }, undefined, { timeout: 60_000 });
    const played = await frame.evaluate(() => {
      const v = document.querySelector('video') as HTMLVideoElement & { webkitAudioDecodedByteCount?: number };
      v.pause();
      return { t: v.currentTime, audio: v.webkitAudioDecodedByteCount ?? 0 };
    });
    console.log(`      played to ${played.t.toFixed(2)} s, ${played.audio} bytes of audio decoded`);
    await screenshot(wb.page, 'preview-dark');
  });

  it('has one lane per track with a block per segment, and clicking a block seeks to its start (±0.2 s)', async () => {
    const draft = sessionDraft(wb);
    const kindOf = (tt: number) => (tt === 0 ? 'video' : tt === 1 ? 'audio' : tt === 7 ? 'text' : 'other');
    const lanes = await frame.$$eval('.lane', (els) => els.map((e) => ({ kind: /lane-(\w+)/.exec(e.className)?.[1], blocks: e.querySelectorAll('.block').length })));
    assert.deepEqual(lanes, draft.t.map((t) => ({ kind: kindOf(t.tt), blocks: t.sg.length })));
    const blocks = frame.locator('.lane-video .block');
    const target = blocks.nth((await blocks.count()) - 1);
    const start = Number(await target.getAttribute('data-start-ms')) / 1000;
    assert.ok(start > 0.5, `the last video block starts at ${start} s`);
    await target.click();
    await frame.waitForFunction(() => !(document.querySelector('video') as HTMLVideoElement).seeking, undefined, { timeout: 10_000 });
    const at = await frame.evaluate(() => (document.querySelector('video') as HTMLVideoElement).currentTime);
    assert.ok(Math.abs(at - start) <= 0.2, `seeked to ${at} s, block starts at ${start} s`);
    // Keyboard: → steps one second forward.
    await frame.locator('.timeline').click({ position: { x: 2, y: 2 } });
    await frame.locator('body').press('ArrowLeft');
    const stepped = await frame.evaluate(() => (document.querySelector('video') as HTMLVideoElement).currentTime);
    assert.ok(Math.abs(stepped - Math.max(0, at - 1)) <= 0.2, `← from ${at} went to ${stepped}`);
  });

  it('after a chat edit (a new title) the preview updates and the new text is on the timeline', async () => {
    const oldSrc = await frame.getAttribute('video', 'src');
    await sendInChat(wb, 'add title "Sunset Walk" from 1s to 3s');
    frame = await webviewFrame(wb.page, { selector: 'video.video', timeoutMs: 60_000 });
    await frame.locator('.lane-text .block', { hasText: 'Sunset Walk' }).waitFor({ timeout: 60_000 });
    await frame.waitForFunction((src) => document.querySelector('video')?.getAttribute('src') !== src && !!document.querySelector('.status.ready'), oldSrc, { timeout: 240_000, polling: 250 });
  });

  it('follows the light theme and shows its strings in Chinese', async () => {
    await wb.setUserSettings({ theme: 'light', settings });
    await runCommand(wb.page, 'Generator YouTube: Preview');
    frame = await previewFrame(wb);
    await screenshot(wb.page, 'preview-light');
    await wb.setUserSettings({ theme: 'dark', settings: { ...settings, 'generatorYoutube.language': 'zh-cn' } });
    // The palette follows VS Code's display language (English here); the panel follows generatorYoutube.language.
    await runCommand(wb.page, 'Generator YouTube: Preview');
    frame = await previewFrame(wb);
    assert.equal((await frame.textContent('button.play'))?.includes('播放'), true);
    assert.equal(await frame.evaluate(() => document.documentElement.lang), 'zh-CN');
    await frame.locator('.lane-label', { hasText: '视频' }).first().waitFor({ timeout: 10_000 });
    await screenshot(wb.page, 'preview-zh-cn');
  });
});
