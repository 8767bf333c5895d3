// Terminal output: human lines on stdout, one progress bar on stderr when it is a TTY (plain lines
// otherwise), or one JSON object per event/result with --json. Everything printed passes through `redact`,
// so a token can never reach the terminal or a CI log.
import { type NemoError, redact } from '../core/index';

export interface OutputOptions {
  json: boolean;
  verbose: boolean;
  stdout?: NodeJS.WriteStream;
  stderr?: NodeJS.WriteStream;
}

const BAR_WIDTH = 28;

export class Output {
  readonly json: boolean;
  readonly verbose: boolean;
  private readonly out: NodeJS.WriteStream;
  private readonly err: NodeJS.WriteStream;
  private readonly tty: boolean;
  private barShown = false;
  private lastPlain = new Map<string, number>();

  constructor(opts: OutputOptions) {
    this.json = opts.json;
    this.verbose = opts.verbose;
    this.out = opts.stdout ?? process.stdout;
    this.err = opts.stderr ?? process.stderr;
    this.tty = Boolean(this.err.isTTY) && !opts.json;
  }

  /** A result or event for --json (ignored otherwise). */
  event(type: string, data: Record<string, unknown> = {}): void {
    if (this.json) this.out.write(`${redact(JSON.stringify({ event: type, ...data }))}\n`);
  }

  /** A human line (ignored with --json: the matching `event` carries the data). */
  line(text: string): void {
    if (this.json) return;
    this.clearBar();
    this.out.write(`${redact(text)}\n`);
  }

  /** Diagnostics on stderr, only with --verbose. */
  debug(text: string): void {
    if (!this.verbose) return;
    this.clearBar();
    this.err.write(`${redact(text)}\n`);
  }

  /**
   * Progress of one activity. TTY: a redrawn bar. Otherwise: a plain line at most every 10 %, so CI logs stay
   * short. With --json: a progress event per whole percent.
   */
  progress(label: string, fraction: number | undefined, detail = ''): void {
    const pct = fraction === undefined ? undefined : Math.max(0, Math.min(100, Math.floor(fraction * 100)));
    if (this.json) {
      const key = `json:${label}`;
      if (pct !== undefined && this.lastPlain.get(key) === pct) return;
      this.lastPlain.set(key, pct ?? -1);
      this.event('progress', { label, percent: pct ?? null, detail: detail || undefined });
      return;
    }
    if (this.tty) {
      const filled = pct === undefined ? 0 : Math.round((pct / 100) * BAR_WIDTH);
      const bar = pct === undefined ? '' : ` [${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ${String(pct).padStart(3)}%`;
      this.err.write(`\r\x1b[2K${redact(label)}${bar}${detail ? ` ${redact(detail)}` : ''}`);
      this.barShown = true;
      return;
    }
    const step = pct === undefined ? -1 : Math.floor(pct / 10) * 10;
    if (this.lastPlain.get(label) === step) return;
    this.lastPlain.set(label, step);
    this.out.write(`${redact(label)}${pct === undefined ? '' : ` ${step}%`}${detail ? ` ${redact(detail)}` : ''}\n`);
  }

  /** Ends a progress bar line. */
  done(): void {
    this.clearBar();
    this.lastPlain.clear();
  }

  /** One clear line on stderr; details and stack only with --verbose. */
  error(e: NemoError | Error, exitCode: number): void {
    this.clearBar();
    const nemo = 'userMessage' in e ? (e as NemoError) : undefined;
    const text = nemo ? nemo.userMessage : e.message;
    const hint = nemo && nemo.action.id !== 'none' && nemo.action.url ? ` (${nemo.action.label}: ${nemo.action.url})` : '';
    if (this.json) this.event('error', { exitCode, ...(nemo ? nemo.toJSON() : { message: e.message }) });
    this.err.write(`${redact(text + hint)}\n`);
    if (this.verbose) {
      if (nemo?.detail) this.err.write(`${redact(`detail: ${nemo.detail}`)}\n`);
      if (e.stack) this.err.write(`${redact(e.stack)}\n`);
    }
  }

  private clearBar(): void {
    if (this.barShown) {
      this.err.write('\r\x1b[2K');
      this.barShown = false;
    }
  }
}

/** `nmv_usr_ab…` → `nmv_usr_***` for display. */
export function maskToken(token: string | undefined): string {
  if (!token) return '(none)';
  const m = /^([a-z]+_[a-z]+_)/i.exec(token);
  return m ? `${m[1]}***` : '***';
}
