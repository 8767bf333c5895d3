// Owning things that must be disposed. One store per owner instead of a hand-rolled `Disposable[]` and a
// loop in every dispose(): things added after the owner was disposed are disposed at once (a late event
// subscription must not outlive its owner), disposal runs newest first, and one failing dispose() does not
// leak the rest. No `vscode` import: VS Code's Disposable is any object with dispose().

export interface DisposableLike {
  dispose(): unknown;
}

export class DisposableStore implements DisposableLike {
  private items: DisposableLike[] = [];
  private disposedFlag = false;

  get isDisposed(): boolean {
    return this.disposedFlag;
  }

  /** Takes ownership of `item` and returns it (so `this.x = store.add(new X())` reads naturally). */
  add<T extends DisposableLike>(item: T): T {
    if (this.disposedFlag) void item.dispose();
    else this.items.push(item);
    return item;
  }

  /** Takes ownership of several at once. */
  push(...items: DisposableLike[]): void {
    for (const item of items) this.add(item);
  }

  dispose(): void {
    if (this.disposedFlag) return;
    this.disposedFlag = true;
    const items = this.items.reverse();
    this.items = [];
    let first: unknown;
    for (const item of items) {
      try {
        void item.dispose();
      } catch (e) {
        first ??= e;
      }
    }
    if (first !== undefined) throw first;
  }
}
