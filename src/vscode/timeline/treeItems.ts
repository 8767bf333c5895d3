// Maps plain ViewNodes (built by the pure node builders) to TreeItems. Shared by the Timeline and Render
// Jobs providers: the only place a node becomes VS Code UI.
import * as vscode from 'vscode';
import type { ViewNode } from './nodes';

const STATES: Record<ViewNode['collapsible'], vscode.TreeItemCollapsibleState> = {
  none: vscode.TreeItemCollapsibleState.None,
  collapsed: vscode.TreeItemCollapsibleState.Collapsed,
  expanded: vscode.TreeItemCollapsibleState.Expanded,
};

export function toTreeItem(node: ViewNode, command?: vscode.Command): vscode.TreeItem {
  const item = new vscode.TreeItem(node.label, STATES[node.collapsible]);
  item.id = node.id;
  item.description = node.description;
  if (node.tooltip) {
    // Markdown from draft content: no command links, no HTML.
    const md = new vscode.MarkdownString(node.tooltip);
    md.isTrusted = false;
    md.supportHtml = false;
    item.tooltip = md;
  }
  item.iconPath = new vscode.ThemeIcon(node.icon);
  item.contextValue = node.contextValue;
  if (command) item.command = command;
  return item;
}
