// Per-clip effects the planner writes into clip.m (speed, zoom, look) as ffmpeg filters. Every field the
// planner can write has a filter here: a field the renderer ignored would make the planner's "Done" false.
//   speed  video: setpts before the frame-rate grid; audio: atempo (0.5–2 per stage, chained beyond)
//   zoom   centre crop of the canvas scaled back up (a punch-in)
//   look   one filter per look, in order
import type { ClipSegment, Look } from '../planner/format';
import { clipSpeed } from '../planner/format';

export interface ItemFx {
  speed: number;
  zoom: number;
  look: Look[];
}

export const NO_FX: ItemFx = { speed: 1, zoom: 1, look: [] };

const LOOKS: Record<Look, string> = {
  bw: 'hue=s=0',
  // colorbalance shifts shadows/mids/highlights towards red-yellow (warm) or blue (cool).
  warm: 'colorbalance=rs=0.10:bs=-0.10:rm=0.12:gm=0.02:bm=-0.12:rh=0.06:bh=-0.06',
  cool: 'colorbalance=rs=-0.10:bs=0.10:rm=-0.12:bm=0.12:rh=-0.06:bh=0.06',
  vivid: 'eq=saturation=1.5',
  bright: 'eq=brightness=0.08',
  dark: 'eq=brightness=-0.08',
};

export function fxOf(seg: ClipSegment): ItemFx {
  const zoom = typeof seg.m.zoom === 'number' && Number.isFinite(seg.m.zoom) ? Math.min(3, Math.max(1, seg.m.zoom)) : 1;
  const look = Array.isArray(seg.m.look) ? seg.m.look.filter((l): l is Look => typeof l === 'string' && l in LOOKS) : [];
  return { speed: clipSpeed(seg), zoom, look };
}

export function sameFx(a: ItemFx, b: ItemFx): boolean {
  return a.speed === b.speed && a.zoom === b.zoom && a.look.join() === b.look.join();
}

/** Filters after the canvas chain (frame already W×H yuv420p): zoom then looks; '' when none. */
export function fxChain(fx: ItemFx, width: number, height: number): string {
  const parts: string[] = [];
  if (fx.zoom > 1.001) {
    const z = fx.zoom.toFixed(4);
    parts.push(`scale=w='trunc(iw*${z}/2)*2':h='trunc(ih*${z}/2)*2'`, `crop=${width}:${height}`, 'setsar=1');
  }
  for (const l of fx.look) parts.push(LOOKS[l]);
  if (parts.length) parts.push('format=yuv420p');
  return parts.join(',');
}

/** Video: stretch time before the grid (`fps`) so a sped-up clip drops frames and a slowed one repeats them. */
export function videoSpeed(fx: ItemFx): string {
  return fx.speed === 1 ? '' : `setpts=(PTS-STARTPTS)/${fx.speed.toFixed(4)},`;
}

/** Audio: atempo stages whose product is the speed (each stage must stay within 0.5–2). */
export function audioSpeed(fx: ItemFx): string {
  if (fx.speed === 1) return '';
  const stages: number[] = [];
  let left = fx.speed;
  while (left > 2) { stages.push(2); left /= 2; }
  while (left < 0.5) { stages.push(0.5); left /= 0.5; }
  stages.push(left);
  return stages.map((s) => `atempo=${s.toFixed(6)}`).join(',') + ',';
}
