// Music fades: "fade the music in over 3 seconds", "let the music fade out at the end", "music fade in and
// out", 音乐淡入/淡出. Read before the music family so these words are not an "add music" request.
import type { Intent } from '../intents';
import { clauses, clauseWith, maskClause, ms, type Scan, T } from '../scan';
import { formatSeconds } from '../timecode';
import type { Family } from '../turn';

export type MusicFadeIntent = { kind: 'musicFade'; fadeIn: number | null; fadeOut: number | null };

const MUSIC = '(?:music|bgm|song|soundtrack|背景音乐|音乐|配乐)';

function parse(s: Scan, _original: string, out: Intent[]): void {
  // "add music and fade it in": the "it" of a clause right after one about music is the music.
  const all = clauses(s);
  const pronoun = all.find((c, i) => i > 0 && /\bfade (?:it|them)\b|fade-?(?:in|out) (?:it|them)\b/.test(c.text) && new RegExp(MUSIC).test(all[i - 1].text));
  const m = clauseWith(s, new RegExp(`${MUSIC}.*(?:fade|淡)|fade.*${MUSIC}|淡[入出].*${MUSIC}`)) ?? pronoun ?? null;
  if (!m) return;
  const c = m.text;
  const both = /in and out|in\/out|淡入淡出|淡入和淡出/.test(c);
  const wantIn = both || /\bin\b|fade-in|淡入|开头|start|beginning/.test(c);
  const wantOut = both || /\bout\b|fade-out|淡出|结尾|\bend\b/.test(c) || !wantIn;
  const len = new RegExp(`(?:over|for|of|in|用|持续)?\\s*${T}\\s*(?:s|sec|secs|seconds?|秒)`).exec(c) ?? new RegExp(`${T}\\s*(?:-\\s*)?(?:second|sec|s)\\s*(?:music\\s*)?fade`).exec(c);
  const d = len ? Math.min(10000, Math.max(200, ms(len[1]))) : null;
  out.push({ kind: 'musicFade', fadeIn: wantIn ? d ?? 2000 : null, fadeOut: wantOut ? d ?? 3000 : null });
  maskClause(s, m);
}

export const musicFade: Family<MusicFadeIntent> = {
  kinds: ['musicFade'],
  parse,
  apply(turn, it) {
    const mu = turn.draft.music;
    if (!mu) return turn.note('There is no music to fade yet: say "add background music" first.', '还没有背景音乐可以淡入淡出：请先说“加背景音乐”。');
    const parts: string[] = [];
    const zh: string[] = [];
    if (it.fadeIn !== null) {
      mu.m.fadeIn = it.fadeIn;
      parts.push(`fades in over ${formatSeconds(it.fadeIn)}`);
      zh.push(`淡入 ${formatSeconds(it.fadeIn)}`);
    }
    if (it.fadeOut !== null) {
      mu.m.fadeOut = it.fadeOut;
      parts.push(`fades out over the last ${formatSeconds(it.fadeOut)}`);
      zh.push(`最后 ${formatSeconds(it.fadeOut)} 淡出`);
    }
    turn.call('set_music_fades', { fade_in_ms: it.fadeIn, fade_out_ms: it.fadeOut }, `The music ${parts.join(' and ')}`, `背景音乐${zh.join('，')}`);
  },
};
