// Adapters from VS Code storage to the core's storage seams. SecretStorage is the only place the token is
// kept; globalState holds the client id, session ids and render jobs (never a secret).
import type * as vscode from 'vscode';
import type { SecretStore, StateStore } from '../../core/session/stores';

export function secretStore(secrets: vscode.SecretStorage): SecretStore {
  return {
    get: async (key) => secrets.get(key),
    set: async (key, value) => secrets.store(key, value),
    delete: async (key) => secrets.delete(key),
  };
}

export function stateStore(memento: vscode.Memento): StateStore {
  const state = echoSafe(memento);
  return {
    get: <T>(key: string) => state.get<T>(key),
    update: async (key, value) => state.update(key, value),
  };
}

/** Values written and not yet acknowledged, per Memento (every wrapper of one Memento shares them). */
const inFlight = new WeakMap<vscode.Memento, Map<string, { value: unknown }>>();

/**
 * globalState as it should behave: get() returns what this extension host last wrote.
 *
 * VS Code's extension-host Memento replaces its whole in-memory copy whenever the main thread reports a change
 * to the extension's stored state, and the main thread reports our own writes back too. So the echo of an
 * earlier write, arriving after a later update(), makes get() return the older values until the later
 * write's own echo arrives. (Seen in CI: a new session read back as the previous one right after "New Session".)
 * Here a written value is answered from memory until its update() resolves: the main thread sends the echo
 * before the write's reply on the same ordered channel, so by then the Memento itself holds it. Writes from
 * other windows still show through for every key that has no write of ours in flight.
 */
export function echoSafe(memento: vscode.Memento): vscode.Memento {
  let pending = inFlight.get(memento);
  if (!pending) inFlight.set(memento, (pending = new Map()));
  const own = pending;
  return {
    keys: () => [...new Set([...memento.keys(), ...own.keys()])].filter((k) => (own.has(k) ? own.get(k)!.value !== undefined : true)),
    get: <T>(key: string, defaultValue?: T): T | undefined => {
      const mine = own.get(key);
      const value = mine ? (mine.value as T | undefined) : memento.get<T>(key);
      return value === undefined ? defaultValue : value;
    },
    update: async (key: string, value: unknown): Promise<void> => {
      // A copy, as the Memento keeps one: later changes to the caller's object do not leak into the store.
      const entry = { value: value === undefined ? undefined : (JSON.parse(JSON.stringify(value)) as unknown) };
      own.set(key, entry);
      try {
        await memento.update(key, value);
      } finally {
        if (own.get(key) === entry) own.delete(key);
      }
    },
  } as vscode.Memento;
}
