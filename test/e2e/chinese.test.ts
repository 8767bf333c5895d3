// VS Code switched to Simplified Chinese (`--locale zh-cn`): our commands, views, menu entry and messages
// are Chinese. VS Code's own UI stays English here: a real language pack comes from the Marketplace, which
// cannot be reached offline, so the harness registers an empty pack (test/e2e/support/locale.ts) — enough for
// VS Code to load our package.nls.zh-cn.json and report vscode.env.language = zh-cn.
import * as assert from 'node:assert/strict';
import { activityBarItem, openActivityContainer, paletteCommands, runCommand, screenshot, sideBarViewTitles, useWorkbench } from './support';

describe('Generator YouTube in Chinese (code-server --locale zh-cn)', function () {
  this.timeout(300_000);
  const wb = useWorkbench({ locale: 'zh-cn', media: true, settings: { 'generatorYoutube.backend': 'local' } });

  it('shows the commands in the palette in Chinese', async () => {
    // The palette list is virtualised (only visible rows exist), so look each title up on its own.
    for (const title of ['生成 YouTube 视频', '查看积分', '新建会话', '显示时间线状态', '上传素材…', '设置 NemoVideo 令牌…', '退出 NemoVideo 登录', '打开对话']) {
      const labels = await paletteCommands(wb.page, `Generator YouTube: ${title}`);
      assert.ok(labels.some((l) => l.includes(`Generator YouTube: ${title}`)), `palette lacks "${title}": ${labels.join(' | ')}`);
    }
    const english = await paletteCommands(wb.page, 'Generator YouTube: Generate YouTube video');
    assert.ok(!english.some((l) => l.includes('Generator YouTube: Generate YouTube video')), `English title left: ${english.join(' | ')}`);
    // A picture of the palette while it is open.
    await wb.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await wb.page.keyboard.press('F1');
    const input = wb.page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await input.fill('>Generator YouTube');
    await wb.page.locator('.quick-input-widget .quick-input-list .monaco-list-row').first().waitFor({ state: 'visible', timeout: 15_000 });
    await screenshot(wb.page, 'chinese-palette');
    await wb.page.keyboard.press('Escape');
  });

  it('names the views in Chinese', async () => {
    await openActivityContainer(wb.page, 'Generator YouTube');
    const titles = await sideBarViewTitles(wb.page);
    for (const view of ['对话', '时间线', '渲染任务']) assert.ok(titles.includes(view), `side bar shows ${titles.join(', ')}`);
  });

  it('answers in Chinese: the credits message and the status bar', async () => {
    const { page } = wb;
    await runCommand(page, 'Generator YouTube: 查看积分');
    const toast = page.locator('.notifications-toasts .notification-toast', { hasText: '积分' }).first();
    await toast.waitFor({ state: 'visible', timeout: 120_000 });
    assert.match((await toast.textContent()) ?? '', /可用 \d+ 积分，冻结 \d+，共 \d+。/);
    const status = page.locator('.part.statusbar .statusbar-item', { hasText: /\d+ 积分/ }).first();
    await status.waitFor({ state: 'visible', timeout: 30_000 });
    await screenshot(page, 'chinese-views-and-credits');
  });

  it('offers "生成 YouTube 视频" on a clip in the Explorer', async () => {
    const { page } = wb;
    await activityBarItem(page, 'Explorer').click();
    await page.mouse.move(700, 400); // the activity bar's hover card would cover the Explorer rows
    const row = page.locator('.explorer-folders-view .monaco-list-row[aria-label="clip.mp4"]').first();
    await row.waitFor({ state: 'visible', timeout: 30_000 });
    await row.click({ button: 'right' });
    await page.locator('.context-view .monaco-menu .action-item', { hasText: '生成 YouTube 视频' }).first().waitFor({ state: 'visible', timeout: 15_000 });
    await screenshot(page, 'chinese-explorer-menu');
    await page.keyboard.press('Escape');
  });
});
