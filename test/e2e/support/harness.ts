// One call per e2e suite: `const wb = useWorkbench({ … })` inside a describe() starts code-server with the
// built extension installed, opens Chromium on the workbench, saves a screenshot of every failed test
// (test-results/screenshots/FAILED-….png), and stops everything after the suite.
//
//   describe('chat view', () => {
//     const wb = useWorkbench({ settings: { 'generatorYoutube.backend': 'local' }, media: true });
//     it('shows the chat', async () => {
//       await runCommand(wb.page, 'Generator YouTube: Open Chat');
//       const chat = await webviewFrame(wb.page, { selector: 'textarea' });
//       …
//     });
//   });
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './browser';
import { startCodeServer, type CodeServer, type CodeServerOptions } from './codeServer';
import { userSettings, type UserSettingsOptions } from './userSettings';
import { screenshot, waitForWorkbench } from './workbench';
import { createMediaWorkspace } from '../../integration/support/workspace';

export interface WorkbenchOptions extends Omit<CodeServerOptions, 'workspace' | 'label'> {
  /** Folder to open; default: a fresh empty temp folder (removed afterwards). */
  readonly workspace?: string;
  /** Fill the (temp) workspace with the shared test media (clip.mp4, vertical.mp4, music.mp3, …). */
  readonly media?: boolean;
  readonly viewport?: { width: number; height: number };
}

export interface Workbench {
  readonly server: CodeServer;
  readonly browser: Browser;
  readonly page: Page;
  readonly workspace: string;
  /** Errors the workbench page logged (uncaught exceptions and console.error), for failure messages. */
  readonly pageErrors: string[];
  /**
   * Rewrites the user settings.json (quiet defaults + theme + settings) and reloads the workbench.
   * Reload, because code-server 4.100.3 did not pick up edits to this file live here (measured: no change
   * after 20 s), while a reload reads it every time.
   */
  setUserSettings(options: UserSettingsOptions): Promise<void>;
}

interface State { server: CodeServer; browser: Browser; page: Page; workspace: string; ownWorkspace: boolean; pageErrors: string[] }

export function useWorkbench(options: WorkbenchOptions = {}): Workbench {
  let state: State | undefined;
  // With our extension installed, "ready" includes its activity-bar container.
  const expectedItem = options.extension === 'none' ? null : 'Generator YouTube';
  const get = (): State => {
    if (!state) throw new Error('the workbench is not running (useWorkbench() must be called inside describe(), and its before() hook failed or has not run)');
    return state;
  };

  before(async function () {
    this.timeout(240_000);
    const ownWorkspace = !options.workspace;
    const workspace = options.workspace ?? fs.mkdtempSync(path.join(os.tmpdir(), 'gy-e2e-ws-'));
    if (options.media) await createMediaWorkspace(workspace);
    const server = await startCodeServer({ ...options, workspace, label: 'e2e' });
    let browser: Browser | undefined;
    try {
      browser = await launchChromium();
      const page = await browser.newPage({ viewport: options.viewport ?? { width: 1280, height: 800 } });
      const pageErrors: string[] = [];
      page.on('pageerror', (e) => pageErrors.push(String(e)));
      page.on('console', (m) => { if (m.type() === 'error') pageErrors.push(m.text()); });
      state = { server, browser, page, workspace, ownWorkspace, pageErrors };
      // Navigation only has to commit (code-server answered with the workbench page): the page's 'load'
      // event waits for every script and font, which under load took longer than goto's 30 s while the
      // workbench was on its way. What tests need is the workbench itself, which waitForWorkbench waits for.
      await page.goto(server.workbenchUrl(), { waitUntil: 'commit' });
      await waitForWorkbench(page, expectedItem);
    } catch (err) {
      // before() failed: after() still runs, but make sure nothing is left behind even if it does not.
      if (!state) { await browser?.close().catch(() => undefined); await server.stop(); }
      throw err;
    }
  });

  afterEach(async function () {
    const test = this.currentTest;
    if (state && test?.state === 'failed') {
      await screenshot(state.page, `FAILED-${test.fullTitle()}`).catch((e) => console.log(`      (no screenshot: ${e})`));
    }
  });

  after(async function () {
    this.timeout(60_000);
    if (!state) return;
    const s = state;
    state = undefined;
    await s.browser.close().catch(() => undefined);
    await s.server.stop();
    if (s.ownWorkspace) fs.rmSync(s.workspace, { recursive: true, force: true });
  });

  return {
    get server() { return get().server; },
    get browser() { return get().browser; },
    get page() { return get().page; },
    get workspace() { return get().workspace; },
    get pageErrors() { return get().pageErrors; },
    async setUserSettings(next: UserSettingsOptions) {
      const file = path.join(get().server.userDataDir, 'User', 'settings.json');
      fs.writeFileSync(file, JSON.stringify(userSettings(next), null, 2));
      await get().page.reload({ waitUntil: 'commit' }); // see before(): readiness is the workbench, not 'load'
      await waitForWorkbench(get().page, expectedItem);
    },
  };
}
