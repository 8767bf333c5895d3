// The transcript as data: how each TurnEvent of the core becomes entries the panel shows. Pure (no `vscode`
// import), so the rules are tested in plain Node: text REPLACES the reply, progress lines are compact and
// de-duplicated, intents become cards, errors carry their one action, a stop offers a status check.
import type { RenderJob, Timeline, TurnEvent, TurnOutcome } from '../../core';
import type { Entry, EntryAction } from '../../shared/protocol';

/** Bounds that keep the transcript (and globalState) small whatever the backend sends. */
export const TRANSCRIPT_LIMITS = {
  entries: 200,
  entryChars: 40_000,
  progressLines: 12,
  tracks: 40,
} as const;

export function clip(text: string, max: number = TRANSCRIPT_LIMITS.entryChars): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Strings the reducer needs that the core does not provide (localised by the host). */
export interface TranscriptTexts {
  /** Shown when the user stopped and the core said nothing itself. */
  stopped: string;
  checkStatus: string;
  /** Added after a reply that a reload interrupted. */
  interrupted: string;
}

/** A mutable transcript with id generation; every change returns the entries to post. */
export class Transcript {
  private list: Entry[];
  private seq = 0;

  constructor(entries: Entry[] = [], private readonly idPrefix = `e${Date.now().toString(36)}`) {
    this.list = entries.slice(-TRANSCRIPT_LIMITS.entries);
  }

  get entries(): readonly Entry[] {
    return this.list;
  }

  newId(): string {
    this.seq += 1;
    return `${this.idPrefix}-${this.seq}`;
  }

  find(id: string): Entry | undefined {
    return this.list.find((e) => e.id === id);
  }

  /** Adds or replaces (same id) an entry; returns it as stored. */
  upsert(entry: Entry): Entry {
    const i = this.list.findIndex((e) => e.id === entry.id);
    if (i >= 0) this.list[i] = entry;
    else {
      this.list.push(entry);
      if (this.list.length > TRANSCRIPT_LIMITS.entries) this.list.splice(0, this.list.length - TRANSCRIPT_LIMITS.entries);
    }
    return entry;
  }

  remove(id: string): void {
    this.list = this.list.filter((e) => e.id !== id);
  }
}

/** Where the reducer reports changes (the host posts them to the webview and schedules a save). */
export interface TranscriptSink {
  upsert(entry: Entry): void;
  remove(id: string): void;
}

/** Maps the core's RecoveryAction (same ids) to the entry's action. */
export function entryAction(a: { id: string; label: string; url?: string } | undefined): EntryAction | undefined {
  if (!a || a.id === 'none') return undefined;
  const ids: ReadonlyArray<EntryAction['id']> = ['new-session', 'register', 'top-up', 'show-formats', 'retry', 'set-token', 'check-status', 'trim-or-compress', 'open-settings'];
  const id = ids.find((x) => x === a.id);
  if (!id) return undefined;
  return a.url ? { id, label: a.label, url: a.url } : { id, label: a.label };
}

/** A status card: the summary the core wrote and the first tracks (the status intent, and "Check status"). */
export function statusEntry(id: string, text: string, timeline: Timeline): Entry {
  return { kind: 'status', id, text: clip(text), tracks: timeline.tracks.slice(0, TRANSCRIPT_LIMITS.tracks).map((t) => clip(t.label, 300)) };
}

export function renderEntry(id: string, job: RenderJob): Entry {
  return {
    kind: 'render',
    id,
    jobId: job.id,
    status: job.status,
    progress: Math.max(0, Math.min(100, Math.round(job.progress))),
    ...(job.localPath ? { localPath: job.localPath } : {}),
    ...(job.outputUrl ? { outputUrl: job.outputUrl } : {}),
    ...(job.error ? { error: clip(job.error, 2_000) } : {}),
  };
}

/**
 * One turn's reducer. It owns the turn's assistant entry (created on the first text/progress/still-working
 * event) and turns every TurnEvent into upserts. the sink receives each change.
 */
export class TurnReducer {
  private assistantId: string | undefined;
  private lastNoticeId: string | undefined;
  /** Render cards created in this turn: job id → entry id (the host tracks them). */
  readonly renderCards = new Map<string, string>();

  constructor(
    private readonly transcript: Transcript,
    private readonly texts: TranscriptTexts,
    private readonly sink: TranscriptSink,
    private readonly now: () => number = Date.now,
  ) {}

  private put(entry: Entry): Entry {
    const stored = this.transcript.upsert(entry);
    this.sink.upsert(stored);
    return stored;
  }

