// The Timeline view: follows the backend's published Timeline (after every chat turn, upload, session change
// or refresh — the backend fires onDidChangeTimeline; there is no polling loop), loads once when the view is
// first shown, and offers Refresh and Copy summary.
import * as vscode from 'vscode';
import { summarizeTimeline, type Timeline } from '../../core';
import { COMMANDS, CONTEXT_KEYS, VIEWS } from '../ids';
import { translator } from '../ui/l10n';
import { errorText, presentError } from '../ui/errors';
import type { Services } from '../services';
import type { ViewNode } from '../ui/viewNode';
import { TimelineTreeProvider } from './provider';

export type TimelineState = 'loading' | 'noSession' | 'empty' | 'error' | 'ready';

export interface TimelineView {
  readonly provider: TimelineTreeProvider;
  readonly treeView: vscode.TreeView<ViewNode>;
  /** Fetches the state and shows it; errors go to the view's message (and a notification when `loud`). */
  refresh(opts?: { loud?: boolean }): Promise<Timeline | null>;
  readonly state: TimelineState;
}

export function registerTimeline(context: vscode.ExtensionContext, services: Services): TimelineView {
  const { backend, logger } = services;
  const tr = translator(services);
  const provider = new TimelineTreeProvider(tr);
  const treeView = vscode.window.createTreeView(VIEWS.timeline, { treeDataProvider: provider, showCollapseAll: true });
  let state: TimelineState = 'loading';
  let loaded = false;
  let stale = false;

  const setState = (next: TimelineState): void => {
    state = next;
    void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.timelineState, next);
  };

  const show = (timeline: Timeline | null): void => {
    provider.show(timeline, backend.lang);
    treeView.message = undefined;
    // null = no session yet (or the connection was reset); a timeline without tracks = an empty draft.
    setState(timeline === null ? 'noSession' : timeline.tracks.length === 0 ? 'empty' : 'ready');
  };

  const refresh = async (opts: { loud?: boolean } = {}): Promise<Timeline | null> => {
    loaded = true;
    stale = false;
    try {
      // refreshTimeline publishes through onDidChangeTimeline, which calls show().
      return await vscode.window.withProgress({ location: { viewId: VIEWS.timeline } }, () => backend.refreshTimeline());
    } catch (e) {
      logger.warn(`timeline refresh failed: ${errorText(e)}`);
      provider.show(null, backend.lang);
      treeView.message = tr('Could not load the timeline: {0}', errorText(e));
      setState('error');
      if (opts.loud) void presentError(services, tr, e, { what: 'timeline refresh', retry: () => refresh({ loud: true }) });
      return null;
    }
  };

  context.subscriptions.push(
    provider,
    treeView,
    backend.onDidChangeTimeline(show),
    // A new connection or session: refresh now if someone is looking, otherwise when the view is shown.
    backend.onDidChange(() => {
      if (treeView.visible) void refresh();
      else stale = true;
    }),
    treeView.onDidChangeVisibility((e) => {
      if (e.visible && (!loaded || stale)) void refresh();
    }),
    vscode.commands.registerCommand(COMMANDS.refreshTimeline, () => refresh({ loud: true })),
    vscode.commands.registerCommand(COMMANDS.copySummary, async (node?: ViewNode) => {
      const timeline = provider.timeline ?? backend.timeline;
      const text = node?.copyText ?? (timeline && timeline.tracks.length > 0 ? summarizeTimeline(timeline, backend.lang) : undefined);
      if (!text) {
        void vscode.window.showInformationMessage(tr('The timeline is empty: there is nothing to copy yet.'));
        return;
      }
      await vscode.env.clipboard.writeText(text);
      void vscode.window.showInformationMessage(tr('Timeline summary copied.'));
    }),
  );
  // Until the first load, neither welcome text applies (their when-clauses need noSession/empty).
  setState('loading');
  if (backend.timeline) show(backend.timeline);
  // After activate() returns: activation stays free of network and engine start-up.
  const first = setTimeout(() => {
    if (treeView.visible && !loaded) void refresh();
  }, 0);
  context.subscriptions.push({ dispose: () => clearTimeout(first) });

  return {
    provider,
    treeView,
    refresh,
    get state() {
      return state;
    },
  };
}
