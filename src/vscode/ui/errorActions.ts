// What each NemoError.action does in the editor. ONE meaning per action, whichever surface showed the
// error: a notification (commands, exports, the Timeline view), a chat transcript entry, a Render Jobs
// failure. Before this file there were three handlers and "Check status" ran Show Status in one, opened the
// chat in another and sent "Status" in the third. A surface only decides two things: what "Try again"
// repeats there (the failed command, the export, the chat's last message), and where it also keeps what
// the action showed (the chat appends it to its transcript; notifications have nowhere to keep it).
import * as vscode from 'vscode';
import { ACCEPTED_TYPES, type RecoveryAction, type Timeline } from '../../core';
import { COMMANDS } from '../ids';
import type { Services } from '../services';
import type { Tr } from './l10n';

export interface ActionSurface {
  /** What "Try again" repeats here; without it the retry button is left out. */
  readonly retry?: () => unknown;
  /** The surface also keeps the explanation the action showed (the chat's transcript). */
  readonly note?: (text: string) => void;
  /** The surface also keeps the status the action fetched (the chat's status card). */
  readonly statusShown?: (timeline: Timeline) => void;
}

/** Whether a button is offered for the action on this surface ("Try again" needs something to repeat). */
export function offersAction(action: Pick<RecoveryAction, 'id'>, surface: Pick<ActionSurface, 'retry'>): boolean {
  return action.id !== 'none' && (action.id !== 'retry' || surface.retry !== undefined);
}

/** Only web pages: a link from an error (server text may end up in it) never opens a command: or file: URI. */
function webLink(url: string | undefined): string | undefined {
  return url && /^https?:\/\//i.test(url) ? url : undefined;
}

/** The explanation "Show accepted formats" and "Trim or compress" give (also kept by the chat). */
export function formatsText(tr: Tr): string {
  return tr('Accepted file types: {0}. Each file can be up to 500 MB.', ACCEPTED_TYPES.join(', '));
}

/** What Show Status says when there is no session yet (also kept by the chat, where the user asked). */
export function noSessionText(tr: Tr): string {
  return tr('No session yet. Right-click a clip in the Explorer and choose "Generate YouTube video", or upload footage in the chat.');
}

/** Whether the backend has a current session; false when it cannot be reached (Show Status said why). */
async function hasSession(services: Services): Promise<boolean> {
  try {
    return (await services.backend.workflow()).session !== undefined;
  } catch {
    return false;
  }
}

export function trimText(tr: Tr): string {
  return tr('Trim the clip or re-encode it at a lower bitrate (for example: ffmpeg -i in.mp4 -crf 28 out.mp4) so it is under 500 MB, then try again.');
}

/** Runs the action the user picked. Resolves when it is done (a command ran, a page opened, a text was shown). */
export async function runRecoveryAction(services: Services, tr: Tr, action: RecoveryAction, surface: ActionSurface = {}): Promise<void> {
  services.logger.info(`error action: ${action.id}`);
  switch (action.id) {
    case 'retry':
      await surface.retry?.();
      return;
    case 'new-session':
      await vscode.commands.executeCommand(COMMANDS.newSession);
      return;
    case 'set-token':
      await vscode.commands.executeCommand(COMMANDS.setToken);
      return;
    case 'check-status': {
      // Show Status refreshes the draft, reveals the Timeline view and says what is on it. With no session
      // yet (a turn stopped before the backend opened one, a new window) it only says so in a notification:
      // the surface keeps that answer too, so a click in the chat is answered in the chat.
      const timeline = await vscode.commands.executeCommand<Timeline | null | undefined>(COMMANDS.showStatus);
      if (timeline) surface.statusShown?.(timeline);
      else if (surface.note && !(await hasSession(services))) surface.note(noSessionText(tr));
      return;
    }
    case 'register':
    case 'top-up':
      // The core attaches the exact page (register with the anonymous id bound, pricing); the web app's
      // home is the fallback for an action built without one.
      await vscode.env.openExternal(vscode.Uri.parse(webLink(action.url) ?? services.config.settings.webUrl, true));
      return;
    case 'show-formats':
    case 'trim-or-compress': {
      const text = action.id === 'show-formats' ? formatsText(tr) : trimText(tr);
      surface.note?.(text);
      void vscode.window.showInformationMessage(text);
      return;
    }
    case 'open-settings':
      await vscode.commands.executeCommand('workbench.action.openSettings', 'generatorYoutube');
      return;
    case 'none':
      return;
  }
}
