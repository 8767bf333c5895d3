// The local engine's compact draft, in the contract's shape (see ../../../../shared docs: `t` tracks,
// `tt` type, `sg` segments, `d` duration ms, `m` metadata). The planner writes it, the renderer reads it,
// the server stores it verbatim and the client decodes it leniently. All times are integer milliseconds.
//
// Draft
//   d  total output duration (ms), after cuts and crossfade overlaps
//   m  { title, name, width, height, fps, aspect: '16:9'|'9:16'|'1:1', fit: 'fit'|'fill',
//        fadeIn?, fadeOut? (ms, whole-video fade from/to black), used: [media ids ever placed], engine: 'local', v: 1 }
//   t  tracks, always in this order when present:
//
// Video track  { tt: 0, d, m: { name: 'Video' }, sg: VideoSegment[] }  — played in order, back to back
//   clip  { id, k: 'clip', src: MediaInfo.id, in, out (source ms), s, e (timeline ms), xf?,
//           m: { name, speed? (playback rate, 0.25–4; timeline length = (out − in) / speed),
//                zoom? (centre punch-in factor, 1.05–3), look?: Look[] (colour looks, applied in order) } }
//   card  { id, k: 'card', dur, s, e, xf?, m: { role: 'intro'|'outro', name, title, text? } }
//   `xf` = crossfade (ms) from the previous segment into this one; the two overlap by `xf` on the timeline.
//   `s`/`e` are derived (recomputed by `normalize` after every edit) so the client can show times.
//
// Music track  { tt: 1, d, m: { name, volume, duck }, sg: [MusicSegment] }  — spans the whole timeline
//   { id, src: MediaInfo.id | 'generated:bed', s: 0, e: d, m: { name, volume (0–1), duck, fadeIn, fadeOut } }
//   The speech (clip audio) is implicit in the video track; the music is looped/trimmed to `d`.
//
// Text track  { tt: 7, d, m: { name: 'Titles' }, sg: TextSegment[] }  — overlays on the final timeline
//   { id, s, e, m: { text, name, pos: 'center'|'bottom', fade (ms), style?: 'title'|'lower'|'subscribe', sub? } }
//   style 'lower' = a lower third (text = the name, sub = the role) at the bottom left; 'subscribe' = a red
//   subscribe reminder at the bottom right.
//
// Layers in m (whole-video, drawn over everything but the text track):
//   logo?  { src: image MediaInfo.id, corner: Corner, scale (fraction of the frame width) }
//   pip?   { src: video MediaInfo.id, corner: Corner, scale (fraction of the frame width) } — its picture over
//          the main track from 0 for its own length, its sound mixed with the speech
//   audio? { denoise?: true (highpass + afftdn), level?: true (voice compression) } — on the speech only
//
// Cut times in instructions ("trim the first 10 s", "cut 0:30–1:45") refer to the FOOTAGE: the clips in
// order, without cards and before crossfade overlaps. Title times refer to the final timeline.
import type { CompactDraft } from '../model';

export const GENERATED_BED = 'generated:bed';

export type Aspect = '16:9' | '9:16' | '1:1';
export type Fit = 'fit' | 'fill';

/** Colour looks a clip can carry; each is one ffmpeg filter in the renderer (render/looks.ts). */
export type Look = 'bw' | 'warm' | 'cool' | 'vivid' | 'bright' | 'dark';
export type Corner = 'top-left' | 'top-right' | 'bottom-left' | 'bottom-right';

export interface ClipFx {
  speed?: number;
  zoom?: number;
  look?: Look[];
}

export interface ClipSegment {
  id: string;
  k: 'clip';
  src: string;
  in: number;
  out: number;
  s: number;
  e: number;
  xf?: number;
  m: { name: string } & ClipFx & Record<string, unknown>;
}

export interface CardSegment {
  id: string;
  k: 'card';
  dur: number;
  s: number;
  e: number;
  xf?: number;
  m: { role: 'intro' | 'outro'; name: string; title: string; text?: string } & Record<string, unknown>;
}

export type VideoSegment = ClipSegment | CardSegment;

