// What a person does in the workbench, as functions over a playwright Page: wait until it is ready,
// use the command palette, open our activity-bar container, find a webview's content frame, take
// screenshots. Selectors are VS Code 1.100's own DOM (code-server 4.100.3).
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { repoRoot } from './paths';
import { EXTENSION_ID } from './extensionInstall';

export const SCREENSHOT_DIR = path.join(repoRoot, 'test-results', 'screenshots');

/**
 * Waits for the workbench chrome (activity bar, status bar), and for the activity-bar entry `activityItem`
 * (default "Generator YouTube"; null to skip): contributed containers appear only once the extensions
 * have been scanned, a moment after the chrome.
 */
export async function waitForWorkbench(page: Page, activityItem: string | null = 'Generator YouTube', timeoutMs = 90_000): Promise<void> {
  await page.waitForSelector('.monaco-workbench .part.activitybar', { timeout: timeoutMs });
  await page.waitForSelector('.monaco-workbench .part.statusbar', { timeout: timeoutMs });
  if (activityItem) await activityBarItem(page, activityItem).waitFor({ state: 'visible', timeout: timeoutMs });
}

/** The activity-bar entry whose label starts with `title` (e.g. "Generator YouTube"). */
export function activityBarItem(page: Page, title: string) {
  return page.locator(`.part.activitybar .action-item a[aria-label^="${title}"], .part.activitybar .action-item .action-label[aria-label^="${title}"]`).first();
}

/** Opens an activity-bar container by clicking its icon (no-op if it is already showing). */
export async function openActivityContainer(page: Page, title = 'Generator YouTube'): Promise<void> {
  const sidebarTitle = page.locator('.part.sidebar .composite.title h2');
  if ((await sidebarTitle.textContent().catch(() => ''))?.toLowerCase() === title.toLowerCase()) return;
  await activityBarItem(page, title).click();
  await page.waitForFunction(
    (t) => document.querySelector('.part.sidebar .composite.title h2')?.textContent?.toLowerCase() === t.toLowerCase(),
    title, { timeout: 30_000 });
}

/** Titles of the views (panes) currently shown in the side bar. */
export async function sideBarViewTitles(page: Page): Promise<string[]> {
  return page.$$eval('.part.sidebar .pane-header h3.title', (els) => els.map((e) => (e.textContent ?? '').trim()));
}

/**
 * Opens the command palette with `text` typed in. Keys go to whatever has focus, and a focused webview
 * (an iframe) swallows F1: so first close any open quick input and move focus back to the workbench page.
 */
async function openPalette(page: Page, text: string): Promise<void> {
  const widget = page.locator('.quick-input-widget');
  const input = widget.locator('.quick-input-box input');
  if (await widget.isVisible()) {
    await page.keyboard.press('Escape');
    await widget.waitFor({ state: 'hidden', timeout: 10_000 });
  }
  for (let attempt = 1; ; attempt++) {
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('F1');
    try {
      await input.waitFor({ state: 'visible', timeout: 10_000 });
      await input.fill(`>${text}`, { timeout: 10_000 });
      return;
    } catch (err) {
      // The palette closed under us (something took the focus): the callers check that it is still open
      // when they use it, and open it again then.
      if (attempt >= 3) throw new Error(`the command palette did not open after ${attempt} tries of F1: ${err}`);
    }
  }
}

/**
 * Labels the command palette shows for `query`. Leaves the palette closed. The list is virtualised: only
 * the rows on screen (about ten) exist, so query narrowly (e.g. the full "Generator YouTube: Open Chat").
 */
export async function paletteCommands(page: Page, query: string): Promise<string[]> {
  const widget = page.locator('.quick-input-widget');
  const rows = widget.locator('.quick-input-list .monaco-list-row');
  for (let attempt = 1; ; attempt++) {
    await openPalette(page, query);
    await rows.first().waitFor({ state: 'visible', timeout: 15_000 }).catch(() => undefined);
    const labels = await rows.evaluateAll((els) => els.map((e) => (e.getAttribute('aria-label') ?? e.textContent ?? '').trim()));
    // Rows read from a palette that was closed meanwhile are not what it lists: read them again.
    const stillOpen = await widget.isVisible();
    if (stillOpen) {
      await page.keyboard.press('Escape');
      await widget.waitFor({ state: 'hidden', timeout: 10_000 });
    }
    if (stillOpen || attempt >= 3) return labels;
  }
}

