// Tokens: anonymous tokens issued per client id, stored only as sha256 hashes (the data folder never holds a
// usable token). The user id is derived from the client id, so a client that asks again keeps its user,
// its credits and its sessions.
import * as path from 'node:path';
import { errors } from './errors';
import { newToken, sha256 } from './ids';
import { readJsonFile, writeJsonAtomic } from './json-store';

const TOKEN_LIFETIME_MS = 7 * 24 * 3600 * 1000;
const CLIENT_ID = /^[\x21-\x7e]{1,64}$/;

interface TokenRecord {
  userId: string;
  clientIdHash: string;
  issuedAt: string;
  expiresAt: string;
}

interface TokenFile {
  tokens: Record<string, TokenRecord>;
}

export interface IssuedToken {
  token: string;
  userId: string;
  expiresAt: string;
}

export class TokenStore {
  private readonly file: string;
  private data: TokenFile;

  constructor(dataDir: string) {
    this.file = path.join(dataDir, 'tokens.json');
    this.data = readJsonFile<TokenFile>(this.file) ?? { tokens: {} };
  }

  static validClientId(id: string | undefined): id is string {
    return typeof id === 'string' && CLIENT_ID.test(id);
  }

  async issue(clientId: string, now = Date.now()): Promise<IssuedToken> {
    const clientIdHash = sha256(`client:${clientId}`);
    const userId = `anon_${clientIdHash.slice(0, 20)}`;
    const token = newToken();
    const expiresAt = new Date(now + TOKEN_LIFETIME_MS).toISOString();
    // Drop this client's expired tokens so the file does not grow forever.
    for (const [h, rec] of Object.entries(this.data.tokens)) {
      if (rec.clientIdHash === clientIdHash && Date.parse(rec.expiresAt) <= now) delete this.data.tokens[h];
    }
    this.data.tokens[sha256(token)] = { userId, clientIdHash, issuedAt: new Date(now).toISOString(), expiresAt };
    await writeJsonAtomic(this.file, this.data);
    return { token, userId, expiresAt };
  }

  /** The user id behind `Authorization: Bearer <token>`, or a 1001 error. */
  authenticate(authorization: string | undefined, now = Date.now()): string {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
    if (!m) throw errors.tokenInvalid();
    const rec = this.data.tokens[sha256(m[1])];
    if (!rec || Date.parse(rec.expiresAt) <= now) throw errors.tokenInvalid();
    return rec.userId;
  }
}
