// The chat feature's entry point for activate(): the webview view provider, its title-bar commands, and
// the ChatController the other features (commands, status) use.
import * as vscode from 'vscode';
import { translator } from '../ui/l10n';
import type { ChatController, PlannerHelper, RenderController } from '../contracts';
import { COMMANDS, VIEWS } from '../ids';
import type { Services } from '../services';
import { ChatPanel } from './panel';

export function registerChat(context: vscode.ExtensionContext, services: Services, deps: { renders: RenderController; plannerHelper?: PlannerHelper }): ChatController {
  const panel = new ChatPanel(services, translator(services), deps.renders, deps.plannerHelper);
  context.subscriptions.push(
    panel,
    // Not retained when hidden (memory): the host keeps the transcript and replays it when the view shows.
    vscode.window.registerWebviewViewProvider(VIEWS.chat, panel),
    vscode.commands.registerCommand(COMMANDS.chatSessions, () => panel.pickSession()),
  );
  return panel;
}