/** Runs a command from the palette by its full label, e.g. "Generator YouTube: Open Chat". */
export async function runCommand(page: Page, label: string): Promise<void> {
  const widget = page.locator('.quick-input-widget');
  const row = widget.locator('.quick-input-list .monaco-list-row', { hasText: label }).first();
  // Two things can go wrong on a loaded machine, each seen as a state of the palette, never guessed by time:
  // - the palette lists the commands known when it opens: right after a (re)load ours may not be registered
  //   yet (the row never shows) → close it and open it again;
  // - something takes the focus after the palette opened (a view or a webview appearing late) and closes
  //   it: the row is gone before the click → open it again. A click that happened ran the command: never
  //   click twice.
  for (let attempt = 1; ; attempt++) {
    await openPalette(page, label);
    let clicked = false;
    try {
      await row.waitFor({ state: 'visible', timeout: 15_000 });
      await row.click({ timeout: 10_000 });
      clicked = true;
    } catch (err) {
      if (attempt >= 3) throw new Error(`could not run "${label}" from the command palette (tried ${attempt} times): ${err}`);
      if (await widget.isVisible()) await page.keyboard.press('Escape');
    }
    if (clicked) break;
  }
  await widget.waitFor({ state: 'hidden', timeout: 15_000 });
}

export interface WebviewQuery {
  /** The extension that owns the webview (default: ours). */
  readonly extensionId?: string;
  /** A selector that must exist inside the webview's content (tells apart several webviews). */
  readonly selector?: string;
  readonly timeoutMs?: number;
}

/**
 * The frame holding a webview's own HTML. VS Code nests it twice: the workbench page → an <iframe
 * class="webview"> (VS Code's host page, URL has `extensionId=…`) → <iframe id="active-frame"> with the
 * extension's HTML. Returns that inner frame once `selector` exists in it.
 */
export async function webviewFrame(page: Page, query: WebviewQuery = {}): Promise<Frame> {
  const extensionId = (query.extensionId ?? EXTENSION_ID).toLowerCase();
  const selector = query.selector ?? 'body';
  const deadline = Date.now() + (query.timeoutMs ?? 30_000);
  while (Date.now() < deadline) {
    for (const host of page.frames()) {
      if (!decodeURIComponent(host.url()).toLowerCase().includes(`extensionid=${extensionId}`)) continue;
      for (const inner of host.childFrames()) {
        if (inner.name() !== 'active-frame' && !inner.url().includes('fake.html')) continue;
        if (await inner.$(selector).catch(() => null)) return inner;
      }
    }
    await page.waitForTimeout(250);
  }
  const urls = page.frames().map((f) => f.url()).join('\n  ');
  throw new Error(`no webview of ${extensionId} containing "${selector}" appeared; frames:\n  ${urls}`);
}

/** Saves a full-page screenshot to test-results/screenshots/<name>.png and prints where. */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name.replace(/[^\w.-]+/g, '_').slice(0, 120)}.png`);
  await page.screenshot({ path: file });
  console.log(`      screenshot: ${path.relative(process.cwd(), file)}`);
  return file;
}

/**
 * Waits until the browser's workbench storage (IndexedDB `vscode-web-state-db-*`, table ItemTable, where
 * VS Code for the Web keeps extensions' globalState) holds every one of `texts`. An extension's
 * globalState.update resolves once the workbench has the value in memory; the workbench writes it to
 * IndexedDB shortly after, so a page reload in between can drop it. Tests that reload on purpose wait for
 * this: on desktop VS Code the window's storage is flushed before a reload.
 */
export async function waitForBrowserStorage(page: Page, texts: readonly string[], timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await page.evaluate(async (wanted: readonly string[]) => {
      const names = (await indexedDB.databases()).map((d) => d.name ?? '').filter((n) => n.startsWith('vscode-web-state-db-'));
      const values: string[] = [];
      for (const name of names) {
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const req = indexedDB.open(name);
          req.onsuccess = () => resolve(req.result);
          req.onerror = () => reject(req.error);
        });
        try {
          if (!db.objectStoreNames.contains('ItemTable')) continue;
          const all = await new Promise<unknown[]>((resolve, reject) => {
            const req = db.transaction('ItemTable', 'readonly').objectStore('ItemTable').getAll();
            req.onsuccess = () => resolve(req.result as unknown[]);
            req.onerror = () => reject(req.error);
          });
          for (const v of all) values.push(typeof v === 'string' ? v : JSON.stringify(v));
        } finally {
          db.close();
        }
      }
      return wanted.every((w) => values.some((v) => v.includes(w)));
    }, texts);
    if (found) return;
    if (Date.now() > deadline) throw new Error(`the browser's workbench storage never held ${JSON.stringify(texts)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
