// Intro and outro cards (a coloured full-frame card with centred text) and title overlays.
import { type CardSegment, type Draft, newId, normalize } from '../format';

export const INTRO_MS = 3000;
export const OUTRO_MS = 4000;

/** Puts an intro card first, replacing an existing one (one intro per video). */
export function setIntro(draft: Draft, title: string, dur = INTRO_MS): CardSegment {
  const existing = draft.video.find((s) => s.k === 'card' && s.m.role === 'intro') as CardSegment | undefined;
  const card: CardSegment = {
    id: existing?.id ?? newId(draft, 'c'), k: 'card', dur, s: 0, e: 0,
    ...(existing?.xf ? { xf: existing.xf } : {}),
    m: { role: 'intro', name: 'Intro card', title },
  };
  draft.video = [card, ...draft.video.filter((s) => s !== existing)];
  // The first segment never crossfades from nothing; the clip after the intro keeps its own `xf`.
  delete card.xf;
  normalize(draft);
  return card;
}

/** Puts an outro card last, replacing an existing one. */
export function setOutro(draft: Draft, title: string, text: string | undefined, dur = OUTRO_MS): CardSegment {
  const existing = draft.video.find((s) => s.k === 'card' && s.m.role === 'outro') as CardSegment | undefined;
  const card: CardSegment = {
    id: existing?.id ?? newId(draft, 'c'), k: 'card', dur, s: 0, e: 0,
    ...(existing?.xf ? { xf: existing.xf } : {}),
    m: { role: 'outro', name: 'Outro card', title, ...(text ? { text } : {}) },
  };
  draft.video = [...draft.video.filter((s) => s !== existing), card];
  normalize(draft);
  return card;
}

export function removeCard(draft: Draft, role: 'intro' | 'outro'): boolean {
  const before = draft.video.length;
  draft.video = draft.video.filter((s) => !(s.k === 'card' && s.m.role === role));
  if (draft.video.length > 0) delete draft.video[0].xf;
  normalize(draft);
  return draft.video.length !== before;
}

/** Adds a text overlay on the final timeline [s, e) ms; clamped to the video. */
export function addTitle(draft: Draft, text: string, s: number, e: number, pos: 'center' | 'bottom' = 'center') {
  const seg = { id: newId(draft, 't'), s, e, m: { text, name: 'Title', pos, fade: 400 } };
  draft.texts.push(seg);
  normalize(draft);
  return draft.texts.find((x) => x.id === seg.id) ?? null;
}
