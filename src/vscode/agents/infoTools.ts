// generatorYoutube_status and generatorYoutube_credits: the free, read-only tools. Status refreshes the
// Timeline view (every view shows the same draft); credits refreshes the status bar.
import type * as vscode from 'vscode';
import { t } from '../../core';
import { jobsText, timelineReport } from '../../core/agent';
import { type AgentEnv, asToolError, checkedArgs, result, workflowFor } from './toolKit';

export function statusTool(env: AgentEnv): vscode.LanguageModelTool<Record<string, never>> {
  const { tr, services, renders } = env;
  return {
    prepareInvocation: () => ({ invocationMessage: tr('Reading the timeline') }),
    async invoke(options) {
      checkedArgs(env, 'status', options.input);
      const workflow = await workflowFor(env);
      const session = workflow.session;
      if (!session) return result([tr('There is no video yet: call {0} with the clips first.', 'generatorYoutube_generate')], { session: null });
      try {
        const timeline = await services.backend.refreshTimeline();
        const report = timeline ? timelineReport(timeline, services.backend.lang) : undefined;
        const jobs = renders.jobs().filter((j) => j.sessionId === session.sessionId);
        return result([report?.summary, jobsText(jobs, services.backend.lang)], { sessionId: session.sessionId, timeline: report, exports: jobs });
      } catch (e) {
        throw asToolError(e);
      }
    },
  };
}

export function creditsTool(env: AgentEnv): vscode.LanguageModelTool<Record<string, never>> {
  const { tr, services } = env;
  return {
    prepareInvocation: () => ({ invocationMessage: tr('Checking the credit balance') }),
    async invoke(options) {
      checkedArgs(env, 'credits', options.input);
      const workflow = await workflowFor(env);
      try {
        const c = await workflow.credits();
        void env.statusBar.refresh();
        return result([t(services.backend.lang, 'credits.line', { available: c.available, frozen: c.frozen, total: c.total })], { ...c });
      } catch (e) {
        throw asToolError(e);
      }
    },
  };
}
