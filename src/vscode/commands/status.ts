// "Show status": the timeline summary in the contract's words, and the Timeline view revealed.
import * as vscode from 'vscode';
import { isExportReady, summarizeTimeline, type Timeline } from '../../core';
import { COMMANDS, VIEWS } from '../ids';
import { connect } from './connect';
import type { CommandEnv } from './env';
import { noSessionText } from '../ui/errorActions';
import { presentError } from '../ui/errors';

export function showStatusCommand(env: CommandEnv): () => Promise<Timeline | null> {
  return async () => {
    const { services, tr, renders } = env;
    const workflow = await connect(env, 'status');
    if (!workflow) return null;
    if (!workflow.session) {
      const generate = tr('Generate from a clip…');
      void vscode.window
        .showInformationMessage(noSessionText(tr), generate)
        .then((pick) => (pick === generate ? vscode.commands.executeCommand(COMMANDS.generate) : undefined));
      return null;
    }
    try {
      const timeline = await services.backend.refreshTimeline();
      if (!timeline) return null;
      await vscode.commands.executeCommand(`${VIEWS.timeline}.focus`);
      const summary = summarizeTimeline(timeline, services.backend.lang);
      const exportNow = tr('Export');
      const actions = isExportReady(timeline) ? [exportNow] : [];
      void vscode.window.showInformationMessage(summary, ...actions).then((pick) => (pick === exportNow ? renders.exportCurrent() : undefined));
      return timeline;
    } catch (err) {
      await presentError(services, tr, err, { what: 'status', retry: () => vscode.commands.executeCommand(COMMANDS.showStatus) });
      return null;
    }
  };
}
