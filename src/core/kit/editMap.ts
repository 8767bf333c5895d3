// The exported draft read as an edit map: which span of the output video shows what (a card, an image, or a
// piece of a source clip starting at which source time, at which speed), and which texts lie on top. The
// kit's chapters, caption re-timing and thumbnail frame choice all read this one map.
//
// Drafts made by the local engine (`m.engine === 'local'`) are placed on the renderer's output frame grid
// with the renderer's own frame arithmetic (core/media/frameGrid.ts: every length a whole number of frames from
// the cumulative timeline, crossfades overlapping), so a caption re-timed through the map lands on the frame
// the renderer put its words on. Cloud drafts have unpublished segment fields: they are read leniently through the core's
// draft decoder, times as the draft states them.
import { decodeDraft } from '../draft/timeline';
import { clampCrossfade, frameCounter, msToFrames, outputFps } from '../media/frameGrid';

export type SpanKind = 'clip' | 'card' | 'image';

export interface OutputSpan {
  kind: SpanKind;
  /** Output seconds. */
  start: number;
  end: number;
  /** Draft source key of a clip/image (the segment's `src` or file name), null for cards. */
  source: string | null;
  /** Source seconds at `start` (clips). */
  sourceIn: number;
  /** Source seconds advanced per output second (2 = twice as fast). */
  speed: number;
  /** Clip: file name or segment name; card: its role ("intro"/"outro"). */
  name: string | null;
  /** Text a card shows (its title), if any. */
  cardTitle: string | null;
}

export interface OverlayText {
  start: number;
  end: number;
  text: string;
  /** Titles name chapters; captions are lines of speech (cloud drafts may carry them). */
  kind: 'title' | 'caption';
}

export interface EditMap {
  spans: OutputSpan[];
  texts: OverlayText[];
  durationSec: number;
  width: number;
  height: number;
  fps: number;
  title: string | null;
  /** Made by the local engine (its titles are overlays, never captions). */
  local: boolean;
}

/** A media entry from the state's `video_infos` (or an upload answer): how a draft `src` names a file. */
export interface MediaRef {
  id?: string;
  filename?: string;
  cdn_url?: string;
  hash?: string;
  duration?: number;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : null);
const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);

function asDraft(draft: unknown): Obj {
  if (isObj(draft)) return draft;
  if (typeof draft === 'string') {
    try {
      const v: unknown = JSON.parse(draft);
      return isObj(v) ? v : {};
    } catch {
      return {};
    }
  }
  return {};
}

const SPEED_KEYS = ['speed', 'sp', 'rate', 'playbackRate', 'playback_rate'];
const SOURCE_IN_KEYS = ['in', 'trimIn', 'trim_in', 'sourceStart', 'source_start', 'sourceIn', 'source_in', 'from', 'ss'];

function speedOf(raw: Obj, m: Obj): number {
  for (const o of [raw, m]) for (const k of SPEED_KEYS) {
    const n = num(o[k]);
    // The engine plays 0.25–4×; other backends' values are taken as given within a sane range.
    if (n !== null && n > 0.05 && n < 20) return n;
  }
  return 1;
}

