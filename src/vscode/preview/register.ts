// The preview feature: the `generatorYoutube.preview` command (palette, Timeline and Chat view title bars)
// and the link from the Timeline view: selecting a segment there moves the preview's playhead to it.
import * as vscode from 'vscode';
import { translator } from '../ui/l10n';
import type { RenderController } from '../contracts';
import { COMMANDS } from '../ids';
import type { Services } from '../services';
import type { ViewNode } from '../ui/viewNode';
import { seekTargetMs } from './lanes';
import { PreviewPanel } from './panel';

export function registerPreview(
  context: vscode.ExtensionContext,
  services: Services,
  deps: { renders: RenderController; timelineView: vscode.TreeView<ViewNode> },
): PreviewPanel {
  const panel = new PreviewPanel(services, translator(services), deps.renders);
  context.subscriptions.push(
    panel,
    vscode.commands.registerCommand(COMMANDS.preview, () => panel.show()),
    deps.timelineView.onDidChangeSelection((e) => {
      const node = e.selection[0];
      if (!node || !panel.visible) return;
      const ms = seekTargetMs(services.backend.timeline, node.id);
      if (ms !== undefined) panel.seek(ms);
    }),
  );
  return panel;
}
