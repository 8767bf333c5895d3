// The Timeline view inside the real extension host, against the local engine (127.0.0.1, real ffmpeg):
// a fresh session shows the "empty" welcome state; after an upload and a scripted chat turn the tree holds
// the expected root, track and segment rows; Refresh and Copy summary work through their commands.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { summarizeTimeline } from '../../src/core';
import type { TestApi } from '../../src/extension';
import { CONTEXT_VALUES } from '../../src/vscode/ids';
import type { ViewNode } from '../../src/vscode/timeline/nodes';
import { WORKSPACE_MEDIA } from './support/workspace';
import { config, EXTENSION_ID, waitFor } from './support/extension';

function workspacePath(name: string): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'no workspace folder is open');
  return path.join(folder.uri.fsPath, name);
}

describe('timeline view (inside VS Code, local engine)', function () {
  this.timeout(240_000);
  let api: TestApi;

  before(async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is not loaded`);
    api = (await ext.activate()) as TestApi;
    assert.ok(api?.timeline && api.renders, 'activate() must return { timeline, renders } for tests');
    await config().update('backend', 'local', vscode.ConfigurationTarget.Global);
    await config().update('language', 'en', vscode.ConfigurationTarget.Global);
    await waitFor('the settings to reach the extension', () => api.services.config.settings.backend === 'local' && api.services.config.settings.language === 'en');
  });

  after(async () => {
    await config().update('language', undefined, vscode.ConfigurationTarget.Global);
  });

  it('a new session shows the empty state: no rows, the welcome content applies', async () => {
    const workflow = await api.services.backend.workflow();
    await workflow.newSession();
    api.services.backend.sessionChanged();
    const timeline = await api.timeline.refresh({ loud: true });
    assert.ok(timeline, 'a session exists, so a timeline comes back');
    assert.equal(timeline.tracks.length, 0);
    assert.equal(api.timeline.state, 'empty');
    assert.deepEqual(api.timeline.provider.getChildren(), []);
  });

  it('after an upload and "trim the first 1 second" the tree shows the trimmed draft', async () => {
    const published: string[] = [];
    const started = Date.now();
    // Every publish, for the failure message: the backend's refreshes are not ordered, so a slow earlier
    // one could land after this test's own (seen once, not reproduced since).
    const sub = api.services.backend.onDidChangeTimeline((tl) => published.push(`${Date.now() - started}ms:${tl === null ? 'null' : tl.tracks.length}`));
    try {
      await turnAndCheck(published);
    } finally {
      sub.dispose();
    }
  });

  async function turnAndCheck(published: string[]): Promise<void> {
    const workflow = await api.services.backend.workflow();
    await workflow.upload([workspacePath(WORKSPACE_MEDIA.clip)]);
    const events = [];
    for await (const ev of workflow.send('trim the first 1 second')) events.push(ev);
    const done = events.find((e) => e.type === 'done');
    assert.ok(done && done.type === 'done' && (done.outcome === 'text' || done.outcome === 'silent'), `turn: ${JSON.stringify(events)}`);
    // What the chat does after every turn: publish the new state (the view listens; it does not poll).
    await api.services.backend.refreshTimeline();

    const roots = api.timeline.provider.getChildren();
    assert.equal(roots.length, 1, `one root row; published: ${published.join(' | ')}`);
    const root = roots[0]!;
    assert.equal(root.contextValue, CONTEXT_VALUES.timelineRoot);
    // clip.mp4 is 3 s long; one second is cut.
    assert.equal(root.label, 'Timeline (1 track) · 2s');
    assert.match(root.description ?? '', /^\d+×\d+ · \d+(\.\d+)?:\d+(\.\d+)?$/);
    const tracks = api.timeline.provider.getChildren(root);
    assert.equal(tracks.length, 1);
    assert.match(tracks[0]!.label, /^1\. Video\b/);
    assert.match(tracks[0]!.description ?? '', /^0–2s · 1 segment$/);
    const segments: ViewNode[] = api.timeline.provider.getChildren(tracks[0]);
    assert.equal(segments.length, 1);
    assert.equal(segments[0]!.label, '0–2s');
    assert.match(segments[0]!.description ?? '', /clip\.mp4/);
    assert.equal(api.timeline.provider.getParent(segments[0]!), tracks[0]);
    assert.equal(api.timeline.state, 'ready');

    // The provider maps nodes to real TreeItems with theme icons and markdown tooltips (built on hover:
    // VS Code calls resolveTreeItem then).
    const item = api.timeline.provider.getTreeItem(tracks[0]!);
    assert.ok(item.iconPath instanceof vscode.ThemeIcon && item.iconPath.id === 'device-camera-video');
    assert.ok(api.timeline.provider.resolveTreeItem(item, tracks[0]!).tooltip instanceof vscode.MarkdownString);
    const segItem = api.timeline.provider.resolveTreeItem(api.timeline.provider.getTreeItem(segments[0]!), segments[0]!);
    assert.match((segItem.tooltip as vscode.MarkdownString).value, /clip\.mp4|Source/);
    assert.equal(item.collapsibleState, vscode.TreeItemCollapsibleState.Collapsed);
  }

  it('the refresh command reloads from the state endpoint and keeps the same rows', async () => {
    const before = api.timeline.provider.getChildren()[0]?.label;
    const timeline = await vscode.commands.executeCommand<unknown>('generatorYoutube.refreshTimeline');
    assert.ok(timeline, 'refresh returned the timeline');
    assert.equal(api.timeline.provider.getChildren()[0]?.label, before);
  });

  it('overlapping refreshes all answer the newest timeline, never the one from before them', async () => {
    api.services.backend.publishTimeline(null);
    // The first answer usually arrives first, when the second refresh already holds the newer ticket.
    const answers = await Promise.all([api.services.backend.refreshTimeline(), api.services.backend.refreshTimeline()]);
    assert.ok(answers[0] && answers[1], 'a refresh answered the timeline from before it (cleared)');
    assert.deepEqual(answers[0], answers[1]);
    assert.ok(api.timeline.provider.getChildren()[0], 'and the view shows it');
  });

  it('"Copy summary" on the root puts the contract summary on the clipboard', async () => {
    const root = api.timeline.provider.getChildren()[0];
    assert.ok(root);
    const timeline = api.timeline.provider.timeline;
    assert.ok(timeline);
    await vscode.env.clipboard.writeText('something else');
    await vscode.commands.executeCommand('generatorYoutube.copyTimelineSummary', root);
    const copied = await vscode.env.clipboard.readText();
    assert.equal(copied, summarizeTimeline(timeline, 'en'));
    assert.match(copied ?? '', /^Timeline \(1 track\): 1\. Video/);
  });
  it('follows generatorYoutube.language: Chinese rows after switching to zh-cn', async () => {
    await config().update('language', 'zh-cn', vscode.ConfigurationTarget.Global);
    await waitFor('the language to apply', () => api.services.config.settings.language === 'zh');
    await api.timeline.refresh({ loud: true });
    const root = api.timeline.provider.getChildren()[0];
    assert.ok(root);
    assert.equal(root.label, '时间线（1 条轨道） · 2s');
    const track = api.timeline.provider.getChildren(root)[0];
    assert.match(track?.label ?? '', /^1\. 视频/);
    assert.match(track?.description ?? '', /^0–2s · 1 个片段$/);
    await config().update('language', 'en', vscode.ConfigurationTarget.Global);
    await waitFor('English again', () => api.services.config.settings.language === 'en');
  });
});
