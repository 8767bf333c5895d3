// One row of a tree view as plain data, shared by the Timeline and Render Jobs builders (pure, tested in
// plain Node); ui/treeItems.ts is the only place a node becomes VS Code UI.

export type Collapsible = 'none' | 'collapsed' | 'expanded';

/** One row of a tree view, as plain data. `icon` is a codicon id (ThemeIcon). */
export interface ViewNode {
  /** Stable within one timeline: `track/2/seg/5`. Keeps expansion state across refreshes. */
  id: string;
  label: string;
  description?: string;
  /** Markdown. */
  tooltip?: string;
  icon: string;
  contextValue: string;
  collapsible: Collapsible;
  children: ViewNode[];
  /** Text "Copy summary" puts on the clipboard (the root only). */
  copyText?: string;
}
