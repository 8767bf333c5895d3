// Colour looks on a range or the whole video: black and white, warmer, cooler, more vivid, brighter,
// darker ("make it black and white", "warm it up a bit", "the colours look dull", "too dark", 黑白, 暖色调,
// 调亮); "back to normal colours" clears them. Opposites replace each other (warm ↔ cool, bright ↔ dark,
// black and white ↔ vivid).
import type { Look } from '../format';
import type { Intent } from '../intents';
import { type RangeRef, rangeIn } from '../ranges';
import { clauses, maskClause, type Scan } from '../scan';
import type { Family } from '../turn';
import { applyToRange } from './rangeFx';

export type LookIntent = { kind: 'look'; looks: Look[]; clear: boolean; range: RangeRef };

const WORDS: Array<[Look, RegExp]> = [
  ['bw', /black (?:and|&|n) white|\bb ?& ?w\b|\bb\/w\b|monochrome|gr[ae]yscale|desaturate|no colou?rs?|黑白|去色/],
  ['warm', /warm(?:er)?(?! up the audience)|golden|orange tint|暖(?:色|调|一点|些)?/],
  ['cool', /cool(?:er)?(?! music)|cold(?:er)?|blu(?:e|ish) tint|冷(?:色|调|一点|些)?/],
  ['vivid', /vivid|vibrant|saturat(?:ed|ion up)|colou?rs? pop|pop the colou?rs|punchier colou?rs|more colou?rful|dull colou?rs|colou?rs (?:look |are )?(?:dull|flat|washed)|鲜艳|饱和度|色彩(?:更)?浓/],
  ['bright', /bright(?:er|en)?|lighten|lighter|too dark|underexposed|亮一点|亮一些|提亮|调亮|变亮|太暗/],
  ['dark', /dark(?:er|en)|too bright|overexposed|moodier|暗一点|暗一些|调暗|变暗|压暗|太亮/],
];
const OPPOSITE: Record<Look, Look[]> = { bw: ['vivid', 'bw'], vivid: ['bw', 'vivid'], warm: ['cool', 'warm'], cool: ['warm', 'cool'], bright: ['dark', 'bright'], dark: ['bright', 'dark'] };
const NAME: Record<Look, [string, string]> = { bw: ['black and white', '黑白'], warm: ['warmer', '更暖'], cool: ['cooler', '更冷'], vivid: ['more vivid', '更鲜艳'], bright: ['brighter', '更亮'], dark: ['darker', '更暗'] };
const CLEAR = /(?:normal|original|natural) colou?rs?|back to colou?r|remove (?:the |all )?(?:filters?|looks?|colou?r (?:effects?|changes?)|black and white)|no (?:filters?|looks?)|恢复(?:原色|颜色|色彩)|去掉(?:滤镜|黑白)/;

function parse(s: Scan, _original: string, out: Intent[]): void {
  for (const clause of clauses(s)) {
    const c = clause.text;
    // Sound words ("warm up the voice", "make the music brighter") belong to the audio families.
    if (/music|bgm|voice|audio|sound|音乐|声音|人声/.test(c)) continue;
    const clear = CLEAR.test(c);
    const looks = clear ? [] : WORDS.filter(([, re]) => re.test(c)).map(([l]) => l);
    if (!clear && looks.length === 0) continue;
    const ranged = rangeIn(c);
    out.push({ kind: 'look', looks, clear, range: ranged.ref });
    maskClause(s, clause);
  }
}

export const looks: Family<LookIntent> = {
  kinds: ['look'],
  parse,
  apply(turn, it) {
    let changed = false;
    const done = applyToRange(turn, it.range, (clip) => {
      const had = clip.m.look ?? [];
      let next = it.clear ? [] : [...had];
      for (const l of it.looks) next = [...next.filter((x) => !OPPOSITE[l].includes(x)), l];
      if (next.join() !== had.join()) changed = true;
      if (next.length) clip.m.look = next;
      else delete clip.m.look;
    });
    if (!done) return;
    if (!changed) return turn.note(it.clear ? `${done.en} already has its original colours.` : `${done.en} already looks like that.`, it.clear ? `${done.zh}已经是原色。` : `${done.zh}已经是这个效果。`);
    if (it.clear) return turn.call('set_look', { looks: [], range: done.en }, `Restored the original colours of ${done.en}`, `恢复了${done.zh}的原色`);
    const en = it.looks.map((l) => NAME[l][0]).join(' and ');
    const zh = it.looks.map((l) => NAME[l][1]).join('、');
    turn.call('set_look', { looks: it.looks, range: done.en }, `Made ${done.en} ${en}`, `把${done.zh}调成${zh}`);
  },
};
