// Silences of each uploaded clip with sound, detected right after its upload, in the background. The first
// turn after an upload builds the timeline and cuts the silences of every clip, and the user is typing that
// message meanwhile: the detection (0.2 s for a 10 s clip, ~13 s for an hour of footage) is then done before
// the turn needs it. A turn that arrives while it still runs waits for it instead of starting a second one;
// the result is kept in the session's analyses as the turn's own detection always was.
import type { SessionRecord, SessionStore, StoredMedia } from './sessions';
import { detectSilences } from '../render/index';

type Silences = Array<[number, number]>;

export class SilenceAnalyses {
  private readonly running = new Map<string, Promise<Silences | null>>();
  private readonly stop = new AbortController();

  constructor(private readonly deps: { ffmpeg: string; sessions: SessionStore; log(line: string): void }) {}

  /** Starts the detection of an uploaded clip with sound, unless it is known or running. Never throws. */
  prefetch(session: SessionRecord, m: StoredMedia): void {
    if (m.kind !== 'video' || !m.hasAudio) return;
    const key = `${session.sessionId}/${m.id}`;
    if (session.analyses[m.id]?.silences || this.running.has(key)) return;
    const started = Date.now();
    const job = this.detect(session, m.id, this.deps.sessions.mediaPath(session.sessionId, m.filename))
      .then(async (found) => {
        await this.deps.sessions.save(session);
        this.deps.log(`silences of ${m.filename}: ${found.length} found in ${Date.now() - started} ms (after its upload)`);
        return found;
      })
      .catch((e: unknown) => {
        // The turn detects again and reports a real failure itself.
        if (!this.stop.signal.aborted) this.deps.log(`silences of ${m.filename}: not found after upload (${(e as Error).message}); the next turn tries again`);
        return null;
      })
      .finally(() => this.running.delete(key));
    this.running.set(key, job);
  }

  /** The clip's silences: kept from before, the detection still running, or a new one (throws if it fails). */
  async silences(session: SessionRecord, m: { id: string; path: string }): Promise<Silences> {
    const kept = session.analyses[m.id]?.silences;
    if (kept) return kept;
    const pending = await this.running.get(`${session.sessionId}/${m.id}`);
    if (pending) return pending;
    return this.detect(session, m.id, m.path);
  }

  /** One detection, kept in the session's analyses (the caller saves the session). Engine shutdown stops it. */
  private async detect(session: SessionRecord, mediaId: string, file: string): Promise<Silences> {
    const found = await detectSilences(file, this.deps.ffmpeg, this.stop.signal);
    session.analyses[mediaId] = { ...session.analyses[mediaId], silences: found };
    return found;
  }

  /** Stops running detections (engine shutdown) and waits until their ffmpeg processes are gone. */
  async close(): Promise<void> {
    this.stop.abort();
    await Promise.allSettled([...this.running.values()]);
  }
}
