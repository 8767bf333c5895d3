// The user-level settings.json that a code-server run starts with: quiet defaults for tests (no welcome
// page, no trust prompt, no telemetry), the colour theme, and whatever settings a test asks for
// (e.g. `{ 'generatorYoutube.backend': 'local' }`).
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface UserSettingsOptions {
  /** Colour theme: VS Code's default dark or light theme (default: dark). */
  readonly theme?: 'dark' | 'light';
  /** Extra user settings, merged over the quiet defaults. */
  readonly settings?: Readonly<Record<string, unknown>>;
}

export const THEMES = { dark: 'Default Dark Modern', light: 'Default Light Modern' } as const;

export function userSettings(options: UserSettingsOptions): Record<string, unknown> {
  return {
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'security.workspace.trust.enabled': false,
    'telemetry.telemetryLevel': 'off',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'update.mode': 'none',
    'window.commandCenter': false,
    'chat.commandCenter.enabled': false,
    'workbench.colorTheme': THEMES[options.theme ?? 'dark'],
    ...options.settings,
  };
}

/** Writes <userDataDir>/User/settings.json, read when the workbench (re)loads. */
export function writeUserSettings(userDataDir: string, options: UserSettingsOptions): void {
  const dir = path.join(userDataDir, 'User');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'settings.json'), JSON.stringify(userSettings(options), null, 2));
}
