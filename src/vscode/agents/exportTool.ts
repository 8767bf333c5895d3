// generatorYoutube_export: the Export command for an agent. The Render Jobs view shows the job as for any
// export; the tool waits until the MP4 is saved (into the folder it was given, else the output folder
// setting). Cancelling stops waiting only: the job continues in the Render Jobs view.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { summarizeTimeline } from '../../core';
import { type AgentEnv, asToolError, checkedArgs, result, ToolError, whenCancelled, workflowFor } from './toolKit';

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
      const cancelled = whenCancelled(token);
      try {
        const outcome = await Promise.race([renders.exportCurrent({ quiet: true, outDir: args.outDir }), cancelled.promise]);
        if (outcome === 'cancelled') throw new ToolError(tr('Stopped waiting. The export continues in the Render Jobs view.'));
        if (!outcome) throw new ToolError(tr('Nothing to export yet: the timeline has no clips. Generate a video from a clip, or upload footage and describe the video in the chat first.'));
        if (outcome.status === 'failed') throw new ToolError(tr('The export failed: {0}', outcome.error ?? ''));
        if (outcome.status !== 'completed' || !outcome.localPath) throw new ToolError(tr('The export stopped before the file was saved ({0}). It is listed in the Render Jobs view.', outcome.status));
        const timeline = services.backend.timeline;
        return result([tr('The video was exported and saved to {0}.', outcome.localPath), timeline ? summarizeTimeline(timeline, services.backend.lang) : undefined], {
          path: outcome.localPath,
          jobId: outcome.id,
          link: outcome.outputUrl,
        });
      } catch (e) {
        throw asToolError(e);
      } finally {
        cancelled.dispose();
      }
    },
  };
}
