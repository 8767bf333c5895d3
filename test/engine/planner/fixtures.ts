// MediaInfo records and a PlanContext for planner tests. The planner only reads these fields (it never opens
// files), so hand-made records are the real input; silence detection is the context's job and is given
// fixed intervals here (the renderer tests run the real silencedetect).
import type { CompactDraft, MediaInfo, PlanContext, PlanResult } from '../../../src/engine/model';
import { plan } from '../../../src/engine/planner';

export function media(id: string, filename: string, over: Partial<MediaInfo> = {}): MediaInfo {
  const audio = /\.(mp3|wav|m4a|aac)$/i.test(filename);
  return {
    id, filename, path: `/data/${filename}`, kind: audio ? 'audio' : 'video', duration: 60, width: audio ? 0 : 1920,
    height: audio ? 0 : 1080, fps: audio ? 0 : 30, hasAudio: true, hash: id.padEnd(64, '0'), size: 1000, url: `http://127.0.0.1/${filename}`,
    ...over,
  };
}

export const TWO_CLIPS = [media('m1', 'city_timelapse.mp4', { duration: 60 }), media('m2', 'clip2.mp4', { duration: 20 })];

export interface Ctx {
  media?: MediaInfo[];
  draft?: CompactDraft | null;
  silences?: Record<string, Array<[number, number]>>;
  language?: 'en' | 'zh';
}

export function ctx(c: Ctx = {}): PlanContext & { detected: string[] } {
  const detected: string[] = [];
  return {
    draft: c.draft ?? null,
    media: c.media ?? TWO_CLIPS,
    language: c.language ?? 'en',
    detected,
    async detectSilences(m: MediaInfo) {
      detected.push(m.id);
      return c.silences?.[m.id] ?? [];
    },
  };
}

/** Runs several turns in a row, feeding each draft into the next; returns every turn's result. */
export async function turns(messages: string[], c: Ctx = {}): Promise<PlanResult[]> {
  const out: PlanResult[] = [];
  let draft = c.draft ?? null;
  for (const m of messages) {
    const r = await plan(m, ctx({ ...c, draft }));
    out.push(r);
    draft = r.draft;
  }
  return out;
}

export function last<T>(xs: T[]): T {
  return xs[xs.length - 1];
}

type Seg = Record<string, unknown> & { m: Record<string, unknown> };
export function track(draft: CompactDraft | null, tt: number): { d: number; sg: Seg[]; m?: Record<string, unknown> } | undefined {
  return draft?.t.find((t) => t.tt === tt) as { d: number; sg: Seg[]; m?: Record<string, unknown> } | undefined;
}
export function videoSegs(draft: CompactDraft | null): Seg[] {
  return track(draft, 0)?.sg ?? [];
}