/** Looks up the file a draft `src` names, by id, file name, URL or hash. */
export function findMedia(media: MediaRef[], src: string | null): MediaRef | undefined {
  if (!src) return undefined;
  const base = src.split(/[?#]/)[0].split(/[\\/]/).pop() ?? src;
  return media.find((x) => x.id === src || x.hash === src || x.cdn_url === src || x.filename === src || x.filename === base);
}

export function buildEditMap(draftIn: unknown, media: MediaRef[] = []): EditMap {
  const draft = asDraft(draftIn);
  const m = isObj(draft.m) ? draft.m : {};
  return m.engine === 'local' ? localMap(draft, m, media) : foreignMap(draftIn, media);
}

function localMap(draft: Obj, m: Obj, media: MediaRef[]): EditMap {
  const fpsRaw = num(m.fps) ?? 30;
  const fps = outputFps(fpsRaw);
  const tracks = Array.isArray(draft.t) ? draft.t.filter(isObj) : [];
  const video = tracks.find((t) => t.tt === 0);
  const segs = video && Array.isArray(video.sg) ? video.sg.filter(isObj) : [];
  // Same arithmetic as the renderer's resolveTimeline: frames from the cumulative length, then crossfades.
  const items: Array<{ seg: Obj; frames: number; xf: number }> = [];
  const framesOf = frameCounter(fps);
  for (const seg of segs) {
    const sm = isObj(seg.m) ? seg.m : {};
    const isCard = seg.k === 'card';
    if (!isCard && typeof seg.src !== 'string') continue;
    // The planner's rule: a clip's timeline length is its source length over its speed, in whole ms.
    const len = isCard ? num(seg.dur) ?? 3000 : Math.round(((num(seg.out) ?? 0) - (num(seg.in) ?? 0)) / speedOf(seg, sm));
    if (len <= 0) continue;
    const frames = framesOf(len);
    if (frames <= 0) continue;
    items.push({ seg, frames, xf: items.length === 0 ? 0 : msToFrames(num(seg.xf) ?? 0, fps) });
  }
  items.forEach((it, i) => {
    if (i > 0) it.xf = clampCrossfade(it.xf, it.frames, items[i - 1]);
  });
  const spans: OutputSpan[] = [];
  let startFrame = 0;
  for (const it of items) {
    startFrame -= it.xf;
    const seg = it.seg;
    const sm = isObj(seg.m) ? seg.m : {};
    const start = startFrame / fps;
    const end = (startFrame + it.frames) / fps;
    if (seg.k === 'card') {
      spans.push({ kind: 'card', start, end, source: null, sourceIn: 0, speed: 1, name: str(sm.role) ?? 'card', cardTitle: str(sm.title) });
    } else {
      const src = String(seg.src);
      const ref = findMedia(media, src);
      const isImage = ref?.duration === 0 || /\.(jpe?g|png|gif|webp)$/i.test(ref?.filename ?? '');
      spans.push({
        kind: isImage ? 'image' : 'clip', start, end, source: src, sourceIn: (num(seg.in) ?? 0) / 1000, speed: speedOf(seg, sm),
        name: ref?.filename ?? str(sm.name), cardTitle: null,
      });
    }
    startFrame += it.frames;
  }
  const durationSec = startFrame / fps;
  const textTrack = tracks.find((t) => t.tt === 7);
  const texts: OverlayText[] = (textTrack && Array.isArray(textTrack.sg) ? textTrack.sg.filter(isObj) : [])
    .map((s) => {
      const sm = isObj(s.m) ? s.m : {};
      return { start: (num(s.s) ?? 0) / 1000, end: (num(s.e) ?? 0) / 1000, text: str(sm.text) ?? str(sm.title) ?? '', kind: 'title' as const };
    })
    .filter((x) => x.text && x.end > x.start);
  const w = num(m.width) ?? 1920;
  const h = num(m.height) ?? 1080;
  return { spans, texts, durationSec, width: w, height: h, fps, title: titleOf(m), local: true };
}

function titleOf(m: Obj): string | null {
  const t = str(m.title) ?? str(m.name);
  return t && !/^untitled$/i.test(t) ? t : null;
}

const CAPTION_WORD = /caption|subtitle|transcript|字幕|cc\b/i;

function foreignMap(draftIn: unknown, media: MediaRef[]): EditMap {
  const tl = decodeDraft(draftIn);
  const raw = tl.raw;
  const m = isObj(raw.m) ? raw.m : isObj(raw.meta) ? raw.meta : {};
  const spans: OutputSpan[] = [];
  for (const track of tl.tracks.filter((t) => t.kind === 'video')) {
    for (const seg of track.segments) {
      if (seg.startMs === null || seg.endMs === null || seg.endMs <= seg.startMs) continue;
      const sm = isObj(seg.raw.m) ? seg.raw.m : {};
      let sourceInMs = 0;
      for (const o of [seg.raw, sm]) for (const k of SOURCE_IN_KEYS) {
        const n = num(o[k]);
        if (n !== null && sourceInMs === 0) sourceInMs = n;
      }
      const ref = findMedia(media, seg.source);
      const isCard = !seg.source && (seg.raw.k === 'card' || seg.text !== null);
      const isImage = !!ref && (ref.duration === 0 || /\.(jpe?g|png|gif|webp)$/i.test(ref.filename ?? ''));
      spans.push({
        kind: isCard ? 'card' : isImage ? 'image' : 'clip',
        start: seg.startMs / 1000, end: seg.endMs / 1000,
        source: seg.source, sourceIn: sourceInMs / 1000, speed: speedOf(seg.raw, sm),
        name: ref?.filename ?? seg.name ?? (seg.source ? seg.source.split(/[?#]/)[0].split(/[\\/]/).pop() ?? null : null),
        cardTitle: isCard ? seg.text ?? seg.name : null,
      });
    }
  }
  spans.sort((a, b) => a.start - b.start);
  const texts: OverlayText[] = [];
  for (const track of tl.tracks.filter((t) => t.kind === 'text')) {
    const labelled = CAPTION_WORD.test(`${track.name ?? ''} ${String(track.raw.type ?? '')}`);
    // Captions are many short lines; titles are a few. An unlabelled text track of 3+ timed lines is
    // taken for captions only when its lines are short enough to be speech.
    const timed = track.segments.filter((s) => s.text && s.startMs !== null && s.endMs !== null && s.endMs > s.startMs);
    const looksLikeSpeech = timed.length >= 3 && timed.every((s) => (s.endMs! - s.startMs!) <= 10_000);
    for (const s of timed) {
      const segLabelled = CAPTION_WORD.test(`${String(s.raw.type ?? '')} ${String(s.raw.k ?? '')} ${s.name ?? ''}`);
      texts.push({ start: s.startMs! / 1000, end: s.endMs! / 1000, text: s.text!, kind: labelled || segLabelled || looksLikeSpeech ? 'caption' : 'title' });
    }
  }
  texts.sort((a, b) => a.start - b.start);
  const lastEnd = Math.max(0, ...spans.map((s) => s.end), ...texts.map((x) => x.end));
  const durationSec = tl.durationMs !== null ? tl.durationMs / 1000 : lastEnd;
  return { spans, texts, durationSec, width: tl.width ?? 1920, height: tl.height ?? 1080, fps: num(m.fps) ?? 30, title: titleOf(m), local: false };
}
