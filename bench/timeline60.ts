// The 60 s 1080p30 bench timeline (intro card, two clips with a 1 s crossfade, a fading title, ducked
// background music, outro card), shared by the render and preview benchmarks so both time the same work.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { MediaInfo } from '../src/engine/model';
import type { Draft } from '../src/engine/planner/format';

export const W = 1920;
export const H = 1080;
export const FPS = 30;
export const CLIP_MS = 26_000;
export const XF_MS = 1000;
export const INTRO_MS = 4000;
export const OUTRO_MS = 5000;
export const TOTAL_S = (INTRO_MS + CLIP_MS * 2 - XF_MS + OUTRO_MS) / 1000; // 60
export const TITLE = { text: 'Chapter one', s: 10, e: 16, fade: 0.5 };
export const MUSIC = { volume: 0.25, fadeIn: 1, fadeOut: 2 };

export function media(id: string, file: string, kind: MediaInfo['kind'], duration: number, width: number, height: number, fps: number): MediaInfo {
  return { id, filename: path.basename(file), path: file, kind, duration, width, height, fps, hasAudio: true, hash: '0'.repeat(64), size: fs.statSync(file).size, url: '' };
}

/** The bench timeline; `clipMs` shorter than CLIP_MS only for a quick "does the benchmark run" check. */
export function draft(clipMs = CLIP_MS, title = TITLE.text): Draft {
  const clip = (id: string, src: string, xf?: number) => ({ id, k: 'clip' as const, src, in: 0, out: clipMs, s: 0, e: 0, ...(xf ? { xf } : {}), m: { name: src } });
  return {
    meta: { title: 'Bench render', name: 'Bench render', width: W, height: H, fps: FPS, aspect: '16:9', fit: 'fit', used: ['a', 'b', 'm'], engine: 'local', v: 1 },
    video: [
      { id: 'intro', k: 'card', dur: INTRO_MS, s: 0, e: 0, m: { role: 'intro', name: 'Intro card', title: 'Bench Render', text: 'sixty seconds of 1080p' } },
      clip('va', 'a'),
      clip('vb', 'b', XF_MS),
      { id: 'outro', k: 'card', dur: OUTRO_MS, s: 0, e: 0, m: { role: 'outro', name: 'Outro card', title: 'Thanks for watching', text: 'Subscribe for more' } },
    ],
    music: { id: 'music', src: 'm', s: 0, e: 0, m: { name: 'music.m4a', volume: MUSIC.volume, duck: true, fadeIn: MUSIC.fadeIn * 1000, fadeOut: MUSIC.fadeOut * 1000 } },
    texts: [{ id: 'title', s: TITLE.s * 1000, e: TITLE.e * 1000, m: { text: title, name: 'Title', pos: 'bottom', fade: TITLE.fade * 1000 } }],
  };
}

