// "Credits": the balance in detail, with "Register" (anonymous) or "Top up" (registered) when it runs low.
import * as vscode from 'vscode';
import type { Credits } from '../../core';
import { COMMANDS } from '../ids';
import { accountUrl, LOW_CREDITS } from '../ui/accountLinks';
import { connect } from './connect';
import type { CommandEnv } from './env';
import { presentError } from '../ui/errors';

export function creditsCommand(env: CommandEnv): () => Promise<Credits | undefined> {
  return async () => {
    const { services, tr } = env;
    const workflow = await connect(env, 'credits');
    if (!workflow) return undefined;
    try {
      const [credits, identity] = await Promise.all([workflow.credits(), workflow.identity()]);
      env.statusBar.show(credits, identity);
      services.logger.info(`credits: ${credits.available} available, ${credits.frozen} reserved (${identity.anonymous ? 'anonymous' : 'account'})`);
      const low = credits.available < LOW_CREDITS;
      const lines = [
        tr('{0} credits available, {1} reserved, {2} total.', credits.available, credits.frozen, credits.total),
        identity.anonymous ? tr('You are using a free anonymous account.') : '',
        low ? (identity.anonymous ? tr('Register to get more credits and keep your work.') : tr('Top up to keep editing.')) : '',
      ];
      const button = identity.anonymous ? tr('Register') : tr('Top up');
      // Not awaited: the command is done once the balance is shown; the button works whenever it is clicked.
      void vscode.window
        .showInformationMessage(lines.filter(Boolean).join(services.config.settings.language === 'zh' ? '' : ' '), ...(low ? [button] : []))
        .then((pick) => (pick === button ? vscode.env.openExternal(vscode.Uri.parse(accountUrl(services.config.settings.webUrl, identity))) : undefined));
      return credits;
    } catch (err) {
      await presentError(services, tr, err, { what: 'credits', retry: () => vscode.commands.executeCommand(COMMANDS.credits) });
      return undefined;
    }
  };
}
