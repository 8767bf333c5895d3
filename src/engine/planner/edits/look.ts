// Canvas (aspect, fit/fill), crossfades between segments and whole-video fades.
import { ASPECT_SIZE, type Aspect, type Draft, type Fit, normalize } from '../format';

export function setAspect(draft: Draft, aspect: Aspect, fit: Fit | null): void {
  draft.meta.aspect = aspect;
  draft.meta.width = ASPECT_SIZE[aspect].width;
  draft.meta.height = ASPECT_SIZE[aspect].height;
  if (fit) draft.meta.fit = fit;
}

/**
 * Sets a crossfade of `ms` at every boundary between different things (clip ↔ clip of another source,
 * card ↔ clip); hard cuts inside one clip (from trims and silence removal) stay hard. 0 removes them.
 * Returns how many boundaries now crossfade.
 */
export function setCrossfades(draft: Draft, ms: number): number {
  draft.video.forEach((seg, i) => {
    if (i === 0) return;
    const prev = draft.video[i - 1];
    const sameSource = seg.k === 'clip' && prev.k === 'clip' && prev.src === seg.src;
    if (ms > 0 && !sameSource) seg.xf = ms;
    else if (!sameSource || ms === 0) delete seg.xf;
  });
  normalize(draft);
  return draft.video.filter((s) => (s.xf ?? 0) > 0).length;
}

export function setFades(draft: Draft, fadeIn: number | null, fadeOut: number | null): void {
  if (fadeIn !== null) {
    if (fadeIn > 0) draft.meta.fadeIn = fadeIn;
    else delete draft.meta.fadeIn;
  }
  if (fadeOut !== null) {
    if (fadeOut > 0) draft.meta.fadeOut = fadeOut;
    else delete draft.meta.fadeOut;
  }
}
