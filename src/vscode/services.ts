// The extension's services, built once in activate() and passed explicitly to each feature's register
// function (no global singletons, no service locator).
import * as vscode from 'vscode';

export interface Services {
  readonly log: vscode.LogOutputChannel;
}

export function createServices(context: vscode.ExtensionContext): Services {
  const log = vscode.window.createOutputChannel('Generator YouTube', { log: true });
  context.subscriptions.push(log);
  return { log };
}
