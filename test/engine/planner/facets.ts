// What a draft shows, as named facets (footage, speed map, looks, titles, music…), so a test can compare
// two drafts by what a viewer would see and map every change to the tool call that claims it. Splitting a
// clip without changing anything visible changes no facet (contiguous pieces with equal effects merge).
import type { CompactDraft } from '../../../src/engine/model';
import { fromCompact } from '../../../src/engine/planner/format';

export type Facet =
  | 'footage' | 'order' | 'speed' | 'zoom' | 'look' | 'cards' | 'xf' | 'fades' | 'aspect' | 'music' | 'musicFades'
  | 'titles' | 'lower' | 'subscribe' | 'logo' | 'pip' | 'audio';

function runs<T>(d: ReturnType<typeof fromCompact>, value: (m: Record<string, unknown>) => T): string {
  const out: Array<[string, number, number, string]> = [];
  for (const s of d.video) {
    if (s.k !== 'clip') continue;
    const v = JSON.stringify(value(s.m) ?? null);
    const last = out[out.length - 1];
    if (last && last[0] === s.src && last[2] === s.in && last[3] === v) last[2] = s.out;
    else out.push([s.src, s.in, s.out, v]);
  }
  return JSON.stringify(out);
}

export function facets(c: CompactDraft | null): Record<Facet, string> {
  if (!c) return {} as Record<Facet, string>;
  const d = fromCompact(c);
  const text = (style: string) => JSON.stringify(d.texts.filter((t) => (t.m.style ?? 'title') === style).map((t) => [t.s, t.e, t.m.text, t.m.sub ?? null, t.m.pos]));
  return {
    footage: runs(d, () => 0),
    order: JSON.stringify([...new Set(d.video.filter((s) => s.k === 'clip').map((s) => (s.k === 'clip' ? s.src : '')))]),
    speed: runs(d, (m) => m.speed ?? 1),
    zoom: runs(d, (m) => m.zoom ?? 1),
    look: runs(d, (m) => m.look ?? []),
    cards: JSON.stringify(d.video.filter((s) => s.k === 'card').map((s) => (s.k === 'card' ? [s.m.role, s.m.title, s.dur] : null))),
    xf: JSON.stringify(d.video.map((s) => s.xf ?? 0).filter((x) => x > 0)),
    fades: JSON.stringify([d.meta.fadeIn ?? 0, d.meta.fadeOut ?? 0]),
    aspect: JSON.stringify([d.meta.width, d.meta.height, d.meta.fit]),
    music: JSON.stringify(d.music ? [d.music.src, d.music.m.volume, d.music.m.duck] : null),
    musicFades: JSON.stringify(d.music ? [d.music.m.fadeIn, d.music.m.fadeOut] : null),
    titles: text('title'),
    lower: text('lower'),
    subscribe: text('subscribe'),
    logo: JSON.stringify(d.meta.logo ?? null),
    pip: JSON.stringify(d.meta.pip ?? null),
    audio: JSON.stringify(d.meta.audio ?? null),
  };
}

export function changed(a: CompactDraft | null, b: CompactDraft | null): Facet[] {
  const fa = facets(a);
  const fb = facets(b);
  return (Object.keys(fb) as Facet[]).filter((k) => fa[k] !== fb[k]);
}

const TEXTS: Facet[] = ['titles', 'lower', 'subscribe'];
const TIMELINE: Facet[] = ['footage', 'order', 'speed', 'zoom', 'look', 'xf', ...TEXTS];

/** Per tool: the facets it must change (at least one) and the facets it may change as a consequence. */
export const TOOL_FACETS: Record<string, { must: Facet[]; may: Facet[] }> = {
  trim: { must: ['footage'], may: TIMELINE },
  remove_silences: { must: ['footage'], may: TIMELINE },
  add_intro_card: { must: ['cards'], may: [...TEXTS] },
  add_outro_card: { must: ['cards'], may: [...TEXTS] },
  remove_intro_card: { must: ['cards'], may: ['xf', ...TEXTS] },
  remove_outro_card: { must: ['cards'], may: ['xf', ...TEXTS] },
  add_title: { must: ['titles'], may: [] },
  remove_titles: { must: TEXTS, may: [] },
  add_lower_third: { must: ['lower'], may: [] },
  add_subscribe_reminder: { must: ['subscribe'], may: [] },
  add_bgm: { must: ['music'], may: ['musicFades'] },
  set_music_volume: { must: ['music'], may: [] },
  remove_bgm: { must: ['music'], may: ['musicFades'] },
  set_music_fades: { must: ['musicFades'], may: [] },
  set_transitions: { must: ['xf'], may: [...TEXTS] },
  set_fades: { must: ['fades'], may: [] },
  set_aspect: { must: ['aspect'], may: [] },
  reorder_clips: { must: ['order'], may: ['footage', 'speed', 'zoom', 'look', 'xf'] },
  set_speed: { must: ['speed'], may: [...TEXTS] },
  set_zoom: { must: ['zoom'], may: [] },
  set_look: { must: ['look'], may: [] },
  set_logo: { must: ['logo'], may: ['footage', 'order', 'speed', 'zoom', 'look', 'xf', ...TEXTS] },
  remove_logo: { must: ['logo'], may: [] },
  set_pip: { must: ['pip'], may: ['footage', 'order', 'speed', 'zoom', 'look', 'xf', ...TEXTS] },
  remove_pip: { must: ['pip'], may: ['footage', 'order', 'speed', 'zoom', 'look'] },
  set_audio_cleanup: { must: ['audio'], may: [] },
  add_clips: { must: ['footage'], may: ['order'] },
  remove_clip: { must: ['footage'], may: ['order', 'speed', 'zoom', 'look', 'xf', ...TEXTS] },
};
