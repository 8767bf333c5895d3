// A fake Clock for the core's timers: time moves only when a test calls `advance`, which fires due timers
// in order and lets promises settle between them, so 15-minute rules run in milliseconds.
import type { Clock } from '../../src/core/clock';

interface Timer {
  id: number;
  at: number;
  fn: () => void;
}

export class FakeClock implements Clock {
  private t: number;
  private seq = 0;
  private timers: Timer[] = [];
  private readonly pendingWaiters = new Set<() => void>();

  constructor(start = 1_700_000_000_000) {
    this.t = start;
  }

  now(): number {
    return this.t;
  }

  setTimeout(fn: () => void, ms: number): unknown {
    const timer = { id: ++this.seq, at: this.t + Math.max(0, ms), fn };
    this.timers.push(timer);
    for (const w of [...this.pendingWaiters]) w();
    return timer.id;
  }

  clearTimeout(handle: unknown): void {
    this.timers = this.timers.filter((x) => x.id !== handle);
  }

  /** Number of pending timers (tests check nothing is left behind). */
  get pending(): number {
    return this.timers.length;
  }

  /** Resolves once at least `n` timers are pending (checked as each is set): the code under test has armed them. */
  whenPending(n: number): Promise<void> {
    return new Promise((resolve) => {
      const check = (): void => {
        if (this.timers.length < n) return;
        this.pendingWaiters.delete(check);
        resolve();
      };
      this.pendingWaiters.add(check);
      check();
    });
  }

  /** Moves time forward by `ms`, firing every timer that falls due, in order. */
  async advance(ms: number): Promise<void> {
    const end = this.t + ms;
    for (;;) {
      await settle();
      const due = this.timers.filter((x) => x.at <= end).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!due) break;
      this.timers = this.timers.filter((x) => x !== due);
      this.t = due.at;
      due.fn();
    }
    this.t = end;
    await settle();
  }
}

/** Lets pending promise callbacks and I/O callbacks run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
}
