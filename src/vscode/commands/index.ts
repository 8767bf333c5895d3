// The editor-side ways in: every Generator YouTube command except "Open Chat" (openChat.ts) and "Export"
// (owned by the render jobs feature). Each handler returns what it did, so the integration tests (and other
// features calling executeCommand) can check the effect without scraping the UI.
import * as vscode from 'vscode';
import type { ChatController, CreditsDisplay, RenderController } from '../contracts';
import { COMMANDS } from '../ids';
import type { Services } from '../services';
import { creditsCommand } from './credits';
import type { CommandEnv } from './env';
import { generateCommand } from './generate';
import { translator } from '../ui/l10n';
import { newSessionCommand, openInBrowserCommand } from './session';
import { showStatusCommand } from './status';
import { setTokenCommand, signOutCommand } from './token';
import { uploadCommand } from './upload';
import { followExports } from './walkthroughProgress';

export interface CommandDeps {
  readonly chat: ChatController;
  readonly renders: RenderController;
  readonly statusBar: CreditsDisplay;
}

export function registerCommands(context: vscode.ExtensionContext, services: Services, deps: CommandDeps): void {
  const env: CommandEnv = { services, ...deps, tr: translator(services) };
  // Partial: other features (chat, renders) register their own ids from the same COMMANDS table.
  const handlers: Partial<Record<keyof typeof COMMANDS, (...args: unknown[]) => unknown>> = {
    generate: generateCommand(env),
    upload: uploadCommand(env),
    showStatus: showStatusCommand(env),
    credits: creditsCommand(env),
    newSession: newSessionCommand(env),
    openInBrowser: openInBrowserCommand(env),
    setToken: setTokenCommand(env),
    signOut: signOutCommand(env),
  };
  followExports(context, deps.renders);
  for (const [name, handler] of Object.entries(handlers) as Array<[keyof typeof COMMANDS, (...args: unknown[]) => unknown]>) {
    context.subscriptions.push(
      vscode.commands.registerCommand(COMMANDS[name], async (...args: unknown[]) => {
        const started = Date.now();
        services.logger.info(`command ${COMMANDS[name]}`);
        try {
          return await handler(...args);
        } finally {
          services.logger.info(`command ${COMMANDS[name]} finished in ${Date.now() - started} ms`);
        }
      }),
    );
  }
}
