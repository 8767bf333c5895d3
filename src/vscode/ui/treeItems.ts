// Maps plain ViewNodes (built by the pure node builders) to TreeItems. Shared by the Timeline and Render
// Jobs providers: the only place a node becomes VS Code UI.
import * as vscode from 'vscode';
import type { ViewNode } from './viewNode';

const STATES: Record<ViewNode['collapsible'], vscode.TreeItemCollapsibleState> = {
  none: vscode.TreeItemCollapsibleState.None,
  collapsed: vscode.TreeItemCollapsibleState.Collapsed,
  expanded: vscode.TreeItemCollapsibleState.Expanded,
};

/**
 * `lazyTooltip`: leave the tooltip for the provider's resolveTreeItem (built on hover), for trees with
 * thousands of rows.
 */
export function toTreeItem(node: ViewNode, command?: vscode.Command, opts: { lazyTooltip?: boolean } = {}): vscode.TreeItem {
  const item = new vscode.TreeItem(node.label, STATES[node.collapsible]);
  item.id = node.id;
  item.description = node.description;
  if (!opts.lazyTooltip) item.tooltip = tooltipOf(node);
  item.iconPath = new vscode.ThemeIcon(node.icon);
  item.contextValue = node.contextValue;
  if (command) item.command = command;
  return item;
}

/** The node's tooltip as Markdown from draft content: no command links, no HTML. */
export function tooltipOf(node: ViewNode): vscode.MarkdownString | undefined {
  if (!node.tooltip) return undefined;
  const md = new vscode.MarkdownString(node.tooltip);
  md.isTrusted = false;
  md.supportHtml = false;
  return md;
}
