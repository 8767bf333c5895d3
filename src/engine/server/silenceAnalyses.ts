// Silences of each uploaded clip with sound, detected in the background from the moment its upload's probe
// says it is one. The first turn after an upload builds the timeline and cuts the silences of every clip, and
// the user is typing that message meanwhile: the detection (0.2 s for a 10 s clip, ~13 s for an hour of
// footage) is then done before the turn needs it. A turn that arrives while it still runs waits for it instead
// of starting a second one; the result is kept in the session's analyses as the turn's own detection always was.
//
// The detection starts before the upload is committed and answered (`start`), because `generate --local`
// sends its message the moment the upload is answered: started after the commit, the turn waited ~0.17 s for
// it. It reads its own hard link of the received file, so the commit's rename and the request's cleanup cannot
// pull the file from under it. The upload then hands it over (`adopt`) or stops it (a refused upload). Where
// no hard link can be made, the detection starts after the commit on the stored file (`prefetch`).
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { SessionRecord, SessionStore, StoredMedia } from './sessions';
import { detectSilences } from '../render/index';

type Silences = Array<[number, number]>;

/** A detection started on a received file before it is stored: handed to `adopt` or stopped with `abort`. */
export interface EarlySilences {
  readonly result: Promise<Silences>;
  readonly started: number;
  abort(): void;
}

export class SilenceAnalyses {
  private readonly running = new Map<string, Promise<Silences | null>>();
  /** Early detections not yet adopted or finished, so close() can wait for their ffmpeg too. */
  private readonly early = new Set<Promise<unknown>>();
  private readonly stop = new AbortController();

  /**
   * `linkDir`: where the hard links of received files live while they are read (on the data folder's file
   * system, cleared at engine start). Not incoming/, which holds only uploads in flight.
   */
  constructor(private readonly deps: { ffmpeg: string; sessions: SessionStore; linkDir: string; log(line: string): void }) {}

  /** Starts detecting on a received file (not yet stored); undefined when no hard link could be made. */
  start(file: string): EarlySilences | undefined {
    if (this.stop.signal.aborted) return undefined;
    const link = path.join(this.deps.linkDir, `${path.basename(file)}.silences`);
    try {
      fs.mkdirSync(this.deps.linkDir, { recursive: true });
      fs.linkSync(file, link);
    } catch {
      return undefined;
    }
    const own = new AbortController();
    const result = detectSilences(link, this.deps.ffmpeg, AbortSignal.any([own.signal, this.stop.signal])).finally(() => {
      fs.rmSync(link, { force: true });
    });
    const settled = result.catch(() => undefined);
    this.early.add(settled);
    void settled.finally(() => this.early.delete(settled));
    return { result, started: Date.now(), abort: () => own.abort() };
  }

  /**
   * After the commit: keeps an early detection for a clip with sound (true). False when the clip needs none
   * (no sound, or its silences are known already): the caller stops it. Without an early one, a clip with
   * sound starts one now.
   */
  adopt(session: SessionRecord, m: StoredMedia, early: EarlySilences | undefined): boolean {
    if (!early) {
      this.prefetch(session, m);
      return false;
    }
    if (!this.wanted(session, m)) return false;
    this.track(session, m, early.result, early.started);
    return true;
  }

  /** Starts the detection of a stored clip with sound, unless it is known or running. Never throws. */
  prefetch(session: SessionRecord, m: StoredMedia): void {
    if (!this.wanted(session, m)) return;
    const file = this.deps.sessions.mediaPath(session.sessionId, m.filename);
    this.track(session, m, detectSilences(file, this.deps.ffmpeg, this.stop.signal), Date.now());
  }

  private wanted(session: SessionRecord, m: StoredMedia): boolean {
    return m.kind === 'video' && m.hasAudio && !session.analyses[m.id]?.silences && !this.running.has(`${session.sessionId}/${m.id}`);
  }

  /** Keeps a running detection's result in the session's analyses (and saves it). */
  private track(session: SessionRecord, m: StoredMedia, detection: Promise<Silences>, started: number): void {
    const key = `${session.sessionId}/${m.id}`;
    const job = detection
      .then(async (found) => {
        keep(session, m.id, found);
        await this.deps.sessions.save(session);
        this.deps.log(`silences of ${m.filename}: ${found.length} found in ${Date.now() - started} ms (from its upload)`);
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
    return keep(session, m.id, await detectSilences(m.path, this.deps.ffmpeg, this.stop.signal));
  }

  /** Stops running detections (engine shutdown) and waits until their ffmpeg processes are gone. */
  async close(): Promise<void> {
    this.stop.abort();
    await Promise.allSettled([...this.running.values(), ...this.early]);
  }
}

/** The one place a detection's result goes: the session's analyses (its caller saves the session). */
function keep(session: SessionRecord, mediaId: string, found: Silences): Silences {
  session.analyses[mediaId] = { ...session.analyses[mediaId], silences: found };
  return found;
}
