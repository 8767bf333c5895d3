// Audio cleanup on the speech (not the music): background noise ("remove the background noise", "reduce
// the hiss/hum", "denoise", 降噪) = highpass + afftdn; voice level ("even out the voice", "the voice is too
// quiet in places", "compress the audio", 人声音量均衡) = compression. "clean up the audio" = both.
import type { Intent } from '../intents';
import { type Clause, clauses, maskClause, type Scan } from '../scan';
import type { Family } from '../turn';

export type AudioCleanIntent = { kind: 'audioClean'; denoise: boolean | null; level: boolean | null };

const NOISE = /(?:background |wind |fan |room |air ?con )?noise|hiss|\bhum\b|buzz|denoise|noisy|降噪|去噪|噪音|杂音|底噪|电流声|太吵/;
const LEVEL = /even(?: out)? the (?:voice|audio|volume|levels?|sound)|voice (?:level|volume)|(?:voice|audio|sound|speech) (?:is )?(?:uneven|inconsistent|up and down|too quiet in places)|compress(?:ion)?(?: the)? (?:voice|audio)|level(?: out)? the (?:voice|audio)|normali[sz]e the (?:voice|speech)|hard to hear|clearer voice|voice clearer|人声(?:音量)?(?:均衡|稳定|清晰)|声音忽大忽小|音量不均/;
const BOTH = /clean(?: up)? the (?:audio|sound)|fix the (?:audio|sound)|improve the (?:audio|sound)|better (?:audio|sound)|优化(?:音频|声音)|处理一下声音/;
const OFF = /(?:no|turn off|remove|without|stop)\s+(?:the\s+)?(?:noise reduction|denois\w*|compression|audio clean-?up)|关闭降噪|不要降噪/;

function parse(s: Scan, _original: string, out: Intent[]): void {
  for (const m of clauses(s)) if (parseClause(s, m, out)) return;
}

function parseClause(s: Scan, m: Clause, out: Intent[]): boolean {
  const c = m.text;
  if (!/noise|hiss|\bhum\b|buzz|denois|noisy|voice|audio|sound|speech|compress|hard to hear|降噪|去噪|噪音|杂音|底噪|电流声|人声|声音|音量不均|音频|太吵/.test(c)) return false;
  if (/music|bgm|音乐|配乐/.test(c)) return false;
  if (OFF.test(c)) {
    out.push({ kind: 'audioClean', denoise: /nois|denois|降噪/.test(c) || /clean/.test(c) ? false : null, level: /compress|clean/.test(c) ? false : null });
    maskClause(s, m);
    return true;
  }
  const both = BOTH.test(c);
  const denoise = both || NOISE.test(c);
  const level = both || LEVEL.test(c);
  if (!denoise && !level) return false;
  out.push({ kind: 'audioClean', denoise: denoise || null, level: level || null });
  maskClause(s, m);
  return true;
}

export const audioClean: Family<AudioCleanIntent> = {
  kinds: ['audioClean'],
  parse,
  apply(turn, it) {
    const { draft } = turn;
    const had = { ...(draft.meta.audio ?? {}) };
    const next = { ...had };
    if (it.denoise !== null) next.denoise = it.denoise;
    if (it.level !== null) next.level = it.level;
    if (!next.denoise) delete next.denoise;
    if (!next.level) delete next.level;
    if (!!had.denoise === !!next.denoise && !!had.level === !!next.level) return turn.note('The sound already has those settings.', '声音已经是这个设置。');
    if (next.denoise || next.level) draft.meta.audio = next;
    else delete draft.meta.audio;
    const en: string[] = [];
    const zh: string[] = [];
    const say = (e: string, z: string) => { en.push(e); zh.push(z); };
    if (!!had.denoise !== !!next.denoise) {
      if (next.denoise) say('reduced background noise in the speech (low-cut at 85 Hz + FFT denoise)', '降低了人声的背景噪音（85 Hz 低切 + FFT 降噪）');
      else say('turned noise reduction off', '关闭了降噪');
    }
    if (!!had.level !== !!next.level) {
      if (next.level) say('evened out the voice level (compression)', '均衡了人声音量（压缩）');
      else say('turned voice compression off', '关闭了人声压缩');
    }
    turn.call('set_audio_cleanup', { denoise: !!next.denoise, level: !!next.level }, en.join(' and ').replace(/^./, (x) => x.toUpperCase()), zh.join('，'));
  },
};
