// Session commands: start a fresh session, and continue the current one in NemoVideo's web editor
// through a one-time claim link (the browser never sees the API token).
import * as vscode from 'vscode';
import type { StoredSession } from '../../core';
import { COMMANDS } from '../ids';
import { connect } from './connect';
import type { CommandEnv } from './env';
import { presentError } from '../ui/errors';

export function newSessionCommand(env: CommandEnv): () => Promise<StoredSession | undefined> {
  return async () => {
    const { services, tr, chat } = env;
    if (chat.busy) {
      void vscode.window.showWarningMessage(tr('The chat is still working on the last message. Wait for it to finish (or stop it), then start a new session.'));
      return undefined;
    }
    const workflow = await connect(env, 'new session');
    if (!workflow) return undefined;
    try {
      const session = await workflow.newSession();
      services.backend.sessionChanged();
      services.backend.publishTimeline(null);
      void vscode.window.showInformationMessage(tr('Started a new session with an empty timeline.'));
      return session;
    } catch (err) {
      await presentError(services, tr, err, { what: 'new session', retry: () => vscode.commands.executeCommand(COMMANDS.newSession) });
      return undefined;
    }
  };
}

export function openInBrowserCommand(env: CommandEnv): () => Promise<string | undefined> {
  return async () => {
    const { services, tr } = env;
    const workflow = await connect(env, 'open in browser');
    if (!workflow) return undefined;
    try {
      const link = await workflow.claimLink();
      services.logger.info('open in browser: claim link created'); // the link itself is a credential: not logged
      const opened = await vscode.env.openExternal(vscode.Uri.parse(link.url));
      if (!opened) {
        await vscode.env.clipboard.writeText(link.url);
        void vscode.window.showInformationMessage(tr('The browser could not be opened. The link was copied: paste it into your browser to continue in NemoVideo.'));
      }
      return link.url;
    } catch (err) {
      await presentError(services, tr, err, { what: 'open in browser', retry: () => vscode.commands.executeCommand(COMMANDS.openInBrowser) });
      return undefined;
    }
  };
}
