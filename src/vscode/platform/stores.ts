// Adapters from VS Code storage to the core's storage seams. SecretStorage is the only place the token is
// kept; globalState holds the client id, session ids and render jobs (never a secret).
import { createHash } from 'node:crypto';
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

/** Per key: the value this window wrote last, and fingerprints of the values it replaced (newest last). */
interface Written {
  latest: unknown;
  latestPrint: string;
  older: string[];
  /** Times the latest value was written again since this window last chose it (see MAX_REPAIRS). */
  repairs: number;
}
/** What this window knows of one Memento; every wrapper of it shares this. */
interface Shared {
  /** Values written and not yet acknowledged. */
  own: Map<string, { value: unknown }>;
  written: Map<string, Written>;
  /** Keys whose last written value is being written again. */
  repairing: Set<string>;
}
const shared = new WeakMap<vscode.Memento, Shared>();
/** Fingerprints are remembered for this many replaced values per key: echoes older than that are not expected. */
const HISTORY = 8;
/**
 * An old echo is a single event, so a value needs writing again once or twice at most. Seeing an older value
 * of ours more often than this means another window keeps choosing it (two windows, each writing back what
 * the other replaced, would otherwise do so forever): the other window's choice is kept.
 */
const MAX_REPAIRS = 3;

function fingerprint(value: unknown): string {
  return value === undefined ? 'undefined' : createHash('sha1').update(JSON.stringify(value)).digest('base64');
}

/**
 * globalState as it should behave: get() returns what this extension host last wrote, and what it wrote is
 * what stays stored.
 *
 * VS Code's extension-host Memento (1.100: extHostMemento) keeps one in-memory copy of the extension's whole
 * state, and replaces it whenever the main thread reports a change, our own writes included (their echo).
 * update() changes the copy and sends the WHOLE copy a moment later (a 0 ms scheduler). Three things follow:
 * - the echo of an earlier write, arriving after a later update(), makes get() return the older values until
 *   the later write's own echo arrives (seen in CI: a new session read back as the previous one);
 * - an echo arriving between update() and that send replaces the copy, and the copy sent no longer holds the
 *   new value: the write is lost, yet its promise resolves (seen in a loaded integration run: "New Session"
 *   twice, and the session stored was still the first);
 * - a write of another key sent while an old echo is in the copy stores that old value again.
 * So a written value is answered from memory until its update() resolves (the main thread sends the echo
 * before the write's reply on the same ordered channel); and whenever the Memento shows, for a key this
 * window wrote, one of the values that write replaced (never a value from elsewhere), that is an old echo:
 * the last written value is answered and written again. Writes from other windows still show through.
 */
export function echoSafe(memento: vscode.Memento): vscode.Memento {
  let known = shared.get(memento);
  if (!known) shared.set(memento, (known = { own: new Map(), written: new Map(), repairing: new Set() }));
  const { own, written, repairing } = known;

  const write = async (key: string, value: unknown, repair: boolean): Promise<void> => {
    // A copy, as the Memento keeps one: later changes to the caller's object do not leak into the store.
    const copy = value === undefined ? undefined : (JSON.parse(JSON.stringify(value)) as unknown);
    const entry = { value: copy };
    const before = own.get(key)?.value ?? memento.get(key);
    const w = written.get(key);
    const print = fingerprint(copy);
    const older = [...(w ? [...w.older, w.latestPrint] : []), fingerprint(before)].filter((p) => p !== print).slice(-HISTORY);
    written.set(key, { latest: copy, latestPrint: print, older, repairs: repair && w ? w.repairs + 1 : 0 });
    own.set(key, entry);
    try {
      await memento.update(key, copy);
    } finally {
      if (own.get(key) === entry) own.delete(key);
    }
    // This write's reply came after every echo sent before it: an old value still shown now was stored again.
    for (const k of [...written.keys()]) if (!own.has(k)) current(k);
  };

  /** The stored value of a key with no write of ours in flight; an old echo of ours is answered and repaired. */
  const current = (key: string): unknown => {
    const stored = memento.get(key);
    const w = written.get(key);
    if (!w) return stored;
    const print = fingerprint(stored);
    if (print === w.latestPrint) return stored;
    if (!w.older.includes(print) || w.repairs >= MAX_REPAIRS) {
      written.delete(key); // another window's value: theirs is the latest now
      return stored;
    }
    if (!repairing.has(key)) {
      repairing.add(key);
      void write(key, w.latest, true).catch(() => undefined).finally(() => repairing.delete(key));
    }
    return w.latest;
  };

  return {
    keys: () => [...new Set([...memento.keys(), ...own.keys()])].filter((k) => (own.has(k) ? own.get(k)!.value !== undefined : current(k) !== undefined)),
    get: <T>(key: string, defaultValue?: T): T | undefined => {
      const mine = own.get(key);
      const value = (mine ? mine.value : current(key)) as T | undefined;
      return value === undefined ? defaultValue : value;
    },
    update: (key: string, value: unknown) => write(key, value, false),
  } as vscode.Memento;
}
