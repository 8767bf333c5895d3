// What every integration test file needs to reach the extension under test: its id, its settings, and a
// patient poll (the extension host applies settings and finishes work asynchronously; tests wait for the
// effect, never for a fixed time), and the setup blocks the test files share: activate, point the extension
// at the local engine or at a scripted cloud (stand-ins for notifications and pickers are in ./stubs.ts).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'generator-youtube.generator-youtube';

export const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('generatorYoutube');

/** Polls `probe` every 100 ms until it gives something other than undefined, null or false; fails after `limitMs`. */
export async function waitFor<T>(what: string, probe: () => T | undefined | null | false | Promise<T | undefined | null | false>, limitMs = 60_000): Promise<T> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined && v !== null && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The extension under test, activated; `T` is what its activate() returns for tests (src/extension.ts). */
export async function activateExtension<T>(): Promise<T> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is not loaded`);
  return (await ext.activate()) as T;
}

interface SettingsHolder {
  services: { config: { settings: { backend: string; language: string; pollIntervalMs: number } } };
}

/**
 * Points the extension at the local engine in English with 2 s export polls and fast x264, and waits until
 * the settings reached it (a reconnect landing later would hit the next test). `ready` adds a condition.
 */
export async function useLocalEngine(api: SettingsHolder, ready: () => boolean = () => true): Promise<void> {
  process.env.GENERATOR_YOUTUBE_X264_PRESET = 'ultrafast';
  await config().update('backend', 'local', vscode.ConfigurationTarget.Global);
  await config().update('language', 'en', vscode.ConfigurationTarget.Global);
  await config().update('pollIntervalSeconds', 2, vscode.ConfigurationTarget.Global);
  await waitFor('the settings to reach the extension', () => {
    const s = api.services.config.settings;
    return s.backend === 'local' && s.pollIntervalMs === 2000 && s.language === 'en' && ready();
  });
}

/**
 * Points the extension at a scripted cloud on 127.0.0.1 and waits until it applies; the returned function
 * puts the backend and API URL settings back as they were.
 */
export async function useScriptedCloud(api: SettingsHolder & { services: { config: { settings: { apiUrl: string } } } }, url: string): Promise<() => Promise<void>> {
  const saved = { backend: config().inspect('backend')?.globalValue, apiUrl: config().inspect('apiUrl')?.globalValue };
  await config().update('apiUrl', url, vscode.ConfigurationTarget.Global);
  await config().update('backend', 'cloud', vscode.ConfigurationTarget.Global);
  await waitFor('the cloud settings to apply', () => api.services.config.settings.backend === 'cloud' && api.services.config.settings.apiUrl === url);
  return async () => {
    await config().update('backend', saved.backend, vscode.ConfigurationTarget.Global);
    await config().update('apiUrl', saved.apiUrl, vscode.ConfigurationTarget.Global);
  };
}
