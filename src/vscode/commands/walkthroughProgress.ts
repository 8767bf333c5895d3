// Ticks the walkthrough's steps whatever the way in. Its `onCommand:` completion events only see commands
// run through the workbench (palette, menus, buttons); a command or export started from inside the extension
// (the chat's "export" intent, "Export now" after Generate) never reaches them. So the steps also complete on
// context keys that we set when the thing really happened: `onContext:generatorYoutube.walkthrough.<step>`.
import * as vscode from 'vscode';
import type { RenderController } from '../contracts';

export type WalkthroughMark = 'generated' | 'exported';

export function markWalkthrough(step: WalkthroughMark): void {
  void vscode.commands.executeCommand('setContext', `generatorYoutube.walkthrough.${step}`, true);
}

/** Marks "export" done when any export (from any way in) has finished and was downloaded. */
export function followExports(context: vscode.ExtensionContext, renders: RenderController): void {
  context.subscriptions.push(
    renders.onDidUpdateJob((job) => {
      if (job.status === 'completed' && job.localPath) markWalkthrough('exported');
    }),
  );
}
