// Logging seam with token redaction. The extension passes a LogOutputChannel-backed logger; the CLI prints
// to stderr under --verbose. Everything passes through `redact` first so a token can never reach a log.

export interface Logger {
  info(msg: string): void;
  warn(msg: string): void;
  error(msg: string): void;
  debug?(msg: string): void;
}

export const silentLogger: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined, debug: () => undefined };

const TOKEN_PATTERNS: RegExp[] = [
  /\bnmv_[A-Za-z0-9]+_[A-Za-z0-9._-]+/g, // nmv_usr_…, nmv_loc_…
  /\bclm_[A-Za-z0-9._-]+/g, // claim tokens
  /(Bearer\s+)[^\s"',;]+/gi,
  /([?&](?:token|ct|access_token)=)[^&\s"']+/gi,
];

/** Replaces anything that looks like a credential with `***`. Extra secrets (the exact token) can be passed. */
export function redact(text: string, secrets: Array<string | undefined> = []): string {
  let out = text;
  for (const s of secrets) {
    if (s && s.length >= 6) out = out.split(s).join('***');
  }
  for (const re of TOKEN_PATTERNS) {
    out = out.replace(re, (whole: string, prefix?: string) => (typeof prefix === 'string' && whole.startsWith(prefix) ? `${prefix}***` : '***'));
  }
  return out;
}

/** Wraps a logger so every line is redacted, including the token the client currently holds. */
export function redactingLogger(inner: Logger, currentSecrets: () => Array<string | undefined> = () => []): Logger {
  return {
    info: (m) => inner.info(redact(m, currentSecrets())),
    warn: (m) => inner.warn(redact(m, currentSecrets())),
    error: (m) => inner.error(redact(m, currentSecrets())),
    debug: (m) => inner.debug?.(redact(m, currentSecrets())),
  };
}
