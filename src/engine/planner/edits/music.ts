// Background music: an uploaded audio file or the built-in generated bed, looped to the video's length,
// at a volume, ducked under speech by default.
import { type Draft, GENERATED_BED, newId, normalize } from '../format';

export const DEFAULT_MUSIC_VOLUME = 0.25;

export function setMusic(draft: Draft, src: string, name: string, volume: number, duck: boolean) {
  draft.music = {
    id: draft.music?.id ?? newId(draft, 'a'),
    src,
    s: 0,
    e: 0,
    m: { name, volume: clampVolume(volume), duck, fadeIn: 1000, fadeOut: 2000 },
  };
  normalize(draft);
  return draft.music;
}

export function clampVolume(v: number): number {
  return Math.round(Math.min(1, Math.max(0.01, v)) * 100) / 100;
}

export function isGenerated(src: string): boolean {
  return src === GENERATED_BED;
}
