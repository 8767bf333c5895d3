// The newest of overlapping runs of one job (a view's refreshes): a run superseded by a newer one lets its
// caller wait for the newest to settle, so whoever awaited the older run reads what the newest one produced,
// never a state from before it or one still under way.

export class Newest {
  private current: Promise<unknown> = Promise.resolve();

  /** Marks `run` as the newest and returns it. */
  start<T>(run: Promise<T>): Promise<T> {
    this.current = run;
    return run;
  }

  /**
   * Resolves once the newest run has settled (a run started meanwhile counts too), whatever its outcome:
   * a newer run's failure is its own caller's to report. Callers that awaited a run's own promise before
   * calling this resume after that run's continuations.
   */
  async settled(): Promise<void> {
    for (let awaited: Promise<unknown> | undefined; awaited !== this.current;) {
      awaited = this.current;
      await awaited.catch(() => undefined);
    }
  }
}