export interface MusicSegment {
  id: string;
  src: string;
  s: number;
  e: number;
  m: { name: string; volume: number; duck: boolean; fadeIn: number; fadeOut: number } & Record<string, unknown>;
}

export interface TextSegment {
  id: string;
  s: number;
  e: number;
  m: { text: string; name: string; pos: 'center' | 'bottom'; fade: number; style?: 'title' | 'lower' | 'subscribe'; sub?: string } & Record<string, unknown>;
}

export interface Layer {
  src: string;
  corner: Corner;
  scale: number;
}

export interface DraftMeta extends Record<string, unknown> {
  title: string;
  name: string;
  width: number;
  height: number;
  fps: number;
  aspect: Aspect;
  fit: Fit;
  fadeIn?: number;
  fadeOut?: number;
  logo?: Layer;
  pip?: Layer;
  audio?: { denoise?: boolean; level?: boolean };
  used: string[];
  seq?: number;
  engine: 'local';
  v: 1;
}

/** The typed working form of a draft; `toCompact`/`fromCompact` convert (lossless for our own drafts). */
export interface Draft {
  meta: DraftMeta;
  video: VideoSegment[];
  music: MusicSegment | null;
  texts: TextSegment[];
}

export const TT_VIDEO = 0;
export const TT_AUDIO = 1;
export const TT_TEXT = 7;

export const ASPECT_SIZE: Record<Aspect, { width: number; height: number }> = {
  '16:9': { width: 1920, height: 1080 },
  '9:16': { width: 1080, height: 1920 },
  '1:1': { width: 1080, height: 1080 },
};

/** Length on the timeline (ms): a clip's source length divided by its speed. */
export function segmentLength(seg: VideoSegment): number {
  return seg.k === 'clip' ? Math.round((seg.out - seg.in) / clipSpeed(seg)) : seg.dur;
}

export function clipSpeed(seg: ClipSegment): number {
  const v = seg.m.speed;
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? Math.min(4, Math.max(0.25, v)) : 1;
}

/** Recomputes derived times (`s`/`e`, `d`, music span, titles clamped) after an edit. Mutates and returns. */
export function normalize(draft: Draft): Draft {
  let t = 0;
  draft.video.forEach((seg, i) => {
    const len = segmentLength(seg);
    const prevLen = i > 0 ? segmentLength(draft.video[i - 1]) : 0;
    // A crossfade can be at most half of either neighbour, and none before the first segment.
    const xf = i === 0 ? 0 : Math.max(0, Math.min(seg.xf ?? 0, Math.floor(len / 2), Math.floor(prevLen / 2)));
    if (xf > 0) seg.xf = xf;
    else delete seg.xf;
    seg.s = t - xf;
    seg.e = seg.s + len;
    t = seg.e;
  });
  const d = t;
  if (draft.music) {
    draft.music.s = 0;
    draft.music.e = d;
  }
  draft.texts = draft.texts
    .filter((x) => x.s < d)
    .map((x) => ({ ...x, e: Math.min(x.e, d) }))
    .filter((x) => x.e - x.s >= 200);
  return draft;
}

export function totalDuration(draft: Draft): number {
  const last = draft.video[draft.video.length - 1];
  return last ? last.e : 0;
}

export function toCompact(draft: Draft): CompactDraft {
  normalize(draft);
  const d = totalDuration(draft);
  const t: CompactDraft['t'] = [];
  t.push({ tt: TT_VIDEO, d, m: { name: 'Video' }, sg: draft.video.map((s) => ({ ...s }) as Record<string, unknown>) });
  if (draft.music) {
    const mu = draft.music;
    t.push({ tt: TT_AUDIO, d, m: { name: mu.m.name, volume: mu.m.volume, duck: mu.m.duck }, sg: [{ ...mu }] });
  }
  if (draft.texts.length > 0) {
    t.push({ tt: TT_TEXT, d, m: { name: 'Titles' }, sg: draft.texts.map((s) => ({ ...s }) as Record<string, unknown>) });
  }
  return { t, d, m: { ...draft.meta } };
}

function num(v: unknown, fallback: number): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : fallback;
}
function str(v: unknown, fallback: string): string {
  return typeof v === 'string' ? v : fallback;
}
function rec(v: unknown): Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

