// Exports and the Render Jobs view: the export commands, the view and its item actions, and resuming the
// jobs a previous window left running.
//
// Resuming needs the extension to be active after a restart even if the user opens none of our views:
// that is why package.json lists "onStartupFinished" (it activates after the workbench is up, so it never
// slows VS Code's start). activate() itself stays cheap: resumeUnfinished runs after it returns, reads
// globalState once, and connects to the backend only when a stored job still needs work.
import * as vscode from 'vscode';
import { COMMANDS, VIEWS } from '../ids';
import type { Services } from '../services';
import type { ViewNode } from '../ui/viewNode';
import { Renders } from './controller';
import { errorText } from '../ui/errors';
import { askExportOptions } from './exportOptions';
import type { TrackedJob } from '../../core';
import { RenderJobsProvider } from './provider';
import { registerKitCommands } from './kitCommands';

export interface RendersRegistration {
  readonly renders: Renders;
  readonly provider: RenderJobsProvider;
  readonly treeView: vscode.TreeView<ViewNode>;
  /** The deferred startup resume (tests await it). */
  readonly resumed: Promise<readonly TrackedJob[]>;
}

export function registerRendersView(context: vscode.ExtensionContext, services: Services): RendersRegistration {
  const renders = new Renders(services);
  const provider = new RenderJobsProvider(renders);
  const treeView = vscode.window.createTreeView(VIEWS.renders, { treeDataProvider: provider });
  const load = (): void => {
    renders.connect().catch((e: unknown) => {
      treeView.message = renders.t('Could not load the render jobs: {0}', errorText(e));
    });
  };

  /** Item commands receive the row; from elsewhere (keybinding) there is no row and nothing to do. */
  const onJob = (fn: (job: TrackedJob) => unknown) => (node?: ViewNode) => {
    const job = provider.jobOf(node);
    return job ? fn(job) : undefined;
  };

  context.subscriptions.push(
    renders,
    provider,
    treeView,
    treeView.onDidChangeVisibility((e) => {
      if (e.visible) load();
    }),
    renders.onDidChange(() => {
      if (treeView.message && renders.trackedJobs().length > 0) treeView.message = undefined;
    }),
    services.backend.onDidChange(() => {
      renders.disconnect();
      if (treeView.visible) load();
    }),
    vscode.commands.registerCommand(COMMANDS.export, () => renders.exportCurrent()),
    vscode.commands.registerCommand(COMMANDS.exportWithOptions, async () => {
      const output = await askExportOptions(renders.t);
      return output ? renders.exportCurrent({ output }) : undefined;
    }),
    vscode.commands.registerCommand(COMMANDS.renderOpen, onJob((j) => renders.open(j))),
    vscode.commands.registerCommand(COMMANDS.renderReveal, onJob((j) => renders.reveal(j))),
    vscode.commands.registerCommand(COMMANDS.renderCopyLink, onJob((j) => renders.copyLink(j))),
    vscode.commands.registerCommand(COMMANDS.renderDownloadAgain, onJob((j) => renders.downloadAgain(j))),
    vscode.commands.registerCommand(COMMANDS.renderRetry, onJob((j) => renders.retry(j))),
    vscode.commands.registerCommand(COMMANDS.renderCheckAgain, onJob((j) => renders.checkAgain(j))),
    vscode.commands.registerCommand(COMMANDS.renderRemove, onJob((j) => renders.remove(j))),
    ...registerKitCommands(services, renders, provider),
    vscode.commands.registerCommand(COMMANDS.renderCancel, onJob((j) => renders.cancel(j))),
  );

  // After activate() returns (setTimeout 0): activation never waits on storage, network or the engine.
  const resumed = new Promise<readonly TrackedJob[]>((resolve) => {
    const timer = setTimeout(() => {
      if (treeView.visible) load();
      renders.resumeUnfinished().then(resolve, (e: unknown) => {
        services.logger.warn(`could not resume render jobs: ${errorText(e)}`);
        resolve([]);
      });
    }, 0);
    context.subscriptions.push({ dispose: () => clearTimeout(timer) });
  });
  return { renders, provider, treeView, resumed };
}

/**
 * The contract entry point (src/vscode/contracts.ts): returns the RenderController other features use.
 * The view parts ride along on `renders.ui` for the integration tests (reached through activate()'s return).
 */
export function registerRenders(context: vscode.ExtensionContext, services: Services): Renders {
  const reg = registerRendersView(context, services);
  reg.renders.ui = reg;
  return reg.renders;
}
