// "Set NemoVideo token" and "Sign out". The token goes straight from a password box into SecretStorage,
// under the core's key for the cloud API (STORE_KEYS.token(apiUrl)); it is never shown, echoed or logged.
// Sign-out deletes only the token: the client id stays, so the anonymous-token quota is not burnt.
import * as vscode from 'vscode';
import { STORE_KEYS } from '../../core';
import type { Services } from '../services';
import type { CommandEnv } from './env';
import type { Tr } from '../ui/l10n';
import { echoSafe } from '../platform/stores';

/** The key the core's NemoClient reads the cloud token from (its backendKey is the API URL without trailing /). */
export function cloudTokenKey(services: Services): string {
  return STORE_KEYS.token(services.config.settings.apiUrl.replace(/\/+$/, ''));
}

function cloudTokenInfoKey(services: Services): string {
  return STORE_KEYS.tokenInfo(services.config.settings.apiUrl.replace(/\/+$/, ''));
}

/** A light shape check: tokens are one printable word; NemoVideo's start with "nmv_" (only a warning). */
export function checkToken(tr: Tr, value: string): vscode.InputBoxValidationMessage | string | undefined {
  const v = value.trim();
  if (v === '') return tr('Paste the token from your NemoVideo account.');
  if (/\s/.test(v)) return tr('A token is one word, without spaces.');
  if (!/^[\x21-\x7e]+$/.test(v)) return tr('A token only has letters, digits and symbols.');
  if (v.length < 12 || v.length > 4096) return tr('That does not look like a NemoVideo token (it is too short or too long).');
  if (!v.startsWith('nmv_')) {
    return { message: tr('NemoVideo tokens start with "nmv_". Press Enter to use this one anyway.'), severity: vscode.InputBoxValidationSeverity.Warning };
  }
  return undefined;
}

export function setTokenCommand(env: CommandEnv): () => Promise<boolean> {
  return async () => {
    const { services, tr } = env;
    const value = await vscode.window.showInputBox({
      title: tr('NemoVideo token'),
      prompt: tr('Paste the API token from your NemoVideo account. It is kept in the system keychain (VS Code SecretStorage).'),
      placeHolder: 'nmv_usr_…',
      password: true,
      ignoreFocusOut: true,
      validateInput: (v) => checkToken(tr, v),
    });
    const token = value?.trim();
    if (!token) return false;
    const invalid = checkToken(tr, token);
    if (typeof invalid === 'string') return false;
    await services.context.secrets.store(cloudTokenKey(services), token);
    await echoSafe(services.context.globalState).update(cloudTokenInfoKey(services), { source: 'stored', anonymous: false });
    services.logger.info('token: a NemoVideo token was stored in SecretStorage');
    services.backend.reset();
    const notes = [tr('Token saved. Generator YouTube now uses your NemoVideo account.')];
    if (process.env.NEMO_TOKEN) notes.push(tr('Note: the NEMO_TOKEN environment variable is set and takes precedence over the stored token.'));
    if (services.config.settings.backend === 'local') notes.push(tr('It is used when generatorYoutube.backend is "cloud"; the local engine needs no token.'));
    void vscode.window.showInformationMessage(notes.join(services.config.settings.language === 'zh' ? '' : ' '));
    return true;
  };
}

export function signOutCommand(env: CommandEnv): () => Promise<boolean> {
  return async () => {
    const { services, tr } = env;
    const hadToken = (await services.context.secrets.get(cloudTokenKey(services))) !== undefined;
    await services.context.secrets.delete(cloudTokenKey(services));
    await echoSafe(services.context.globalState).update(cloudTokenInfoKey(services), undefined);
    services.logger.info(`sign out: ${hadToken ? 'the stored token was deleted' : 'no stored token'}; the client id stays`);
    services.backend.reset();
    void vscode.window.showInformationMessage(
      hadToken
        ? tr('Signed out: the stored token was deleted from this computer. A free anonymous account is used next time.')
        : tr('No token was stored, so there was nothing to sign out of.'),
    );
    return hadToken;
  };
}
