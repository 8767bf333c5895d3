// Background music: "add lo-fi BGM at 35%" (the last uploaded audio file, else the generated bed; ducked
// under speech unless "without ducking"), "music volume 20%", "lower the music", "remove the music", 背景音乐.
import type { MediaInfo } from '../../model';
import { DEFAULT_MUSIC_VOLUME, clampVolume, setMusic } from '../edits/music';
import { GENERATED_BED } from '../format';
import type { Intent } from '../intents';
import { clauseWith, maskClause, percent, quoted, type Scan } from '../scan';
import type { Family } from '../turn';

export type MusicIntent =
  | { kind: 'music'; ref: string | null; generated: boolean; volume: number | null; duck: boolean }
  | { kind: 'musicVolume'; volume: number | null; factor: number | null }
  | { kind: 'musicRemove' };

const WORD = '(?:\\b(?:music|bgm|soundtrack|background (?:track|audio)|song|beat|tune)\\b|背景音乐|配乐|音乐|bgm)';

function parse(s: Scan, _original: string, out: Intent[]): void {
  const clause = clauseWith(s, new RegExp(WORD));
  if (!clause) return;
  const c = clause.text;
  maskClause(s, clause);
  if (/\b(?:remove|delete|drop|no|without|mute|stop|kill|get rid of)\b[^.;]*(?:music|bgm|soundtrack|song)|(?:去掉|删除|不要|删掉|关掉)(?:背景音乐|配乐|音乐)/.test(c)) {
    out.push({ kind: 'musicRemove' });
    return;
  }
  const vol = percent(c);
  const adding = /\b(?:add|use|put|play|include|with|give|set up|throw in)\b|加|添加|配上|使用|来点/.test(c) && !/\bvolume\b(?! at)|音量/.test(c.replace(/(?:at|to)\s*\d+\s*%/, ''));
  if (!adding) {
    const factor = /quieter|lower|softer|down|reduce|decrease|too loud|小一点|小声|降低|调低|太大/.test(c) ? 0.7 : /louder|higher|raise|up\b|increase|too quiet|大一点|大声|提高|调高|太小/.test(c) ? 1.4 : null;
    if (vol !== null || factor !== null) {
      out.push({ kind: 'musicVolume', volume: vol, factor });
      return;
    }
  }
  const ref = quoted(s, c) ?? (/([\w.-]+\.(?:mp3|wav|m4a|aac))/.exec(c)?.[1] ?? null);
  // An uploaded audio file wins over a style word ("lo-fi"); only an explicit ask picks the generated bed.
  const generated = /generat|built-?in|synth|内置|生成/.test(c) && !ref;
  out.push({ kind: 'music', ref, generated, volume: vol, duck: !/no duck|without duck|don'?t duck|not duck|不要压低|不闪避/.test(c) });
}

function musicName(src: string, media: MediaInfo[]): string {
  return src === GENERATED_BED ? 'generated bed' : (media.find((m) => m.id === src)?.filename ?? src);
}

export const music: Family<MusicIntent> = {
  kinds: ['music', 'musicVolume', 'musicRemove'],
  parse,
  apply(turn, it) {
    const { draft, media } = turn;
    if (it.kind === 'musicRemove') {
      if (!draft.music) return turn.note('There is no music to remove.', '没有可删除的背景音乐。');
      draft.music = null;
      return turn.call('remove_bgm', {}, 'Removed the background music', '删除了背景音乐');
    }
    if (it.kind === 'musicVolume') {
      if (!draft.music) return turn.note('There is no music yet, so no volume was changed: say "add background music at 30%".', '还没有背景音乐，音量未改变：可以说“加背景音乐 30%”。');
      const v = clampVolume(it.volume ?? draft.music.m.volume * (it.factor ?? 1));
      if (v === draft.music.m.volume) return turn.note(`The music is already at ${Math.round(v * 100)}%.`, `背景音乐已经是 ${Math.round(v * 100)}%。`);
      draft.music.m.volume = v;
      return turn.call('set_music_volume', { volume: v }, `Music volume set to ${Math.round(v * 100)}%`, `背景音乐音量设为 ${Math.round(v * 100)}%`);
    }
    const audio = media.filter((m) => m.kind === 'audio');
    let src = GENERATED_BED;
    if (it.ref) {
      const ref = it.ref.toLowerCase();
      const named = audio.find((m) => m.filename.toLowerCase() === ref || m.filename.toLowerCase().startsWith(ref));
      if (!named) turn.note(`I found no uploaded audio named "${it.ref}", so I used the generated bed.`, `没有找到名为“${it.ref}”的音频，已使用生成的背景音。`);
      else src = named.id;
    } else if (!it.generated && audio.length > 0) src = audio[audio.length - 1].id;
    const volume = clampVolume(it.volume ?? draft.music?.m.volume ?? DEFAULT_MUSIC_VOLUME);
    const name = musicName(src, media);
    const cur = draft.music;
    if (cur && cur.src === src && cur.m.volume === volume && cur.m.duck === it.duck) {
      return turn.note(`${name} is already the background music at ${Math.round(volume * 100)}%.`, `${name} 已经是背景音乐，音量 ${Math.round(volume * 100)}%。`);
    }
    const fades = draft.music ? { fadeIn: draft.music.m.fadeIn, fadeOut: draft.music.m.fadeOut } : null;
    setMusic(draft, src, name, volume, it.duck);
    if (fades && draft.music) Object.assign(draft.music.m, fades);
    turn.call('add_bgm', { source: src, name, volume, duck: it.duck }, `Added background music: ${name} at ${Math.round(volume * 100)}%${it.duck ? ', ducked under speech' : ''}`, `添加了背景音乐：${name}，音量 ${Math.round(volume * 100)}%${it.duck ? '，人声时自动压低' : ''}`);
  },
};
