// The ffmpeg check (render/check.ts: five process starts, ~0.4 s on 2 cores) runs beside the engine instead of
// before it listens: creating a token and a session never needs ffmpeg, and the first thing that does (an
// upload's probe) comes after them, so a `generate --local` user no longer waits for the check in front.
// Whatever needs ffmpeg asks `problem()`, which waits for the check; `known()` answers only once it is done.
import type { ToolStatus } from './context';

export class ToolCheck {
  /** The check's result (a check that throws counts as ffmpeg missing, with its reason). */
  readonly ready: Promise<ToolStatus>;
  private result: ToolStatus | undefined;

  constructor(check: () => Promise<ToolStatus>) {
    this.ready = check()
      .catch((e: unknown): ToolStatus => ({ ok: false, missing: ['ffmpeg'], hint: `Checking ffmpeg failed: ${(e as Error).message}`, version: '' }))
      .then((s) => (this.result = s));
  }

  /** Undefined when ffmpeg is usable; else what is missing and how to install it. Waits for the check. */
  async problem(): Promise<string | undefined> {
    return problemOf(await this.ready);
  }

  /** Like problem(), but only what is already known: undefined while the check still runs. */
  knownProblem(): string | undefined {
    return this.result ? problemOf(this.result) : undefined;
  }
}

function problemOf(tools: ToolStatus): string | undefined {
  if (tools.ok) return undefined;
  return `ffmpeg is not usable on this machine: missing ${tools.missing.join(', ')}. ${tools.hint}`.trim();
}
