// Draft → render items on the output frame grid. Every length is a whole number of output frames, computed
// from the cumulative timeline (so rounding never accumulates across many silence cuts), and the audio uses
// exactly the same lengths, so picture and sound stay in sync to the sample.
import { clampCrossfade, frameCounter, msToFrames, outputFps } from '../../core/media/frameGrid';
import type { MediaInfo } from '../model';
import { type CardSegment, type Draft, type MusicSegment, type TextSegment, segmentLength } from '../planner/format';
import { fxOf, type ItemFx, sameFx } from './effects';
import { type ResolvedLayer, resolveLayer } from './layers';

/** Consecutive pieces of one source, in increasing source order, joined by hard cuts: one decoder input. */
export interface RunItem {
  type: 'run';
  media: MediaInfo;
  /** Input seek (seconds into the source) and how much of the source to read. */
  seek: number;
  span: number;
  /** Pieces relative to `seek`, seconds, each exactly `frames` output frames long. */
  pieces: Array<{ start: number; frames: number }>;
  frames: number;
  /** Crossfade from the previous item, in output frames. */
  xfFrames: number;
  /** Speed, zoom and looks (./effects.ts); a sped-up run reads `frames × speed / fps` s of its source. */
  fx: ItemFx;
}

export interface ImageItem {
  type: 'image';
  media: MediaInfo;
  frames: number;
  xfFrames: number;
  fx: ItemFx;
}

export interface CardItem {
  type: 'card';
  card: CardSegment;
  frames: number;
  xfFrames: number;
}

export type Item = RunItem | ImageItem | CardItem;

export interface RenderTimeline {
  width: number;
  height: number;
  fps: number;
  fit: 'fit' | 'fill';
  items: Item[];
  totalFrames: number;
  /** Output length in audio samples at 48 kHz (exactly totalFrames / fps seconds). */
  totalSamples: number;
  texts: TextSegment[];
  music: MusicSegment | null;
  fadeIn: number;
  fadeOut: number;
  logo: ResolvedLayer | null;
  pip: ResolvedLayer | null;
  /** Speech cleanup: denoise = highpass + afftdn, level = compression (audioGraph.ts). */
  audio: { denoise: boolean; level: boolean };
  /**
   * swscale flags for fitting sources to the canvas, when not the default (bicubic). The preview proxy asks
   * for fast_bilinear: at 360p it looks the same and costs about a third less per 1080p frame.
   */
  scaleFlags?: string;
  /**
   * Set when this is a span of a longer timeline (render/slice.ts): the span's first frame in the whole
   * timeline and the whole timeline's length, so titles and fades land where they land in a whole render.
   */
  window?: { origin: number; wholeFrames: number };
}

export const SAMPLE_RATE = 48000;

export function resolveTimeline(draft: Draft, media: MediaInfo[]): RenderTimeline {
  const fps = outputFps(draft.meta.fps);
  const byId = new Map(media.map((m) => [m.id, m]));
  const items: Item[] = [];
  const framesOf = frameCounter(fps);
  for (const seg of draft.video) {
    const len = segmentLength(seg);
    if (len <= 0) continue;
    const frames = framesOf(len);
    if (frames <= 0) continue;
    const xfFrames = items.length === 0 ? 0 : msToFrames(seg.xf ?? 0, fps);
    if (seg.k === 'card') {
      items.push({ type: 'card', card: seg, frames, xfFrames });
      continue;
    }
    const m = byId.get(seg.src);
    if (!m) throw new Error(`The draft uses a file that is not in this session (${seg.src}); upload it again or remove it from the timeline.`);
    const fx = fxOf(seg);
    if (m.kind === 'image') {
      items.push({ type: 'image', media: m, frames, xfFrames, fx: { ...fx, speed: 1 } });
      continue;
    }
    if (m.kind !== 'video') throw new Error(`${m.filename} is audio; it can be background music but not a video clip.`);
    const prev = items[items.length - 1];
    const inSec = seg.in / 1000;
    if (prev && prev.type === 'run' && prev.media.id === m.id && xfFrames === 0 && fx.speed === 1 && sameFx(prev.fx, fx)) {
      const prevEnd = prev.seek + prev.pieces[prev.pieces.length - 1].start + prev.pieces[prev.pieces.length - 1].frames / fps;
      if (inSec >= prevEnd - 0.5 / fps) {
        prev.pieces.push({ start: inSec - prev.seek, frames });
        prev.frames += frames;
        prev.span = inSec - prev.seek + frames / fps;
        continue;
      }
    }
    // A sped-up or slowed piece is its own run: its source span is its output length times its speed.
    items.push({ type: 'run', media: m, seek: inSec, span: (frames * fx.speed) / fps, pieces: [{ start: 0, frames }], frames, xfFrames, fx });
  }
  if (items.length === 0) throw new Error('The timeline is empty: add at least one clip before exporting.');
  // xfade needs both sides at least as long as the fade, and an item cannot give more frames to its two
  // crossfades than it has.
  items.forEach((it, i) => {
    if (i === 0) return;
    const prev = items[i - 1];
    it.xfFrames = clampCrossfade(it.xfFrames, it.frames, { frames: prev.frames, xf: prev.xfFrames });
  });
  const totalFrames = items.reduce((s, it) => s + it.frames - it.xfFrames, 0);
  return {
    width: draft.meta.width,
    height: draft.meta.height,
    fps,
    fit: draft.meta.fit,
    items,
    totalFrames,
    totalSamples: Math.round((totalFrames * SAMPLE_RATE) / fps),
    texts: draft.texts,
    music: draft.music,
    fadeIn: draft.meta.fadeIn ?? 0,
    fadeOut: draft.meta.fadeOut ?? 0,
    logo: resolveLayer(draft.meta.logo, media, 'logo'),
    pip: resolveLayer(draft.meta.pip, media, 'picture-in-picture clip'),
    audio: { denoise: draft.meta.audio?.denoise === true, level: draft.meta.audio?.level === true },
  };
}
