// The Render Jobs view's TreeDataProvider: rebuilds plain nodes from the controller's job list whenever it
// changes, and maps them to TreeItems. The node → job mapping is kept so item commands get the job.
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { ViewNode } from '../ui/viewNode';
import { DisposableStore } from '../ui/lifecycle';
import { toTreeItem } from '../ui/treeItems';
import type { Renders } from './controller';
import type { TrackedJob } from '../../core';
import { buildJobNodes } from './nodes';
import { COMMANDS } from '../ids';
import { type KitNode, loadKit } from './kitNodes';

export class RenderJobsProvider implements vscode.TreeDataProvider<ViewNode>, vscode.Disposable {
  private nodes: ViewNode[] = [];
  private readonly jobsById = new Map<string, TrackedJob>();
  private readonly owned = new DisposableStore();
  private readonly changed = this.owned.add(new vscode.EventEmitter<undefined>());
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly renders: Renders) {
    this.owned.add(renders.onDidChange(() => this.rebuild()));
    this.rebuild();
  }

  private rebuild(): void {
    const jobs = this.renders.trackedJobs();
    this.jobsById.clear();
    this.nodes = buildJobNodes(jobs, this.renders.activity, { t: this.renders.t, fileExists: (p) => fs.existsSync(p), kitOf: (j) => loadKit(j.localPath) });
    for (const j of jobs) this.jobsById.set(`render/${j.id}`, j);
    // Kit rows lead to their job too (their commands receive the row).
    for (const n of this.nodes) for (const c of n.children) this.jobsById.set(c.id, this.jobsById.get(n.id)!);
    this.changed.fire(undefined);
  }

  /** The job behind a row (item commands receive the node). */
  jobOf(node: ViewNode | undefined): TrackedJob | undefined {
    return node ? this.jobsById.get(node.id) : undefined;
  }

  /** The rows as shown, for tests and the e2e check. */
  get rows(): readonly ViewNode[] {
    return this.nodes;
  }

  /** Rebuilds after the kit's files changed on disk (made again, thumbnail chosen, captions burned). */
  refresh(): void {
    this.rebuild();
  }

  getTreeItem(node: ViewNode): vscode.TreeItem {
    return toTreeItem(node, 'row' in node ? kitClick(node as KitNode) : undefined);
  }

  getChildren(node?: ViewNode): ViewNode[] {
    return node ? node.children : this.nodes;
  }

  dispose(): void {
    this.owned.dispose();
  }
}

/** A kit row's click: open its file (image preview, text editor, page), or run its command. */
function kitClick(node: KitNode): vscode.Command | undefined {
  switch (node.row) {
    case 'title':
      return { command: COMMANDS.kitCopyTitle, title: node.label, arguments: [node] };
    case 'description':
      return { command: COMMANDS.kitCopyDescription, title: node.label, arguments: [node] };
    case 'tags':
      return { command: COMMANDS.kitCopyTags, title: node.label, arguments: [node] };
    case 'choose':
      return { command: COMMANDS.kitChooseThumbnail, title: node.label, arguments: [node] };
    case 'burn':
      return { command: COMMANDS.kitBurnCaptions, title: node.label, arguments: [node] };
    case 'page':
    case 'chapters':
      return node.file ? { command: 'markdown.showPreview', title: node.label, arguments: [vscode.Uri.file(node.file)] } : undefined;
    default:
      // Thumbnail → VS Code's image preview; captions → a text editor; captioned video → the video preview.
      return node.file ? { command: 'vscode.open', title: node.label, arguments: [vscode.Uri.file(node.file)] } : undefined;
  }
}
