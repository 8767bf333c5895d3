// Requests too vague to act on without guessing: one short question, and the planner changes nothing
// ("make it snappier", "make it better", "add a filter", "make it shorter", "zoom" without a place is NOT
// vague: it has a default). Read early, so "faster paced" is a question and never a speed change.
import type { Intent } from '../intents';
import { mask, type Scan } from '../scan';
import type { Family } from '../turn';

export type ClarifyIntent = { kind: 'clarify'; en: string; zh: string } | { kind: 'inform'; en: string; zh: string };

const QUESTIONS: Array<[RegExp, string, string]> = [
  [/snappier|snappy|faster[- ]paced|more dynamic|punchier|tighter|more energy|more energetic|节奏(?:快|紧凑)|更紧凑|更有活力/,
    'Snappier how: remove the pauses ("remove the silences") or speed it all up ("speed it up 1.25x")?', '怎么更紧凑：去掉停顿（“去除静音”）还是整体加速（“1.25倍速”）？'],
  [/make it (?:better|pop|nicer|look good|look better|more professional|amazing)|improve (?:it|the video)|polish it|enhance it|更好看|优化一下|美化|更专业/,
    'What should change first: the colours ("more vivid"), the sound ("clean up the audio"), the pace ("remove the silences"), or an intro/outro?', '先改哪方面：色彩（“更鲜艳”）、声音（“优化声音”）、节奏（“去除静音”），还是片头/片尾？'],
  [/\b(?:add|apply|put|use) (?:a |some )?(?:filter|effect|look)s?\b|加(?:个)?滤镜|加(?:个)?特效/,
    'Which look: black and white, warmer, cooler, more vivid, brighter or darker?', '哪种效果：黑白、暖色、冷色、更鲜艳、更亮还是更暗？'],
  [/\b(?:trim|cut|remove|chop)\s+(?:out\s+|off\s+)?(?:the\s+)?(?:beginning|start|end|ending|middle)\b(?!\s*(?:\d|of))|剪掉(?:开头|结尾|中间)(?!\s*\d)/,
    'How much: for example "cut the first 5 seconds" or "cut from 0:30 to 0:45"?', '剪多少：例如“剪掉前5秒”或“剪掉0:30到0:45”？'],
  [/make it shorter|shorten it|too long|cut it down|短一点|缩短一点|太长/,
    'How short: remove the pauses ("remove the silences"), or trim to a length ("trim it to 30 seconds")?', '要多短：去掉停顿（“去除静音”），还是剪到指定时长（“剪到30秒”）？'],
  [/make it longer|longer video|长一点/,
    'Longer how: slow part of it down ("slow down the last 5 seconds") or add an intro/outro card?', '怎么变长：放慢一部分（“最后5秒慢放”）还是加片头/片尾？'],
];

const INFORM: Array<[RegExp, string, string]> = [
  [/\b(?:make it|turn it|make the video|make everything) (?:louder|quieter)\b|(?:声音|音量)(?:大一点|小一点)/,
    'The export is always normalised to −14 LUFS (YouTube\'s level), so overall volume stays the same; I can even out the voice ("even out the voice") or change the music ("lower the music"). Nothing was changed.',
    '导出时总是统一到 −14 LUFS（YouTube 的标准响度），整体音量不会变；我可以均衡人声（“人声音量均衡”）或调整音乐（“背景音乐小一点”）。没有做任何修改。'],
];

function parse(s: Scan, _original: string, out: Intent[]): void {
  for (const [re, en, zh] of INFORM) {
    const m = re.exec(s.text);
    if (m) {
      out.push({ kind: 'inform', en, zh });
      mask(s, m);
    }
  }
  for (const [re, en, zh] of QUESTIONS) {
    const m = re.exec(s.text);
    if (m) {
      out.push({ kind: 'clarify', en, zh });
      mask(s, m);
      return;
    }
  }
}

export const clarify: Family<ClarifyIntent> = {
  kinds: ['clarify', 'inform'],
  parse,
  apply(turn, it) {
    if (it.kind === 'clarify') turn.ask(it.en, it.zh);
    else turn.note(it.en, it.zh);
  },
};
