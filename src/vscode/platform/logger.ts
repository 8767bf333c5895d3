// The core's Logger over the "Generator YouTube" LogOutputChannel. The core already redacts what it logs;
// this wrapper redacts again so that nothing the extension itself logs can carry a token either.
import type * as vscode from 'vscode';
import { type Logger, redactingLogger } from '../../core/api/logger';

export function channelLogger(channel: vscode.LogOutputChannel): Logger {
  return redactingLogger({
    info: (m) => channel.info(m),
    warn: (m) => channel.warn(m),
    error: (m) => channel.error(m),
    debug: (m) => channel.debug(m),
  });
}