  private assistant(): Extract<Entry, { kind: 'assistant' }> {
    const existing = this.assistantId ? this.transcript.find(this.assistantId) : undefined;
    if (existing && existing.kind === 'assistant') return existing;
    this.assistantId = this.transcript.newId();
    return { kind: 'assistant', id: this.assistantId, text: '', progress: [], status: 'streaming', at: this.now() };
  }

  /** Starts the reply right away, so the panel shows that something is happening. */
  begin(): void {
    this.put(this.assistant());
  }

  apply(ev: TurnEvent): void {
    switch (ev.type) {
      case 'text': {
        const a = this.assistant();
        this.put({ ...a, text: clip(ev.text) });
        return;
      }
      case 'progress': {
        const a = this.assistant();
        if (a.progress[a.progress.length - 1] === ev.label) return;
        this.put({ ...a, progress: [...a.progress, clip(ev.label, 200)].slice(-TRANSCRIPT_LIMITS.progressLines) });
        return;
      }
      case 'still-working': {
        const a = this.assistant();
        this.put({ ...a, stillWorkingMs: Math.max(0, ev.elapsedMs) });
        return;
      }
      case 'summary':
        this.put({ kind: 'summary', id: this.transcript.newId(), text: clip(ev.text), tracks: (ev.timeline?.tracks ?? []).slice(0, TRANSCRIPT_LIMITS.tracks).map((t) => clip(t.label, 300)) });
        return;
      case 'notice': {
        const n = this.put({ kind: 'notice', id: this.transcript.newId(), text: clip(ev.text) });
        this.lastNoticeId = n.id;
        return;
      }
      case 'error':
        this.put({ kind: 'error', id: this.transcript.newId(), text: clip(ev.error.userMessage), action: entryAction(ev.error.action) });
        return;
      case 'intent':
        this.intent(ev);
        return;
      case 'done':
        this.done(ev.outcome, ev.sent !== false);
        return;
    }
  }

  private intent(ev: Extract<TurnEvent, { type: 'intent' }>): void {
    switch (ev.intent) {
      case 'export': {
        const id = this.transcript.newId();
        this.renderCards.set(ev.job.id, id);
        this.put(renderEntry(id, ev.job));
        return;
      }
      case 'credits':
        this.put({ kind: 'credits', id: this.transcript.newId(), text: clip(ev.text), available: ev.credits.available, frozen: ev.credits.frozen, total: ev.credits.total });
        return;
      case 'status':
        this.put(statusEntry(this.transcript.newId(), ev.text, ev.timeline));
        return;
      case 'upload':
        this.put({ kind: 'notice', id: this.transcript.newId(), text: clip(ev.text) });
        return;
    }
  }

  /** `sent`: false when a stop came before anything reached the editor (then no "Check status" is offered). */
  private done(outcome: TurnOutcome, sent: boolean): void {
    const a = this.assistantId ? this.transcript.find(this.assistantId) : undefined;
    if (a && a.kind === 'assistant') {
      // A reply that never got text or progress (an intent answered with a card, an error) leaves no empty bubble.
      if (a.text === '' && a.progress.length === 0 && a.stillWorkingMs === undefined) {
        this.transcript.remove(a.id);
        this.sink.remove(a.id);
      } else {
        const status = outcome === 'stopped' ? 'stopped' : outcome === 'error' || outcome === 'timed-out' ? 'error' : 'done';
        this.put({ ...a, status });
      }
    }
    if (outcome === 'stopped' && sent) {
      const checkStatus: EntryAction = { id: 'check-status', label: this.texts.checkStatus };
      const notice = this.lastNoticeId ? this.transcript.find(this.lastNoticeId) : undefined;
      if (notice && notice.kind === 'notice') this.put({ ...notice, action: checkStatus });
      else this.put({ kind: 'notice', id: this.transcript.newId(), text: this.texts.stopped, action: checkStatus });
    }
  }
}

/**
 * A transcript loaded after a reload may end in a reply that was still streaming: show what arrived, mark it
 * interrupted, and offer a status check. Never re-send (that could run the work twice).
 */
export function recoverInterrupted(entries: Entry[], texts: TranscriptTexts, newId: () => string): Entry[] {
  let interrupted = false;
  const out = entries.map((e): Entry => {
    if (e.kind === 'assistant' && e.status === 'streaming') {
      interrupted = true;
      return { ...e, status: 'interrupted' };
    }
    if (e.kind === 'upload' && (e.status === 'uploading' || e.status === 'queued')) {
      return { ...e, status: 'cancelled' };
    }
    if (e.kind === 'render' && e.status !== 'completed' && e.status !== 'failed' && e.status !== 'cancelled') return e; // the render controller resumes jobs
    return e;
  });
  if (interrupted) out.push({ kind: 'notice', id: newId(), text: texts.interrupted, action: { id: 'check-status', label: texts.checkStatus } });
  return out;
}
