// What every integration test file needs to reach the extension under test: its id, its settings, and a
// patient poll (the extension host applies settings and finishes work asynchronously; tests wait for the
// effect, never for a fixed time).
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
