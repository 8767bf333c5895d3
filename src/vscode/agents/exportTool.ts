// generatorYoutube_export: the Export command for an agent. The Render Jobs view shows the job as for any
// export; the tool waits until the MP4 is saved (into the folder it was given, else the output folder
// setting), and names the upload kit written beside it. Cancelling the agent's request cancels the export on the backend (Workflow.cancelExport, the one
// cancel flow of the core); where the backend cannot cancel, the tool says the job may still finish.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { isFinished, summarizeTimeline } from '../../core';
import { kitReport } from '../../core/agent';
import { abortOn, type AgentEnv, asToolError, checkedArgs, result, ToolError, workflowFor } from './toolKit';

interface Input {
  outDir?: unknown;
}

export function exportTool(env: AgentEnv): vscode.LanguageModelTool<Input> {
  const { tr, services, renders } = env;
  return {
    prepareInvocation: () => ({ invocationMessage: tr('Exporting the video') }),
    async invoke(options, token) {
      const args = checkedArgs(env, 'export', options.input);
      if (args.outDir !== undefined && !path.isAbsolute(args.outDir)) throw new ToolError(tr('outDir must be an absolute folder path, e.g. {0}.', path.join(path.sep, 'home', 'me', 'Videos')));
      const workflow = await workflowFor(env);
      if (!workflow.session) throw new ToolError(tr('There is no video yet: call {0} with the clips first.', 'generatorYoutube_generate'));
      const stop = abortOn(token);
      try {
        const outcome = await renders.exportCurrent({ quiet: true, outDir: args.outDir, signal: stop.signal });
        if (token.isCancellationRequested && outcome && !isFinished(outcome)) {
          // The agent's request was cancelled: cancel the render too (its text says when the backend cannot).
          const cancelled = await workflow.cancelExport(outcome.id);
          services.logger.info(`agent export ${outcome.id}: ${cancelled.outcome}`);
          throw new ToolError(cancelled.text);
        }
        if (!outcome) throw new ToolError(tr('Nothing to export yet: the timeline has no clips. Generate a video from a clip, or upload footage and describe the video in the chat first.'));
        if (outcome.status === 'failed') throw new ToolError(tr('The export failed: {0}', outcome.error ?? ''));
        if (outcome.status !== 'completed' || !outcome.localPath) throw new ToolError(tr('The export stopped before the file was saved ({0}). It is listed in the Render Jobs view.', outcome.status));
        const timeline = services.backend.timeline;
        // The upload kit the export flow wrote beside the MP4, named as the MCP server names it (the core's kitReport).
        const kit = kitReport(renders.lastKit(outcome.id) ?? {}, services.backend.lang);
        return result([tr('The video was exported and saved to {0}.', outcome.localPath), ...kit.lines, timeline ? summarizeTimeline(timeline, services.backend.lang) : undefined], {
          path: outcome.localPath,
          jobId: outcome.id,
          link: outcome.outputUrl,
          kit: kit.data,
        });
      } catch (e) {
        throw asToolError(e);
      } finally {
        stop.dispose();
      }
    },
  };
}
