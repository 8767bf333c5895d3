import * as vscode from 'vscode';
import type { Services } from '../services';
import { COMMANDS, VIEWS } from '../ids';

/** Reveals the Generator YouTube container and focuses the chat view. */
export function registerOpenChat(context: vscode.ExtensionContext, _services: Services): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.openChat, async () => {
      await vscode.commands.executeCommand(`${VIEWS.chat}.focus`);
    }),
  );
}
