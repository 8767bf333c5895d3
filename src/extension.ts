// activate() reads like a table of contents: build the services once, then let each feature register
// itself. No network or disk work happens here; everything heavy is lazy (first command, first view).
import * as vscode from 'vscode';
import { createServices } from './vscode/services';
import { registerOpenChat } from './vscode/commands/openChat';

export function activate(context: vscode.ExtensionContext): void {
  const services = createServices(context);
  registerOpenChat(context, services);
}

export function deactivate(): void {
  // Everything is owned by context.subscriptions and disposed by VS Code.
}
