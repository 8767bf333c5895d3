// The credit balance in the status bar. Refreshed after things that can spend credits (a chat turn, an
// upload, "Generate") and when the connection changes (backend/URL setting, token, session) — never on a
// timer: an idle editor makes no requests. Shows "Connecting…" until the first answer of a connection,
// turns to a warning below LOW_CREDITS, and opens the credits detail on click.
import * as vscode from 'vscode';
import { type Credits, isNemoError, type TokenInfo } from '../../core';
import { LOW_CREDITS } from '../ui/accountLinks';
import { engineRefused } from '../ui/errors';
import { translator, type Tr } from '../ui/l10n';
import { DisposableStore } from '../ui/lifecycle';
import type { CreditsDisplay } from '../contracts';
import { COMMANDS } from '../ids';
import type { Services } from '../services';

export class CreditsStatusBar implements CreditsDisplay, vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly owned = new DisposableStore();
  /** Bumped by every refresh and connection change: an older answer never overwrites a newer one. */
  private generation = 0;
  private connected = false;
  private last: { credits: Credits; identity: TokenInfo } | undefined;

  constructor(
    private readonly services: Services,
    private readonly tr: Tr,
  ) {
    this.item = vscode.window.createStatusBarItem('generatorYoutube.credits', vscode.StatusBarAlignment.Right, 100);
    this.item.name = tr('Generator YouTube credits');
    this.item.command = COMMANDS.credits;
    this.owned.push(
      this.item,
      services.config.onDidChange(() => this.applyVisibility()),
      // A new connection (backend or URL setting, new token, sign-out, new session): show "Connecting…".
      services.backend.onDidChange(() => {
        if (this.generation === 0) return; // never connected yet: a settings change alone makes no request
        this.connected = false;
        this.last = undefined;
        void this.refresh();
      }),
      // A new timeline is published after every chat turn, upload and session change: credits may have moved.
      services.backend.onDidChangeTimeline((timeline) => {
        if (this.generation === 0 && timeline === null) return; // a reset, not a use
        void this.refresh();
      }),
    );
  }

  /** What the item shows now (for tests and the e2e screenshot checks). */
  get text(): string {
    return this.item.text;
  }

  get visible(): boolean {
    return this.services.config.settings.showCreditsInStatusBar;
  }

  /** The balance as last fetched, if any. */
  get credits(): Credits | undefined {
    return this.last?.credits;
  }

  /** Fetches the balance and shows it. Never throws: a failure is shown in the item's tooltip. */
  async refresh(): Promise<void> {
    if (!this.visible) return;
    const gen = ++this.generation;
    if (!this.connected) this.render({ kind: 'connecting' });
    if (engineRefused(this.services)) {
      this.render({ kind: 'error', message: this.tr('The local engine is off in untrusted workspaces. Trust this workspace, or switch generatorYoutube.backend to "cloud".') });
      return;
    }
    const started = Date.now();
    try {
      const workflow = await this.services.backend.workflow();
      const [credits, identity] = await Promise.all([workflow.credits(), workflow.identity()]);
      if (gen !== this.generation) return;
      this.services.logger.debug?.(`status bar: ${credits.available} credits (${Date.now() - started} ms)`);
      this.show(credits, identity);
    } catch (err) {
      if (gen !== this.generation) return;
      const message = isNemoError(err) ? err.userMessage : err instanceof Error ? err.message : String(err);
      this.services.logger.warn(`status bar: credits unavailable: ${isNemoError(err) ? `${err.kind} ${err.detail ?? ''}` : message}`);
      this.render({ kind: 'error', message });
    }
  }

  /** Shows a balance fetched elsewhere (the credits command), without another request. */
  show(credits: Credits, identity: TokenInfo): void {
    this.generation++;
    this.connected = true;
    this.last = { credits, identity };
    this.render({ kind: 'balance', credits, identity });
  }

  /** Before the first connection: a plain "Credits" entry; clicking it connects and shows the detail. */
  idle(): void {
    this.render({ kind: 'idle' });
  }

  private applyVisibility(): void {
    if (!this.visible) {
      this.generation++; // drop any answer still on its way
      this.item.hide();
      return;
    }
    if (this.last) this.render({ kind: 'balance', ...this.last });
    else if (this.generation === 0) this.idle();
    else void this.refresh();
  }

  private render(state: { kind: 'idle' } | { kind: 'connecting' } | { kind: 'error'; message: string } | { kind: 'balance'; credits: Credits; identity: TokenInfo }): void {
    const { tr, item } = this;
    item.backgroundColor = undefined;
    switch (state.kind) {
      case 'idle':
        item.text = `$(credit-card) ${tr('Credits')}`;
        item.tooltip = tr('Click to see your credit balance.');
        break;
      case 'connecting':
        item.text = `$(sync~spin) ${tr('Connecting…')}`;
        item.tooltip = tr('Generator YouTube is connecting to {0}.', this.backendName());
        break;
      case 'error':
        item.text = `$(debug-disconnect) ${tr('Credits')}`;
        item.tooltip = `${state.message}\n${tr('Click to try again.')}`;
        break;
      case 'balance': {
        const { credits, identity } = state;
        const low = credits.available < LOW_CREDITS;
        item.text = `${low ? '$(warning)' : '$(credit-card)'} ${tr('{0} credits', credits.available)}`;
        if (low) item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
        const lines = [
          tr('{0} credits available, {1} reserved, {2} total.', credits.available, credits.frozen, credits.total),
          identity.anonymous ? tr('Free anonymous account.') : tr('NemoVideo account.'),
          low ? (identity.anonymous ? tr('Running low: register to get more.') : tr('Running low: top up to continue.')) : '',
          tr('Backend: {0}. Click for details.', this.backendName()),
        ];
        item.tooltip = lines.filter(Boolean).join('\n');
        break;
      }
    }
    if (this.visible) item.show();
  }

  private backendName(): string {
    return this.services.config.settings.backend === 'local' ? this.tr('local engine') : this.tr('NemoVideo cloud');
  }

  dispose(): void {
    this.owned.dispose();
  }
}

/**
 * Creates the status bar item. Activation makes no request (activate() stays free of network work): the
 * item waits, labelled "Credits", until the first connection — the first command, chat turn or view
 * refresh — and then shows "Connecting…" followed by the balance.
 */
export function registerStatusBar(context: vscode.ExtensionContext, services: Services): CreditsStatusBar {
  const bar = new CreditsStatusBar(services, translator(services));
  context.subscriptions.push(bar);
  bar.idle();
  return bar;
}
