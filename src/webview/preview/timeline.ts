// The visual timeline under the player: one lane per track, segments as blocks to scale (buttons: Tab to
// them, Enter or a click seeks to their start), a filmstrip drawn in video blocks from the proxy's sprite,
// the mix's waveform in audio lanes, text blocks showing their text, and a playhead that follows the video.
// Only theme colours (read from CSS variables) are used, so it follows light, dark and high contrast.
import type { PreviewLane, PreviewMedia, PreviewStrings } from '../../shared/protocol';
import { el } from '../chat/dom';
import { formatTime } from './time';

export interface TimelineView {
  root: HTMLElement;
  draw(lanes: PreviewLane[], durationMs: number, media: PreviewMedia | null): void;
  setPlayhead(ms: number): void;
}

function cssColor(name: string, fallback: string): string {
  return getComputedStyle(document.body).getPropertyValue(name).trim() || fallback;
}

function drawFilmstrip(canvas: HTMLCanvasElement, sprite: HTMLImageElement, fs: NonNullable<PreviewMedia['filmstrip']>, startMs: number, endMs: number): void {
  const w = Math.max(1, Math.round(canvas.clientWidth));
  const h = Math.max(1, Math.round(canvas.clientHeight));
  canvas.width = w;
  canvas.height = h;
  const ctx = canvas.getContext('2d');
  if (!ctx || !sprite.complete || sprite.naturalWidth === 0) return;
  // Thumbnails keep their aspect: as many as fit, each showing the moment at its middle.
  const tileW = Math.max(8, Math.round((fs.tileWidth * h) / fs.tileHeight));
  const n = Math.max(1, Math.ceil(w / tileW));
  for (let i = 0; i < n; i++) {
    const midMs = startMs + ((i + 0.5) * tileW * (endMs - startMs)) / w;
    const tile = Math.min(fs.count - 1, Math.max(0, Math.floor(midMs / 1000 / fs.stepSec)));
    ctx.drawImage(sprite, tile * fs.tileWidth, 0, fs.tileWidth, fs.tileHeight, i * tileW, 0, tileW, h);
  }
}

function drawWaveform(canvas: HTMLCanvasElement, peaks: NonNullable<PreviewMedia['peaks']>, durationMs: number): void {
  const w = Math.max(1, Math.round(canvas.clientWidth));
  const h = Math.max(1, Math.round(canvas.clientHeight));
  canvas.width = w;
  canvas.height = h;
  const ctx = canvas.getContext('2d');
  if (!ctx || durationMs <= 0) return;
  ctx.fillStyle = cssColor('--vscode-charts-blue', cssColor('--vscode-foreground', '#888'));
  const perPx = (peaks.perSecond * durationMs) / 1000 / w;
  for (let x = 0; x < w; x++) {
    let peak = 0;
    const from = Math.floor(x * perPx);
    const to = Math.max(from + 1, Math.floor((x + 1) * perPx));
    for (let i = from; i < to && i < peaks.peaks.length; i++) peak = Math.max(peak, peaks.peaks[i]);
    const bar = Math.max(1, peak * h);
    ctx.fillRect(x, (h - bar) / 2, 1, bar);
  }
}

export function createTimeline(strings: () => PreviewStrings, onSeek: (ms: number) => void): TimelineView {
  const lanesEl = el('div', { class: 'lanes' });
  const playhead = el('div', { class: 'playhead', 'aria-hidden': 'true' });
  const tracksArea = el('div', { class: 'tracks-area' }, lanesEl, playhead);
  const root = el('section', { class: 'timeline', role: 'group' }, tracksArea);
  let duration = 0;
  let sprite: HTMLImageElement | null = null;
  let spriteSrc = '';
  let redraw: Array<() => void> = [];

  const laneName = (lane: PreviewLane): string => {
    const s = strings();
    return { video: s.laneVideo, audio: s.laneAudio, text: s.laneText, other: s.laneOther }[lane.kind];
  };

  const draw = (lanes: PreviewLane[], durationMs: number, media: PreviewMedia | null): void => {
    const s = strings();
    root.setAttribute('aria-label', s.timelineLabel);
    duration = Math.max(durationMs, media?.durationMs ?? 0);
    redraw = [];
    lanesEl.replaceChildren();
    if (media?.filmstrip && media.filmstrip.src !== spriteSrc) {
      spriteSrc = media.filmstrip.src;
      sprite = new Image();
      sprite.src = spriteSrc;
      sprite.addEventListener('load', () => redraw.forEach((f) => f()));
    }
    if (lanes.length === 0 || duration <= 0) {
      lanesEl.append(el('p', { class: 'muted empty-lanes' }, s.noLanes));
      return;
    }
    for (const lane of lanes) {
      const track = el('div', { class: 'lane-track', role: 'list', 'aria-label': `${laneName(lane)}: ${lane.label}` });
      if (lane.kind === 'audio' && media?.peaks) {
        const wave = el('canvas', { class: 'waveform', 'aria-hidden': 'true' });
        track.append(wave);
        const peaks = media.peaks;
        redraw.push(() => drawWaveform(wave, peaks, duration));
      }
      for (const b of lane.blocks) {
        const span = `${formatTime(b.startMs)}–${formatTime(b.endMs)}`;
        const block = el('button', {
          type: 'button', class: `block block-${lane.kind}`, role: 'listitem', 'data-id': b.id, 'data-start-ms': String(b.startMs),
          'aria-label': s.blockAt.replace('{0}', b.text ?? b.label).replace('{1}', span), title: `${b.label}\n${span}`,
        });
        // CSSOM (not a style attribute): allowed under the strict CSP.
        block.style.left = `${(b.startMs / duration) * 100}%`;
        block.style.width = `${(Math.min(b.endMs, duration) - b.startMs) / duration * 100}%`;
        if (lane.kind === 'video' && media?.filmstrip) {
          const strip = el('canvas', { class: 'filmstrip', 'aria-hidden': 'true' });
          block.append(strip);
          const fs = media.filmstrip;
          redraw.push(() => sprite && drawFilmstrip(strip, sprite, fs, b.startMs, Math.min(b.endMs, duration)));
        }
        block.append(el('span', { class: 'block-label' }, lane.kind === 'text' ? b.text ?? b.label : b.label));
        block.addEventListener('click', () => onSeek(b.startMs));
        track.append(block);
      }
      lanesEl.append(el('div', { class: `lane lane-${lane.kind}`, 'data-lane': lane.id }, el('div', { class: 'lane-label', title: lane.label }, laneName(lane)), track));
    }
    requestAnimationFrame(() => redraw.forEach((f) => f()));
  };

  new ResizeObserver(() => redraw.forEach((f) => f())).observe(lanesEl);

  return {
    root,
    draw,
    setPlayhead(ms: number): void {
      const frac = duration > 0 ? Math.min(1, Math.max(0, ms / duration)) : 0;
      // The playhead lives over the lane tracks, which start after the label column (CSS variable).
      playhead.style.left = `calc(var(--label-width) + (100% - var(--label-width)) * ${frac.toFixed(5)})`;
    },
  };
}
