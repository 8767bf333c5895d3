// "Generate YouTube video": the right-click way in. Selected clips (plus optional music/images) are checked,
// uploaded with one progress notification, then the default prompt goes through the chat panel so the reply
// streams where the user can keep refining. When the draft can be exported, "Export now" and "Preview" are offered.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { isExportReady, isNemoError, type TurnOutcome } from '../../core';
import { COMMANDS } from '../ids';
import { connect } from './connect';
import type { CommandEnv } from './env';
import { presentError } from '../ui/errors';
import { fingerprint, GeneratedFiles } from './generatedFiles';
import { explorerSelection, pickMediaFiles } from './pickMedia';
import { uploadWithProgress } from '../ui/uploadWithProgress';
import { markWalkthrough } from './walkthroughProgress';
import { echoSafe } from '../platform/stores';

export interface GenerateResult {
  readonly outcome: TurnOutcome | 'cancelled';
  readonly exported?: boolean;
}

export function generateCommand(env: CommandEnv): (uri?: unknown, uris?: unknown) => Promise<GenerateResult> {
  const memory = new GeneratedFiles(echoSafe(env.services.context.globalState));
  return async (uri, uris) => {
    const { services, tr, chat, renders } = env;
    let files = explorerSelection(uri, uris);
    if (files.length === 0) files = await pickMediaFiles(tr, tr('Choose the clips for your YouTube video'));
    if (files.length === 0) return { outcome: 'cancelled' };
    if (chat.busy) {
      // Never start a second turn while one may still be running (the backend would do the work twice).
      void vscode.window.showWarningMessage(tr('The chat is still working on the last message. Wait for it to finish (or stop it), then try again.'));
      return { outcome: 'cancelled' };
    }
    const workflow = await connect(env, 'generate');
    if (!workflow) return { outcome: 'error' };
    const names = files.map((f) => path.basename(f)).join(', ');
    const started = Date.now();
    services.logger.info(`generate: ${files.length} file(s): ${names}`);
    try {
      // Check type and size first: a bad file costs nothing, not even a session.
      await workflow.checkUploadFiles(files);
      const session = await workflow.ensureSession();
      const sessionKey = `${workflow.backendKey}|${session.sessionId}`;
      const prints = await Promise.all(files.map(fingerprint));
      if (memory.seen(sessionKey, prints).length === prints.length) {
        const again = tr('Generate again');
        const pick = await vscode.window.showWarningMessage(
          tr('You already generated a video from {0} in this session. Generating again uploads the files again and spends credits again.', names),
          { modal: true },
          again,
        );
        if (pick !== again) return { outcome: 'cancelled' };
      }
      const uploaded = await uploadWithProgress(env, workflow, files);
      chat.notice(tr('Uploaded {0} file(s): {1}', uploaded.files.length, names));
      void services.backend.refreshTimeline().catch(() => undefined);
      await chat.reveal();
      const outcome = await chat.send(services.config.settings.defaultPrompt);
      services.logger.info(`generate: turn ended "${outcome}" after ${((Date.now() - started) / 1000).toFixed(1)} s`);
      // An errored turn spent nothing (e.g. out of credits), so running again should not ask.
      if (outcome !== 'error') {
        await memory.remember(sessionKey, prints);
        markWalkthrough('generated');
      }
      void env.statusBar.refresh();
      const timeline = await services.backend.refreshTimeline();
      if (!timeline || !isExportReady(timeline)) return { outcome };
      const exportNow = tr('Export now');
      const preview = tr('Preview');
      const pick = await vscode.window.showInformationMessage(
        timeline.tracks.length === 1
          ? tr('Your draft is ready (1 track). Export the video now, or keep refining it in the chat.')
          : tr('Your draft is ready ({0} tracks). Export the video now, or keep refining it in the chat.', timeline.tracks.length),
        exportNow,
        preview,
      );
      if (pick === preview) await vscode.commands.executeCommand(COMMANDS.preview);
      if (pick !== exportNow) return { outcome, exported: false };
      const job = await renders.exportCurrent();
      return { outcome, exported: job?.status === 'completed' };
    } catch (err) {
      void env.statusBar.refresh();
      await presentError(services, tr, err, { what: 'generate' });
      return { outcome: isNemoError(err) && err.kind === 'cancelled' ? 'cancelled' : 'error' };
    }
  };
}
