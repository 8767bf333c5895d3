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
  return {
    get: <T>(key: string) => memento.get<T>(key),
    update: async (key, value) => memento.update(key, value),
  };
}
