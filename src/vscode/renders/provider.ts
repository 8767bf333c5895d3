// The Render Jobs view's TreeDataProvider: rebuilds plain nodes from the controller's job list whenever it
// changes, and maps them to TreeItems. The node → job mapping is kept so item commands get the job.
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { ViewNode } from '../ui/viewNode';
import { DisposableStore } from '../ui/lifecycle';
import { toTreeItem } from '../ui/treeItems';
import type { Renders } from './controller';
import type { TrackedJob } from './jobStore';
import { buildJobNodes } from './nodes';

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
    for (const j of jobs) this.jobsById.set(`render/${j.id}`, j);
    this.nodes = buildJobNodes(jobs, this.renders.activity, { t: this.renders.t, fileExists: (p) => fs.existsSync(p) });
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

  getTreeItem(node: ViewNode): vscode.TreeItem {
    return toTreeItem(node);
  }

  getChildren(node?: ViewNode): ViewNode[] {
    return node ? [] : this.nodes;
  }

  dispose(): void {
    this.owned.dispose();
  }
}
