// The Timeline view's TreeDataProvider: holds the last node list and maps nodes to TreeItems. It does not
// fetch anything: registerTimeline() feeds it Timelines as the backend publishes them.
import * as vscode from 'vscode';
import type { Lang, Timeline } from '../../core';
import type { Tr } from '../ui/l10n';
import type { ViewNode } from '../ui/viewNode';
import { buildTimelineNodes } from './nodes';
import { toTreeItem, tooltipOf } from '../ui/treeItems';

export class TimelineTreeProvider implements vscode.TreeDataProvider<ViewNode>, vscode.Disposable {
  private nodes: ViewNode[] = [];
  private readonly parents = new Map<ViewNode, ViewNode>();
  private readonly changed = new vscode.EventEmitter<ViewNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private current: Timeline | null = null;

  /** The timeline on screen (null: none yet). */
  get timeline(): Timeline | null {
    return this.current;
  }

  /** The root node, if the timeline has tracks. */
  get root(): ViewNode | undefined {
    return this.nodes[0];
  }

  constructor(private readonly t: Tr) {}

  show(timeline: Timeline | null, lang: Lang): void {
    this.current = timeline;
    this.nodes = buildTimelineNodes(timeline, { t: this.t, lang });
    this.parents.clear();
    this.changed.fire(undefined);
  }

  getTreeItem(node: ViewNode): vscode.TreeItem {
    return toTreeItem(node, undefined, { lazyTooltip: true });
  }

  /** Called by VS Code on hover: only then is a row's tooltip built. */
  resolveTreeItem(item: vscode.TreeItem, node: ViewNode): vscode.TreeItem {
    item.tooltip ??= tooltipOf(node);
    return item;
  }

  getChildren(node?: ViewNode): ViewNode[] {
    const children = node ? node.children : this.nodes;
    // Remember parents lazily (only for rows VS Code asked for): getParent is needed by TreeView.reveal.
    if (node) for (const c of children) this.parents.set(c, node);
    return children;
  }

  getParent(node: ViewNode): ViewNode | undefined {
    return this.parents.get(node);
  }

  dispose(): void {
    this.changed.dispose();
  }
}
