// Whole-video picture layers from the draft's meta: a logo image and a picture-in-picture clip, each scaled
// to a fraction of the frame width and overlaid in a corner with a margin. They sit over the joined items
// and under the text track.
import type { MediaInfo } from '../model';
import type { Corner, Layer } from '../planner/format';

export interface ResolvedLayer {
  media: MediaInfo;
  corner: Corner;
  scale: number;
}

const CORNERS: ReadonlyArray<Corner> = ['top-left', 'top-right', 'bottom-left', 'bottom-right'];

/** A layer from the draft meta, or null when the meta has none; throws when its file left the session. */
export function resolveLayer(raw: unknown, media: MediaInfo[], what: string): ResolvedLayer | null {
  if (!raw || typeof raw !== 'object') return null;
  const l = raw as Partial<Layer>;
  const m = media.find((x) => x.id === l.src);
  if (!m) throw new Error(`The ${what} of this draft is no longer in the session (${String(l.src)}); upload it again or remove the ${what}.`);
  const corner = CORNERS.find((c) => c === l.corner) ?? 'bottom-right';
  const scale = typeof l.scale === 'number' && l.scale > 0.02 && l.scale <= 0.6 ? l.scale : 0.2;
  return { media: m, corner, scale };
}

/** overlay x:y for a corner with a margin of 3 % of the short side. */
export function cornerXY(corner: Corner, width: number, height: number): string {
  const m = Math.round(Math.min(width, height) * 0.03);
  const x = corner.endsWith('left') ? `${m}` : `main_w-overlay_w-${m}`;
  const y = corner.startsWith('top') ? `${m}` : `main_h-overlay_h-${m}`;
  return `x=${x}:y=${y}`;
}

export interface LayerGraph {
  inputArgs: string[];
  chains: string[];
  out: string;
}

/**
 * Adds the layers' inputs (numbered from `firstInput`) and overlays them on `acc`; returns the new label.
 * The pip's picture plays from 0 for its own length (then the main picture shows alone: eof_action=pass).
 */
export function addLayers(acc: string, logo: ResolvedLayer | null, pip: ResolvedLayer | null, width: number, height: number, fps: number, seconds: number, firstInput: number): LayerGraph {
  const inputArgs: string[] = [];
  const chains: string[] = [];
  let n = firstInput;
  let cur = acc;
  const w = (scale: number) => Math.max(2, Math.round((width * scale) / 2) * 2);
  if (pip) {
    inputArgs.push('-an', '-sn', '-dn', '-t', seconds.toFixed(6), '-i', pip.media.path);
    chains.push(`[${n}:v]fps=${fps},scale=${w(pip.scale)}:-2,setsar=1,format=yuv420p,setpts=PTS-STARTPTS[pipv]`);
    chains.push(`[${cur}][pipv]overlay=${cornerXY(pip.corner, width, height)}:eof_action=pass:format=auto[withpip]`);
    cur = 'withpip';
    n++;
  }
  if (logo) {
    inputArgs.push('-loop', '1', '-framerate', String(fps), '-t', (seconds + 1 / fps).toFixed(6), '-i', logo.media.path);
    chains.push(`[${n}:v]scale=${w(logo.scale)}:-2,format=yuva420p[logov]`);
    chains.push(`[${cur}][logov]overlay=${cornerXY(logo.corner, width, height)}:shortest=0:eof_action=pass:format=auto[withlogo]`);
    cur = 'withlogo';
    n++;
  }
  return { inputArgs, chains, out: cur };
}