/**
 * Reads a compact draft back into the typed form. Lenient: segments we cannot understand are kept out of
 * the typed form but we never throw; a draft made elsewhere still yields whatever video clips it names.
 */
export function fromCompact(c: CompactDraft): Draft {
  const m = rec(c.m);
  const aspect = (['16:9', '9:16', '1:1'] as const).find((a) => a === m.aspect) ?? '16:9';
  const size = ASPECT_SIZE[aspect];
  const meta: DraftMeta = {
    ...m,
    title: str(m.title, 'Untitled'),
    name: str(m.name, str(m.title, 'Untitled')),
    width: num(m.width, size.width),
    height: num(m.height, size.height),
    fps: num(m.fps, 30),
    aspect,
    fit: m.fit === 'fill' ? 'fill' : 'fit',
    used: Array.isArray(m.used) ? m.used.filter((x): x is string => typeof x === 'string') : [],
    engine: 'local',
    v: 1,
  };
  if (m.fadeIn !== undefined) meta.fadeIn = num(m.fadeIn, 0);
  if (m.fadeOut !== undefined) meta.fadeOut = num(m.fadeOut, 0);
  const draft: Draft = { meta, video: [], music: null, texts: [] };
  let foreign = 0;
  const idOf = (raw: Record<string, unknown>, p: string): string => str(raw.id, `${p}x${++foreign}`);
  for (const track of Array.isArray(c.t) ? c.t : []) {
    const sgs = Array.isArray(track.sg) ? track.sg : [];
    if (track.tt === TT_VIDEO) {
      for (const raw of sgs) {
        const sm = rec(raw.m);
        const base = { id: idOf(raw, 'v'), s: num(raw.s, 0), e: num(raw.e, 0), ...(typeof raw.xf === 'number' ? { xf: raw.xf } : {}) };
        if (raw.k === 'card') {
          const role = sm.role === 'outro' ? 'outro' : 'intro';
          draft.video.push({ ...base, k: 'card', dur: num(raw.dur, 3000), m: { ...sm, role, name: str(sm.name, role === 'intro' ? 'Intro card' : 'Outro card'), title: str(sm.title, '') } });
        } else if (typeof raw.src === 'string') {
          draft.video.push({ ...base, k: 'clip', src: raw.src, in: num(raw.in, 0), out: num(raw.out, num(raw.e, 0) - num(raw.s, 0)), m: { ...sm, name: str(sm.name, raw.src) } });
        }
      }
    } else if (track.tt === TT_AUDIO && sgs.length > 0) {
      const raw = sgs[0];
      const sm = rec(raw.m);
      const tm = rec(track.m);
      if (typeof raw.src === 'string') {
        draft.music = {
          id: idOf(raw, 'a'), src: raw.src, s: 0, e: 0,
          m: { ...sm, name: str(sm.name, str(tm.name, 'Music')), volume: num(sm.volume, num(tm.volume, 0.25)), duck: sm.duck !== false, fadeIn: num(sm.fadeIn, 1000), fadeOut: num(sm.fadeOut, 2000) },
        };
      }
    } else if (track.tt === TT_TEXT) {
      for (const raw of sgs) {
        const sm = rec(raw.m);
        const text = str(sm.text, str(sm.title, ''));
        if (!text) continue;
        draft.texts.push({ id: idOf(raw, 't'), s: num(raw.s, 0), e: num(raw.e, 0), m: { ...sm, text, name: str(sm.name, 'Title'), pos: sm.pos === 'bottom' ? 'bottom' : 'center', fade: num(sm.fade, 400), ...(sm.style === 'lower' || sm.style === 'subscribe' ? { style: sm.style } : {}) } });
      }
    }
  }
  return normalize(draft);
}

/** Segment ids are unique within a draft and deterministic: a sequence number kept in the draft's `m.seq`. */
export function newId(draft: Draft, prefix: string): string {
  const seq = (typeof draft.meta.seq === 'number' ? draft.meta.seq : 0) + 1;
  draft.meta.seq = seq;
  return `${prefix}${seq}`;
}
