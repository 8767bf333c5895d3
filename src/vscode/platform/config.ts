// Typed settings for the extension: reads generatorYoutube.* through the pure resolver in src/shared, tells
// the user once about each bad value, and fires onDidChange so the backend and views follow without a reload.
import * as vscode from 'vscode';
import { resolveSettings, type RawSettings, type Settings } from '../../shared/settings';

const SECTION = 'generatorYoutube';
const KEYS = ['backend', 'apiUrl', 'webUrl', 'defaultPrompt', 'outputFolder', 'pollIntervalSeconds', 'language', 'ffmpegPath', 'showCreditsInStatusBar', 'uploadKit', 'whisperCliPath', 'whisperModel', 'renderCacheMaxMB'] as const;

export class Config implements vscode.Disposable {
  private current: Settings;
  private readonly warned = new Set<string>();
  private readonly emitter = new vscode.EventEmitter<Settings>();
  private readonly subscription: vscode.Disposable;
  /** Fires with the new settings after any generatorYoutube.* change. */
  readonly onDidChange = this.emitter.event;

  constructor(private readonly log: vscode.LogOutputChannel) {
    this.current = this.read();
    this.subscription = vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration(SECTION)) return;
      this.current = this.read();
      this.emitter.fire(this.current);
    });
  }

  get settings(): Settings {
    return this.current;
  }

  private read(): Settings {
    const cfg = vscode.workspace.getConfiguration(SECTION);
    const raw: RawSettings = {};
    for (const key of KEYS) {
      // apiUrl/webUrl are application-scoped in the manifest; read only the global value anyway so that a
      // workspace settings.json can never redirect the token, even on a VS Code that ignores the scope.
      const inspected = cfg.inspect(key);
      const value = key === 'apiUrl' || key === 'webUrl' ? inspected?.globalValue ?? inspected?.defaultValue : cfg.get(key);
      raw[key] = value;
    }
    // In an untrusted workspace only the user's own (global) value of the restricted settings counts.
    if (!vscode.workspace.isTrusted) {
      for (const key of ['outputFolder', 'ffmpegPath', 'whisperCliPath', 'whisperModel'] as const) {
        const inspected = cfg.inspect(key);
        raw[key] = inspected?.globalValue ?? inspected?.defaultValue;
      }
    }
    const { settings, warnings } = resolveSettings(raw, process.env, vscode.env.language);
    for (const w of warnings) {
      const text = settings.language === 'zh' ? w.message.zh : w.message.en;
      this.log.warn(text);
      if (this.warned.has(text)) continue;
      this.warned.add(text);
      void vscode.window.showWarningMessage(text, vscode.l10n.t('Open Settings')).then((pick) => {
        if (pick) void vscode.commands.executeCommand('workbench.action.openSettings', w.setting);
      });
    }
    return settings;
  }

  dispose(): void {
    this.subscription.dispose();
    this.emitter.dispose();
  }
}
