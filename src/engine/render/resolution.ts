// The render `output` object's `resolution` ("1080p", "720p", "4k": the short side, not pixels) and `fps`,
// applied to the draft before rendering: the video graph then scales every source straight to that size
// (one scale per clip, no second pass over the finished video), keeping the draft's aspect ratio.
import type { CompactDraft } from '../model';
import { fromCompact } from '../planner/format';

const NAMED: Record<string, number> = { '4k': 2160, uhd: 2160, '2k': 1440, qhd: 1440, fhd: 1080, hd: 720, sd: 480 };

/** "1080p" / "720P" / "4k" → the short side in pixels; undefined for anything else. */
export function shortSideOf(resolution: unknown): number | undefined {
  if (typeof resolution !== 'string') return undefined;
  const v = resolution.trim().toLowerCase();
  const m = /^(\d{3,4})p?$/.exec(v);
  const n = m ? Number(m[1]) : NAMED[v];
  return n !== undefined && n >= 144 && n <= 4320 ? n : undefined;
}

function even(n: number): number {
  return Math.max(2, Math.round(n / 2) * 2);
}

/** A copy of `draft` whose size (and fps) follow `output`; the draft itself when `output` asks for neither. */
export function applyOutputOptions(draft: CompactDraft, output: Record<string, unknown>): CompactDraft {
  const short = shortSideOf(output.resolution);
  const fps = typeof output.fps === 'number' && output.fps >= 1 && output.fps <= 120 ? output.fps : undefined;
  if (short === undefined && fps === undefined) return draft;
  const { width, height } = fromCompact(draft).meta;
  const m: Record<string, unknown> = { ...(draft.m ?? {}) };
  if (short !== undefined && width > 0 && height > 0) {
    const scale = short / Math.min(width, height);
    m.width = even(width * scale);
    m.height = even(height * scale);
  }
  if (fps !== undefined) m.fps = fps;
  return { ...draft, m };
}
