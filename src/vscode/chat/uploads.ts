// The panel's uploads: every attachment is checked at once (type, size, existence: refused ones get the
// reason immediately and cost nothing), then accepted ones upload one after another, each with its own
// progress card and Cancel. Editor-free apart from types, so it only needs a Workflow and a sink.
import { isNemoError, type NemoError, type Workflow } from '../../core';
import type { Entry } from '../../shared/protocol';
import { checkItem, type Attachment } from './attachments';
import { entryAction } from './transcript';

type UploadEntry = Extract<Entry, { kind: 'upload' }>;

export interface UploadSink {
  put(entry: UploadEntry): void;
  newId(): string;
  /** Plain-language reason for a refused item. */
  rejection(reason: Extract<Attachment, { kind: 'rejected' }>['reason'], detail: string): string;
  showFormatsLabel: string;
  trimLabel: string;
  /** How many uploads are queued or running changed. */
  countChanged(n: number): void;
  /** A line for the transcript (what happens with an attached caption file). */
  notice(text: string): void;
}

export type UploadOutcome = 'done' | 'failed' | 'cancelled' | 'rejected';

interface Job {
  entry: UploadEntry;
  item: string;
  controller: AbortController;
}

export class UploadQueue {
  private readonly jobs = new Map<string, Job>();
  private chain: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly workflow: () => Promise<Workflow>,
    private readonly sink: UploadSink,
  ) {}

  get active(): number {
    return this.jobs.size;
  }

  cancel(entryId: string): boolean {
    const job = this.jobs.get(entryId);
    if (!job) return false;
    job.controller.abort();
    return true;
  }

  cancelAll(): void {
    for (const j of this.jobs.values()) j.controller.abort();
  }

  /** Checks and queues the items; resolves with each item's outcome once all of them have finished. */
  async add(items: readonly string[]): Promise<UploadOutcome[]> {
    const checked = await Promise.all(items.map((i) => checkItem(i)));
    const waits: Array<Promise<UploadOutcome>> = [];
    for (const a of checked) {
      if (a.kind === 'rejected') {
        const action = a.reason === 'type' ? { id: 'show-formats' as const, label: this.sink.showFormatsLabel } : a.reason === 'size' ? { id: 'trim-or-compress' as const, label: this.sink.trimLabel } : undefined;
        this.sink.put({ kind: 'upload', id: this.sink.newId(), name: a.name, status: 'rejected', sentBytes: 0, totalBytes: 0, error: this.sink.rejection(a.reason, a.detail), ...(action ? { action } : {}) });
        waits.push(Promise.resolve('rejected'));
        continue;
      }
      if (a.kind === 'caption') {
        // In the same chain as the uploads: taking captions in needs the session, and two steps creating
        // a session at once would make two (the clip in one, the captions remembered for the other).
        const take = this.chain.then(() => this.takeCaptions(a));
        this.chain = take.catch(() => undefined);
        waits.push(take);
        continue;
      }
      const entry: UploadEntry = { kind: 'upload', id: this.sink.newId(), name: a.name, status: 'queued', sentBytes: 0, totalBytes: a.kind === 'file' ? a.size : 0 };
      const job: Job = { entry, item: a.kind === 'file' ? a.path : a.url, controller: new AbortController() };
      this.jobs.set(entry.id, job);
      this.sink.put(entry);
      const run = this.chain.then(() => this.run(job));
      this.chain = run.catch(() => undefined);
      waits.push(run);
    }
    this.sink.countChanged(this.jobs.size);
    return Promise.all(waits);
  }

  /**
   * A caption file is not uploaded: the workflow checks it (a malformed one is refused with its line number)
   * and remembers it, so every export's kit re-times it through the edit. The transcript says which.
   */
  private async takeCaptions(a: Extract<Attachment, { kind: 'caption' }>): Promise<UploadOutcome> {
    try {
      const wf = await this.workflow();
      this.sink.notice(await wf.attachCaptions([a.path]));
      return 'done';
    } catch (e) {
      const text = isNemoError(e) ? e.userMessage : e instanceof Error ? e.message : String(e);
      this.sink.put({ kind: 'upload', id: this.sink.newId(), name: a.name, status: 'failed', sentBytes: 0, totalBytes: 0, error: text.slice(0, 2000) });
      return 'failed';
    }
  }

  private async run(job: Job): Promise<UploadOutcome> {
    const put = (patch: Partial<UploadEntry>): void => {
      job.entry = { ...job.entry, ...patch };
      this.sink.put(job.entry);
    };
    try {
      if (job.controller.signal.aborted) {
        put({ status: 'cancelled' });
        return 'cancelled';
      }
      put({ status: 'uploading' });
      const wf = await this.workflow();
      let lastPct = -1;
      await wf.upload([job.item], {
        signal: job.controller.signal,
        onProgress: (p) => {
          // At most one update per whole percent: a 400 MB upload must not flood the webview.
          const pct = p.totalBytes > 0 ? Math.floor((p.sentBytes / p.totalBytes) * 100) : 0;
          if (pct === lastPct) return;
          lastPct = pct;
          put({ sentBytes: p.sentBytes, totalBytes: p.totalBytes });
        },
      });
      put({ status: 'done', sentBytes: job.entry.totalBytes });
      return 'done';
    } catch (e) {
      if (job.controller.signal.aborted || (isNemoError(e) && e.kind === 'cancelled')) {
        put({ status: 'cancelled' });
        return 'cancelled';
      }
      const err = e as NemoError | Error;
      const text = isNemoError(err) ? err.userMessage : err.message;
      const action = isNemoError(err) ? entryAction(err.action) : undefined;
      put({ status: 'failed', error: text.slice(0, 2000), ...(action ? { action } : {}) });
      return 'failed';
    } finally {
      this.jobs.delete(job.entry.id);
      this.sink.countChanged(this.jobs.size);
    }
  }
}
