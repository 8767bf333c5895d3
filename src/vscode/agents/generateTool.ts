// generatorYoutube_generate: the right-click "Generate YouTube video" for an agent. Checks the files, uploads
// them with the same progress notification, then sends the prompt through the chat panel (the transcript
// shows it), and answers with the editor's reply and the timeline.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { formatBytes } from '../../core';
import { DEFAULT_PROMPT, promptWithAspect } from '../../core/agent';
import { uploadWithProgress } from '../ui/uploadWithProgress';
import { type AgentEnv, checkedArgs, result, runChatWork, ToolError, workflowFor } from './toolKit';
import { collectTurn } from './turnText';

interface Input {
  files?: unknown;
  prompt?: unknown;
  aspect?: unknown;
}

function backendName(env: AgentEnv): string {
  return env.services.backend.kind === 'local' ? env.tr('the local engine on this computer') : env.tr('NemoVideo (cloud)');
}

export function generateTool(env: AgentEnv): vscode.LanguageModelTool<Input> {
  const { tr, services, chat } = env;
  return {
    prepareInvocation(options) {
      const files = Array.isArray(options.input.files) ? options.input.files.filter((f): f is string => typeof f === 'string') : [];
      const sizes = files.map((f) => {
        try {
          return fs.statSync(f).size;
        } catch {
          return 0;
        }
      });
      const total = sizes.reduce((a, b) => a + b, 0);
      return {
        invocationMessage: tr('Generating a video from {0} file(s)', files.length),
        confirmationMessages: {
          title: tr('Generator YouTube: upload {0} file(s) and generate a video?', files.length),
          message: new vscode.MarkdownString(
            tr('Uploads {0} ({1}) to {2} and spends credits.', files.map((f) => path.basename(f)).join(', '), formatBytes(total), backendName(env)),
          ),
        },
      };
    },
    async invoke(options, token) {
      const args = checkedArgs(env, 'generate', options.input);
      // The same rule as the UI: never a second turn while one runs (the backend would do the work twice).
      if (chat.busy) throw new ToolError(tr('The chat is still working on the last message. Wait for it to finish (or stop it), then try again.'));
      const workflow = await workflowFor(env);
      const prompt = promptWithAspect(args.prompt ?? (services.config.settings.defaultPrompt || DEFAULT_PROMPT), args.aspect);
      // Cancelling the agent's request stops the upload or the chat turn (the chat's Stop): nothing more is sent.
      const { turn, report } = await runChatWork(
        env,
        token,
        async (signal) => {
          await workflow.client.checkUploadFiles(args.files);
          const uploaded = await uploadWithProgress({ ...env }, workflow, args.files, signal);
          chat.notice(tr('An agent uploaded {0} file(s): {1}', uploaded.files.length, args.files.map((f) => path.basename(f)).join(', ')));
          return collectTurn(chat, prompt, signal);
        },
        { failAfterStopIsStop: true },
      );
      return result(
        [
          tr('Uploaded {0} file(s) and asked the editor: "{1}".', args.files.length, prompt),
          turn.reply && tr('The editor replied: {0}', turn.reply),
          ...turn.notes,
          report?.summary,
          report?.exportReady ? tr('Call {0} to render and save the MP4.', 'generatorYoutube_export') : tr('The timeline has nothing to export yet.'),
        ],
        { files: args.files, outcome: turn.outcome, timeline: report },
      );
    },
  };
}
