// What a person sees of the foundation in a real workbench (code-server 4.100.3 + Debian Chromium):
// our activity-bar container and its views, the command in the palette, themes; plus the packaged .vsix
// installed with `--install-extension` the way a user would, and the harness's own webview finder.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  activityBarItem, openActivityContainer, packageVsix, paletteCommands, runCommand, screenshot, sideBarViewTitles,
  useWorkbench, vsceFileList, webviewFrame, WEBVIEW_PROBE_FIXTURE, WEBVIEW_PROBE_ID, EXTENSION_ID, repoRoot,
} from './support';

const OPEN_CHAT = 'Generator YouTube: Open Chat';

describe('workbench with the extension installed', () => {
  const wb = useWorkbench({ extraExtensions: [WEBVIEW_PROBE_FIXTURE] });

  it('shows the Generator YouTube container in the activity bar, with its three views', async () => {
    await activityBarItem(wb.page, 'Generator YouTube').waitFor({ state: 'visible', timeout: 30_000 });
    await openActivityContainer(wb.page, 'Generator YouTube');
    const titles = (await sideBarViewTitles(wb.page)).map((t) => t.toLowerCase());
    for (const view of ['chat', 'timeline', 'render jobs']) assert.ok(titles.includes(view), `side bar shows ${titles.join(', ')}; ${view} missing`);
    await screenshot(wb.page, 'foundation-activity-bar-dark');
  });

  it('lists "Generator YouTube: Open Chat" in the command palette, and running it shows the container', async () => {
    await openActivityContainer(wb.page, 'Explorer'); // leave our container, so the command has something to do
    const labels = await paletteCommands(wb.page, OPEN_CHAT);
    assert.ok(labels.some((l) => l.includes(OPEN_CHAT)), `palette shows: ${labels.join(' | ')}`);
    await runCommand(wb.page, OPEN_CHAT);
    await wb.page.waitForFunction(() => /generator youtube/i.test(document.querySelector('.part.sidebar .composite.title h2')?.textContent ?? ''), undefined, { timeout: 30_000 });
    await screenshot(wb.page, 'foundation-open-chat');
  });

  it('switches to the light theme through the user settings', async () => {
    assert.ok(await wb.page.locator('.monaco-workbench.vs-dark').count() > 0, 'expected to start dark');
    await wb.setUserSettings({ theme: 'light' });
    await wb.page.waitForSelector('.monaco-workbench.vs:not(.vs-dark)', { timeout: 30_000 });
    await screenshot(wb.page, 'foundation-activity-bar-light');
  });

  it('finds the content frame of a webview (harness self-test with a probe extension)', async () => {
    const frame = await webviewFrame(wb.page, { extensionId: WEBVIEW_PROBE_ID, selector: '#probe', timeoutMs: 60_000 });
    assert.equal((await frame.textContent('#probe'))?.trim(), 'webview probe says hello');
  });
});

describe('the packaged .vsix', () => {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gy-vsix-'));
  const vsix = path.join(outDir, 'generator-youtube.vsix');
  after(() => fs.rmSync(outDir, { recursive: true, force: true }));

  // Registered before useWorkbench's hooks, so the .vsix exists when code-server installs it.
  before(function () {
    this.timeout(180_000);
    const { output } = packageVsix(outDir);
    assert.doesNotMatch(output, /WARNING|ERROR/, `vsce package warned:\n${output}`);
  });
  const wb = useWorkbench({ extension: { vsix } });

  it('ships only run-time files (vsce ls)', () => {
    const allowed = [/^dist\/(extension|engine|cli|cli-main)\.js$/, /^dist\/webview\/[^/]+\.(js|css)$/, /^media\//, /^l10n\/bundle\.l10n(\.[\w-]+)?\.json$/,
      /^package(\.nls(\.[\w-]+)?)?\.json$/, /^(README|CHANGELOG)\.md$/, /^LICENSE$/];
    const files = vsceFileList();
    // dist/engine.js is loaded on the first use of the local backend: without it that backend cannot start.
    // dist/cli.js is the CLI's launcher: it loads dist/cli-main.js, so one without the other cannot run.
    assert.ok(files.includes('dist/extension.js') && files.includes('dist/engine.js') && files.includes('package.json'), `vsce ls: ${files.join(', ')}`);
    assert.equal(files.includes('dist/cli.js'), files.includes('dist/cli-main.js'), `vsce ls: ${files.join(', ')}`);
    const extra = files.filter((f) => !allowed.some((re) => re.test(f)));
    assert.deepEqual(extra, [], `not run-time files: ${extra.join(', ')}`);
  });

  it('installs into code-server with --install-extension and activates from "Open Chat"', async () => {
    const installed = fs.readdirSync(wb.server.extensionsDir);
    assert.ok(installed.some((d) => d.startsWith(`${EXTENSION_ID}-`)), `extensions folder holds: ${installed.join(', ')}`);
    await runCommand(wb.page, OPEN_CHAT);
    await wb.page.waitForFunction(() => /generator youtube/i.test(document.querySelector('.part.sidebar .composite.title h2')?.textContent ?? ''), undefined, { timeout: 30_000 });
    const notices = await wb.page.locator('.notifications-toasts .notification-toast').allTextContents();
    assert.ok(!notices.some((n) => /not found|failed|error/i.test(n)), `notifications: ${notices.join(' | ')}`);
    await screenshot(wb.page, 'vsix-open-chat');
  });
});

describe('display language zh-cn', () => {
  const wb = useWorkbench({ locale: 'zh-cn' });
  const zh = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.nls.zh-cn.json'), 'utf8')) as Record<string, string>;

  it('shows the views and the command with their Chinese names from package.nls.zh-cn.json', async () => {
    await openActivityContainer(wb.page, 'Generator YouTube');
    const titles = await sideBarViewTitles(wb.page);
    for (const key of ['view.chat', 'view.timeline', 'view.renders']) {
      assert.ok(titles.some((t) => t.toLowerCase() === zh[key].toLowerCase()), `side bar shows ${titles.join(', ')}; ${zh[key]} (${key}) missing`);
    }
    const openChat = `Generator YouTube: ${zh['command.openChat']}`;
    const labels = await paletteCommands(wb.page, openChat);
    assert.ok(labels.some((l) => l.includes(openChat)), `palette shows: ${labels.join(' | ')}`);
    await screenshot(wb.page, 'foundation-zh-cn');
  });
});
