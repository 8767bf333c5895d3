// Who the client is to the backend: the persisted client id and the token in use (env NEMO_TOKEN > stored
// token > a new anonymous token). The anonymous-token call itself is passed in (it goes through the one
// request path), so this file owns only the rules: one anonymous request at a time, a client id that is
// kept (the backend allows one anonymous token per client per 7 days), and a late anonymous answer never
// replacing a token stored meanwhile.
import { randomUUID } from 'node:crypto';
import { type SecretStore, type StateStore, STORE_KEYS } from '../session/stores';
import { NemoError } from './errors';
import type { Logger } from './logger';
import type { AnonTokenData } from './schemas';

export interface TokenInfo {
  source: 'env' | 'stored' | 'anonymous';
  anonymous: boolean;
  userId?: string;
  expiresAt?: string;
}

export interface IdentityDeps {
  env: Record<string, string | undefined>;
  secrets: SecretStore;
  state: StateStore;
  /** Token/session storage is per backend: the cloud and the local engine have different tokens. */
  backendKey: string;
  log: Logger;
  /** POST /api/auth/anonymous-token with this client id (no Bearer). */
  fetchAnonymous(clientId: string, signal?: AbortSignal): Promise<AnonTokenData>;
}

export class Identity {
  /** Cached token for this process (also what the logger redacts). */
  private cached: string | undefined;
  private info: TokenInfo | undefined;
  /** Serialises concurrent anonymous-token requests: the backend allows one per client per 7 days. */
  private pending: Promise<string> | undefined;
  /**
   * Bumped synchronously when this process sets or forgets a token. Reading the store again cannot see a
   * `setToken` whose write is still on its way; this can, so a late anonymous token never overwrites it.
   */
  private tokenChanges = 0;
  /** The latest setToken/forgetToken, so an anonymous fetch that lost to it can wait for its result. */
  private tokenWrite: Promise<void> = Promise.resolve();

  constructor(private readonly deps: IdentityDeps) {}

  /** The token in use, if one was read or fetched already (for redaction). */
  get currentToken(): string | undefined {
    return this.cached;
  }

  /** What is known about the token in use (undefined before the first getToken). */
  get currentInfo(): TokenInfo | undefined {
    return this.info;
  }

  private get tokenKey(): string {
    return STORE_KEYS.token(this.deps.backendKey);
  }

  private get infoKey(): string {
    return STORE_KEYS.tokenInfo(this.deps.backendKey);
  }

  /** env NEMO_CLIENT_ID > stored > a new random id, persisted so the anonymous-token quota is not burnt. */
  async clientId(): Promise<string> {
    const fromEnv = this.deps.env.NEMO_CLIENT_ID?.trim();
    if (fromEnv) return fromEnv.slice(0, 64);
    const stored = this.deps.state.get<string>(STORE_KEYS.clientId);
    if (typeof stored === 'string' && stored.length > 0 && stored.length <= 64) return stored;
    return this.newClientId();
  }

  private async newClientId(): Promise<string> {
    const id = `gyt-${randomUUID()}`;
    await this.deps.state.update(STORE_KEYS.clientId, id);
    return id;
  }

  /** env NEMO_TOKEN > stored token > a new anonymous token. */
  async getToken(signal?: AbortSignal): Promise<string> {
    const fromEnv = this.deps.env.NEMO_TOKEN?.trim();
    if (fromEnv) {
      this.cached = fromEnv;
      this.info = { source: 'env', anonymous: false };
      return fromEnv;
    }
    if (this.cached) return this.cached;
    const stored = await this.deps.secrets.get(this.tokenKey);
    if (stored) {
      this.cached = stored;
      const info = this.deps.state.get<TokenInfo>(this.infoKey);
      this.info = info ? { ...info, source: 'stored' } : { source: 'stored', anonymous: true };
      return stored;
    }
    return this.refreshAnonymous(signal);
  }

  /** Stores a registered user's token (from a setting or `set-token`). */
  setToken(token: string): Promise<void> {
    this.tokenChanges++;
    return (this.tokenWrite = (async () => {
      await this.deps.secrets.set(this.tokenKey, token);
      await this.deps.state.update(this.infoKey, { source: 'stored', anonymous: false });
      this.cached = token;
      this.info = { source: 'stored', anonymous: false };
    })());
  }

  forgetToken(): Promise<void> {
    this.tokenChanges++;
    return (this.tokenWrite = (async () => {
      await this.deps.secrets.delete(this.tokenKey);
      this.cached = undefined;
      this.info = undefined;
    })());
  }

  /** A new anonymous token with the persisted client id; HTTP 400 (client id refused) → new client id, one retry. */
  refreshAnonymous(signal?: AbortSignal): Promise<string> {
    this.pending ??= this.fetchAnonymous(signal).finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  private async fetchAnonymous(signal?: AbortSignal): Promise<string> {
    // What the store held when we asked: if a token is stored while the request is in flight (the user ran
    // "set token", or another client on the same store got one), the late anonymous answer must not
    // replace it.
    const changesBefore = this.tokenChanges;
    const storedBefore = await this.deps.secrets.get(this.tokenKey);
    let data: AnonTokenData;
    try {
      data = await this.deps.fetchAnonymous(await this.clientId(), signal);
    } catch (e) {
      if (!(e instanceof NemoError && e.kind === 'client-id')) throw e;
      this.deps.log.warn('anonymous token: server wants a client id; creating and persisting a new one');
      data = await this.deps.fetchAnonymous(this.deps.env.NEMO_CLIENT_ID?.trim() ? await this.clientId() : await this.newClientId(), signal);
    }
    const storedNow = await this.deps.secrets.get(this.tokenKey);
    // Checked after the last await before the write: a setToken in this process, even one whose own write
    // has not landed yet, wins. (Another process writing in the same instant can still race; the store has
    // no compare-and-set.)
    if (this.tokenChanges !== changesBefore) {
      this.deps.log.info('anonymous token not kept: a token was set while it was being fetched');
      await this.tokenWrite.catch(() => undefined);
      // Signed out meanwhile: this one request still needs a token; nothing is stored.
      return this.cached ?? data.token;
    }
    if (storedNow && storedNow !== storedBefore) {
      this.deps.log.info('anonymous token not kept: a token was stored while it was being fetched');
      this.cached = storedNow;
      const info = this.deps.state.get<TokenInfo>(this.infoKey);
      this.info = info ? { ...info, source: 'stored' } : { source: 'stored', anonymous: false };
      return storedNow;
    }
    this.cached = data.token;
    this.info = { source: 'anonymous', anonymous: true, userId: data.user_id, expiresAt: data.expires_at };
    await this.deps.secrets.set(this.tokenKey, data.token);
    await this.deps.state.update(this.infoKey, this.info);
    this.deps.log.info(`anonymous token obtained${data.user_id ? ` for ${data.user_id}` : ''}`);
    return data.token;
  }
}
