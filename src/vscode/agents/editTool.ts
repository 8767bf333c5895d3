// generatorYoutube_edit: one instruction for the current video, sent through the chat panel exactly as if
// the user typed it (the transcript and the Timeline view follow).
import * as vscode from 'vscode';
import { type AgentEnv, checkedArgs, result, runChatWork, ToolError, workflowFor } from './toolKit';
import { collectTurn } from './turnText';

interface Input {
  instruction?: unknown;
}

export function editTool(env: AgentEnv): vscode.LanguageModelTool<Input> {
  const { tr, chat } = env;
  return {
    prepareInvocation(options) {
      const instruction = typeof options.input.instruction === 'string' ? options.input.instruction.slice(0, 300) : '';
      return {
        invocationMessage: tr('Editing the video: {0}', instruction),
        confirmationMessages: {
          title: tr('Generator YouTube: edit the video?'),
          message: new vscode.MarkdownString(tr('Sends "{0}" to the editor. Edits spend credits.', instruction)),
        },
      };
    },
    async invoke(options, token) {
      const args = checkedArgs(env, 'edit', options.input);
      const workflow = await workflowFor(env);
      if (!workflow.session) throw new ToolError(tr('There is no video yet: call {0} with the clips first.', 'generatorYoutube_generate'));
      if (chat.busy) throw new ToolError(tr('The chat is still working on the last message. Wait for it to finish (or stop it), then try again.'));
      // Cancelling the agent's request is the chat's Stop: stop listening, never re-send.
      const { turn, report } = await runChatWork(env, token, (signal) => collectTurn(chat, args.instruction, signal));
      return result([turn.reply && tr('The editor replied: {0}', turn.reply), ...turn.notes, report?.summary], { outcome: turn.outcome, reply: turn.reply, timeline: report });
    },
  };
}
