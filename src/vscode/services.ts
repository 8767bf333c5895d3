// The extension's services, built once in activate() and passed explicitly to each feature's register
// function (no global singletons, no service locator). Construction does no network or disk work.
import * as vscode from 'vscode';
import type { Logger } from '../core';
import { Backend } from './backend';
import { Config } from './platform/config';
import { channelLogger } from './platform/logger';

export interface Services {
  readonly context: vscode.ExtensionContext;
  /** The "Generator YouTube" output channel; prefer `logger`, which redacts tokens. */
  readonly channel: vscode.LogOutputChannel;
  readonly logger: Logger;
  readonly config: Config;
  readonly backend: Backend;
}

export function createServices(context: vscode.ExtensionContext): Services {
  const channel = vscode.window.createOutputChannel('Generator YouTube', { log: true });
  const logger = channelLogger(channel);
  const config = new Config(channel);
  const backend = new Backend(context, config, logger);
  context.subscriptions.push(channel, config, backend);
  return { context, channel, logger, config, backend };
}
