// What every command handler gets: the shared services, the two feature controllers it drives, the
// status bar to refresh after spending actions, and the translation function for the language setting.
import type { ChatController, CreditsDisplay, RenderController } from '../contracts';
import type { Services } from '../services';
import type { Tr } from '../ui/l10n';

export interface CommandEnv {
  readonly services: Services;
  readonly chat: ChatController;
  readonly renders: RenderController;
  readonly statusBar: CreditsDisplay;
  readonly tr: Tr;
}
