// Stand-ins for the editor's modal surfaces inside the real extension host: a notification would otherwise
// wait for a click that never comes. Each replacement is undone by the Restore it returns (tests undo them
// in afterEach), so one test's stub never reaches the next.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

export type Restore = () => void;

/** Replaces a vscode API function until the returned Restore runs. */
export function stub(target: object, key: string, impl: unknown): Restore {
  const own = Object.getOwnPropertyDescriptor(target, key);
  Object.defineProperty(target, key, { value: impl, configurable: true, writable: true, enumerable: true });
  assert.equal((target as Record<string, unknown>)[key], impl, `could not replace ${key} on the vscode API object`);
  return () => {
    if (own) Object.defineProperty(target, key, own);
    else delete (target as Record<string, unknown>)[key];
  };
}

/** Records the notifications of one kind (message + button labels); none is answered. */
export function recordMessages(target: 'showInformationMessage' | 'showWarningMessage' | 'showErrorMessage') {
  const shown: Array<{ message: string; buttons: string[] }> = [];
  const restore = stub(vscode.window, target, (message: string, ...rest: unknown[]) => {
    shown.push({ message, buttons: rest.filter((r): r is string => typeof r === 'string') });
    return Promise.resolve(undefined);
  });
  return { shown, restore };
}

type ProgressTask = (p: vscode.Progress<{ message?: string; increment?: number }>, t: vscode.CancellationToken) => Thenable<unknown>;

/**
 * Stands in for the progress notification: runs its task with a token whose Cancel is pressed once
 * `pressCancelWhen` holds (checked every 100 ms while the task runs). `pressed` says whether it was.
 */
export function progressWithCancel(pressCancelWhen: () => boolean): { restore: Restore; messages: string[]; pressed: () => boolean } {
  const messages: string[] = [];
  let pressed = false;
  const restore = stub(vscode.window, 'withProgress', (_opts: vscode.ProgressOptions, task: ProgressTask) => {
    const source = new vscode.CancellationTokenSource();
    const timer = setInterval(() => {
      if (pressed || !pressCancelWhen()) return;
      pressed = true;
      source.cancel();
    }, 100);
    const run = Promise.resolve(task({ report: (v) => void (v.message && messages.push(v.message)) }, source.token));
    return run.finally(() => {
      clearInterval(timer);
      source.dispose();
    });
  });
  return { restore, messages, pressed: () => pressed };
}
