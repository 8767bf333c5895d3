// Instruction → intents. Plain regular expressions over the message (English and the same intents in
// Chinese), deterministic and explainable. Quoted text is lifted out first so a title such as
// "Trim: the first 10 seconds" never reads as a command; each family then masks the words it used so a
// later family does not match them again ("add title X for the first 3 seconds" is not a trim).
import { type Aspect, type Fit } from './format';
import { parseTime, TIME } from './timecode';

export type OrderOp = 'first' | 'last' | 'before' | 'after' | 'swap' | 'reverse';
export type CutMode = 'first' | 'last' | 'range' | 'keep' | 'keepFirst';

export type Intent =
  | { kind: 'generate'; intro: boolean; cuts: boolean; outro: boolean; title: string | null }
  | { kind: 'intro'; title: string | null; dur: number | null; remove: boolean }
  | { kind: 'outro'; title: string | null; dur: number | null; remove: boolean }
  | { kind: 'titleRemove' }
  | { kind: 'title'; text: string; s: number | null; e: number | null; lastMs: number | null; pos: 'center' | 'bottom' }
  | { kind: 'cut'; mode: CutMode; a: number; b: number }
  | { kind: 'silences' }
  | { kind: 'music'; ref: string | null; generated: boolean; volume: number | null; duck: boolean }
  | { kind: 'musicVolume'; volume: number | null; factor: number | null }
  | { kind: 'musicRemove' }
  | { kind: 'crossfade'; ms: number }
  | { kind: 'fade'; fadeIn: number | null; fadeOut: number | null }
  | { kind: 'aspect'; aspect: Aspect | null; fit: Fit | null }
  | { kind: 'order'; op: OrderOp; a: string; b: string }
  | { kind: 'cannot'; en: string; zh: string };

interface Scan {
  /** Lower-cased message with quotes replaced by ⟦n⟧ and used words masked by spaces. */
  text: string;
  quotes: string[];
}

const QUOTE_RE = /"([^"]+)"|“([^”]+)”|「([^」]+)」|『([^』]+)』|《([^》]+)》|(?<![\p{L}\p{N}])'([^']+)'(?![\p{L}\p{N}])|‘([^’]+)’/gu;

export function scan(message: string): Scan {
  const quotes: string[] = [];
  const text = message
    .replace(QUOTE_RE, (...g: unknown[]) => {
      const q = g.slice(1, 8).find((x) => typeof x === 'string') as string;
      quotes.push(q);
      return ` ⟦${quotes.length - 1}⟧ `;
    })
    .toLowerCase()
    .replace(/[–—~～至]/g, ' to ');
  return { text, quotes };
}

function mask(s: Scan, m: RegExpExecArray | null): void {
  if (!m) return;
  s.text = s.text.slice(0, m.index) + ' '.repeat(m[0].length) + s.text.slice(m.index + m[0].length);
}

/** The text of a ⟦n⟧ placeholder inside `fragment`, else null. */
function quoted(s: Scan, fragment: string | undefined): string | null {
  const m = fragment ? /⟦(\d+)⟧/.exec(fragment) : null;
  return m ? s.quotes[Number(m[1])] ?? null : null;
}

/** Unquoted free text after "titled"/"called": up to a time phrase or the end of the clause. */
function freeText(fragment: string | undefined, original: string): string | null {
  if (!fragment) return null;
  const t = fragment.trim().replace(/[.!?。！？]+$/, '').trim();
  if (!t) return null;
  // Recover the user's own casing from the original message.
  const at = original.toLowerCase().indexOf(t);
  return at >= 0 ? original.slice(at, at + t.length) : t;
}

const T = `(${TIME})`;
const ms = (x: string | undefined): number => parseTime(x ?? '') ?? 0;
const has = (s: Scan, re: RegExp): boolean => re.test(s.text);

function percent(text: string): number | null {
  const p = /(\d{1,3}(?:\.\d+)?)\s*(?:%|percent|％)/.exec(text);
  if (p) return Number(p[1]) / 100;
  const v = /(?:volume|音量)\s*(?:of|at|to|=|:)?\s*(0?\.\d+|1\.0|1)\b/.exec(text);
  return v ? Number(v[1]) : null;
}

function durationIn(fragment: string): number | null {
  const m = new RegExp(`(?:for\\s+|lasting\\s+|持续\\s*)?${T}\\s*(?:long)?`).exec(fragment);
  const v = m ? parseTime(m[1]) : null;
  return v && v > 0 && /\d\s*(?:s|sec|second|秒|m|min|分)/.test(m?.[0] ?? '') ? v : null;
}

function parseGenerate(s: Scan, original: string, out: Intent[]): void {
  const re = /\b(generate|make|create|produce|build|edit|turn)\b[^.?!]*?\b(video|youtube|vlog|footage|clip|upload)\b|(?:生成|制作|做一个|做个|剪辑成|剪成)[^。？！]*?(?:视频|成片)/;
  const m = re.exec(s.text);
  // "make it 9:16" or "make the music louder" are not one-shot requests: they need a video/youtube word.
  if (!m) return;
  const mentions = {
    intro: has(s, /\bintros?\b|片头|开场/),
    cuts: has(s, /\bcuts?\b|silen|dead air|pauses?|jump|剪掉|静音|停顿/),
    outro: has(s, /\boutros?\b|end card|end screen|片尾|结尾/),
  };
  const none = !mentions.intro && !mentions.cuts && !mentions.outro;
  const t = /\b(?:titled|called|named)\s+(.+?)(?=\s+(?:with|and|from|for|using|in)\b|[,.;!?]|$)|(?:标题为|标题是|名为|叫做)\s*(\S+)/.exec(s.text);
  const title = t ? quoted(s, t[1] ?? t[2]) ?? freeText(t[1] ?? t[2], original) : null;
  mask(s, t);
  out.push({ kind: 'generate', intro: none || mentions.intro, cuts: none || mentions.cuts, outro: none || mentions.outro, title });
  // The one-shot owns these words: no separate intro/outro/silence intent from them.
  s.text = s.text.replace(/\bintros?\b|\boutros?\b|\bcuts?\b|片头|片尾|开场|结尾/g, (w) => ' '.repeat(w.length));
  mask(s, re.exec(s.text));
}

function parseCards(s: Scan, original: string, out: Intent[]): void {
  for (const role of ['intro', 'outro'] as const) {
    const word = role === 'intro' ? '(?:intro(?:duction)?|opening(?: card)?|title card|片头|开场)' : '(?:outro|end(?:ing)? card|end screen|片尾|结尾)';
    const re = new RegExp(`(?:(remove|delete|drop|no|without|删除|去掉)\\s*(?:the\\s+|an?\\s+)?)?${word}((?:[^.;!?。；！？]|\\.(?=\\d))*)`);
    const m = re.exec(s.text);
    const thanks = role === 'outro' ? /thanks? (?:you )?for watching|感谢观看|谢谢观看/.exec(s.text) : null;
    if (!m && !thanks) continue;
    if (m?.[1]) {
      out.push({ kind: role, title: null, dur: null, remove: true });
      mask(s, m);
      continue;
    }
    const rest = m?.[2] ?? '';
    const t = /^\s*(?:titled|called|named|saying|that says|reading|with (?:the )?(?:title|text)|:|，?标题为|，?标题是|为|是)\s*(.+?)(?=\s+(?:for|lasting|and|with)\b|[,，.;!?]|$)/.exec(rest);
    const q = !t ? /^\s*(⟦\d+⟧)/.exec(rest) : null;
    const title = t ? quoted(s, t[1]) ?? freeText(t[1].replace(/\s*⟦\d+⟧\s*/g, ''), original) : q ? quoted(s, q[1]) : null;
    const d = new RegExp(`^.*?(?:for|lasting|持续)\\s*${T}`).exec(rest);
    // "a 5 second intro" / "5秒片头": the length may also come right before the word.
    const pre = m ? new RegExp(`${T}\\s*(?:-\\s*)?(?:long\\s+)?(?:an?\\s+)?$`).exec(s.text.slice(Math.max(0, m.index - 24), m.index).trimEnd()) : null;
    const dur = d ? durationIn(d[1]) : pre ? durationIn(pre[1]) : null;
    out.push({ kind: role, title: title ?? (thanks && role === 'outro' ? freeText(thanks[0], original) : null), dur, remove: false });
    // Mask only what this card used, so "add an intro titled X and an outro" still finds the outro.
    if (m) {
      const used = m[0].length - rest.length + Math.max(t ? t[0].length : 0, q ? q[0].length : 0, d ? d[0].length : 0);
      s.text = s.text.slice(0, m.index) + ' '.repeat(used) + s.text.slice(m.index + used);
    }
    mask(s, thanks);
  }
}

function parseTitle(s: Scan, original: string, out: Intent[]): void {
  const rm = /\b(?:remove|delete|drop|clear)\s+(?:the\s+|all\s+(?:the\s+)?)?(?:titles?|text overlays?|texts?|lower thirds?)\b(?!\s*(?:⟦|saying|that says|card))|(?:删除|去掉|删掉)(?:所有)?(?:标题|文字)/.exec(s.text);
  if (rm) {
    out.push({ kind: 'titleRemove' });
    mask(s, rm);
    return;
  }
  const re = /(?:\b(?:add|put|show|place|overlay|insert|display)\s*)?(?:an?\s+|the\s+)?(?:\btitle|\btext|\bheading|\bcaption|\blower third|标题|文字)\s*(?:overlay\s*)?(?:saying|that says|reading|of|:|为|是)?\s*(⟦\d+⟧|[^⟦]+?)(?=\s+(?:for|from|at|between|during|in the|on|over)\b|\s+(?:在|前|从)|[,.;!?。]|\s*$)((?:[^.;!?。]|\.(?=\d))*)/;
  const m = re.exec(s.text);
  if (!m) return;
  const text = quoted(s, m[1]) ?? freeText(m[1], original);
  if (!text || /^(card|of the video)$/.test(text.toLowerCase())) return;
  // Times usually follow the text ("… for the first 3 seconds"); in Chinese they come first ("前3秒显示标题…").
  const after = m[2] ?? '';
  const before = s.text.slice(Math.max(0, m.index - 30), m.index);
  const when = new RegExp(`\\d`).test(after) ? after : before;
  let sMs: number | null = null;
  let eMs: number | null = null;
  let lastMs: number | null = null;
  let w: RegExpExecArray | null;
  if ((w = new RegExp(`(?:first|前)\\s*${T}`).exec(when))) [sMs, eMs] = [0, ms(w[1])];
  else if ((w = new RegExp(`(?:last|final|最后)\\s*${T}`).exec(when))) lastMs = ms(w[1]);
  else if ((w = new RegExp(`(?:from|between|从)\\s*${T}\\s*(?:to|and|until|-|到)\\s*${T}`).exec(when))) [sMs, eMs] = [ms(w[1]), ms(w[2])];
  else if ((w = new RegExp(`(?:at|在)\\s*${T}\\s*(?:for\\s*${T})?`).exec(when))) [sMs, eMs] = [ms(w[1]), w[2] ? ms(w[1]) + ms(w[2]) : ms(w[1]) + 3000];
  else if ((w = new RegExp(`for\\s*${T}`).exec(when))) [sMs, eMs] = [0, ms(w[1])];
  const pos = /bottom|lower|底部|下方/.test(when) || /lower third/.test(m[0]) ? 'bottom' : 'center';
  out.push({ kind: 'title', text, s: sMs, e: eMs, lastMs, pos });
  mask(s, m);
}

function parseCuts(s: Scan, out: Intent[]): void {
  const verb = '(?:trim|cut|remove|delete|drop|skip|chop|lose|get rid of|剪掉|删掉|删除|去掉|裁掉|剪去)';
  const patterns: Array<[CutMode, RegExp]> = [
    ['first', new RegExp(`${verb}\\s*(?:off\\s+)?(?:the\\s+)?(?:first|opening|beginning|开头|前)\\s*${T}`)],
    ['last', new RegExp(`${verb}\\s*(?:off\\s+)?(?:the\\s+)?(?:last|final|ending|结尾|最后|后)\\s*${T}`)],
    ['keep', new RegExp(`(?:keep|only keep|trim (?:it |the video )?to|保留)\\s*(?:only\\s+)?(?:from\\s+|between\\s+|从)?${T}\\s*(?:to|and|until|through|-|到)\\s*${T}`)],
    ['range', new RegExp(`${verb}\\s*(?:out\\s+)?(?:the part\\s+|the section\\s+)?(?:from\\s+|between\\s+|从)?${T}\\s*(?:to|and|until|through|-|到)\\s*${T}`)],
    ['keepFirst', new RegExp(`(?:trim|cut|shorten|make)\\s*(?:it|the video|this)?\\s*(?:down\\s+)?to\\s*(?:the first\\s+)?${T}\\s*(?:long)?(?!\\s*(?:to|-|:))`)],
  ];
  patterns.push(['keepFirst', new RegExp(`(?:make|keep)\\s*(?:it|the video|this)\\s*(?:only\\s+)?${T}\\s*long`)]);
  const before = out.length;
  for (const [mode, re] of patterns) {
    for (let i = 0; i < 5; i++) {
      const m = re.exec(s.text);
      if (!m) break;
      const a = ms(m[1]);
      const b = m[2] !== undefined ? ms(m[2]) : a;
      // "make it 9:16" is an aspect ratio, not a length.
      if (mode === 'keepFirst' && /^\d+:\d+$/.test(m[1].trim()) && /\b(9:16|16:9|1:1|4:3)\b/.test(m[1])) break;
      out.push({ kind: 'cut', mode, a: Math.min(a, b), b: Math.max(a, b) });
      mask(s, m);
    }
  }
  // "cut the first 5 s and the last 3 s": once a cut was asked for, a verb-less "and the last 3 s" is one too.
  if (out.length > before) {
    const more = new RegExp(`(?:and|,|&|和|以及)\\s*(?:the\\s+)?(first|last|前|最后)\\s*${T}`);
    for (let i = 0; i < 3; i++) {
      const m = more.exec(s.text);
      if (!m) break;
      out.push({ kind: 'cut', mode: /first|前/.test(m[1]) ? 'first' : 'last', a: ms(m[2]), b: ms(m[2]) });
      mask(s, m);
    }
  }
}

function parseSilences(s: Scan, out: Intent[]): void {
  const re = /(?:remove|cut|delete|trim|drop|skip|get rid of|jump ?cut|tighten|去掉|删除|剪掉|去除)[^.;!?。]*?(?:silen\w*|dead air|pauses?|quiet (?:parts|bits)|gaps|静音|停顿|空白)|jump ?cuts?|(?:silen\w*|dead air|pauses?|静音|停顿)[^.;!?。]*?(?:remove|cut|去掉|删除|剪掉)/;
  const m = re.exec(s.text);
  if (!m) return;
  out.push({ kind: 'silences' });
  mask(s, m);
}

function parseMusic(s: Scan, out: Intent[]): void {
  const word = /\b(?:music|bgm|soundtrack|background (?:track|audio)|song|beat)\b|背景音乐|配乐|音乐/;
  if (!word.test(s.text)) return;
  const text = s.text;
  const clause = /[^.;!?。；]*(?:\b(?:music|bgm|soundtrack|background (?:track|audio)|song|beat)\b|背景音乐|配乐|音乐)[^.;!?。；]*/.exec(text);
  const c = clause ? clause[0] : text;
  mask(s, clause);
  if (/\b(?:remove|delete|drop|no|without|mute|stop)\b[^.;]*(?:music|bgm|soundtrack|song)|(?:去掉|删除|不要)(?:背景音乐|配乐|音乐)/.test(c)) {
    out.push({ kind: 'musicRemove' });
    return;
  }
  const vol = percent(c);
  const adding = /\b(?:add|use|put|play|include|with|give|set up)\b|加|添加|配上|使用/.test(c) && !/\bvolume\b(?! at)|音量/.test(c.replace(/(?:at|to)\s*\d+\s*%/, ''));
  if (!adding) {
    const factor = /quieter|lower|softer|down|reduce|decrease|小一点|小声|降低/.test(c) ? 0.7 : /louder|higher|raise|up\b|increase|大一点|大声|提高/.test(c) ? 1.4 : null;
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

function parseTransitions(s: Scan, out: Intent[]): void {
  const xf = /(?:(remove|no|without|delete|drop|hard)\s+(?:the\s+|all\s+)?)?(?:cross-?fades?|cross-?dissolves?|dissolves?|transitions?|fades? between(?: the)? clips|转场|交叉淡化)([^.;!?。]*)/.exec(s.text);
  if (xf) {
    // "1 second crossfades" or "crossfades of 1 s": the length may come before or after the word.
    const before = /([^.;!?。]*)$/.exec(s.text.slice(0, xf.index))?.[1] ?? '';
    const d = new RegExp(`${T}\\s*(?:s|sec|secs|seconds?|秒)?\\s*(?:-\\s*)?(?:long\\s+)?$`).exec(before.trimEnd()) ?? new RegExp(`${T}`).exec(xf[2] ?? '');
    const dur = d && /\d\s*(?:s|sec|秒)|\d\.\d/.test(d[0]) ? ms(d[1]) : 500;
    out.push({ kind: 'crossfade', ms: xf[1] ? 0 : Math.min(dur, 2000) });
    mask(s, xf);
  }
  const hard = /\bhard cuts?\b/.exec(s.text);
  if (hard && !xf) {
    out.push({ kind: 'crossfade', ms: 0 });
    mask(s, hard);
  }
  const f = /fade(?:s|d)?\s*(in and out|in\/out|in|out|from black|to black)?|淡入淡出|淡入|淡出/.exec(s.text);
  if (f) {
    const what = f[1] ?? f[0];
    const fin = /in|from black|淡入/.test(what) || !f[1] && f[0].startsWith('fade') ? 500 : null;
    const fout = /out|to black|淡出/.test(what) || !f[1] && f[0].startsWith('fade') ? 1000 : null;
    out.push({ kind: 'fade', fadeIn: fin, fadeOut: fout });
    mask(s, f);
  }
}

function parseAspect(s: Scan, out: Intent[]): void {
  let aspect: Aspect | null = null;
  if (/\b9\s*[:x×/]\s*16\b|vertical|portrait|shorts|reels|tiktok|竖屏|竖版/.test(s.text)) aspect = '9:16';
  else if (/\b16\s*[:x×/]\s*9\b|landscape|horizontal|widescreen|横屏|横版/.test(s.text)) aspect = '16:9';
  else if (/\b1\s*[:x×/]\s*1\b|square|方形|正方形/.test(s.text)) aspect = '1:1';
  let fit: Fit | null = null;
  if (/\bfill\b|\bcrop(?:ped)?\b|zoom|full ?screen|填充|裁剪|铺满/.test(s.text)) fit = 'fill';
  else if (/\bfit\b|letterbox|pillarbox|\bpad(?:ded)?\b|black bars|留黑边|适应/.test(s.text)) fit = 'fit';
  if (aspect || fit) out.push({ kind: 'aspect', aspect, fit });
}

function parseOrder(s: Scan, out: Intent[]): void {
  const ref = '(⟦\\d+⟧|[^,;!?。，]+?)';
  const rules: Array<[OrderOp, RegExp]> = [
    ['reverse', /reverse (?:the )?(?:order|clips)|倒序|顺序反过来/],
    ['swap', new RegExp(`(?:swap|switch|exchange|交换)\\s*${ref}\\s*(?:and|with|和|与)\\s*${ref}(?=\\s*$|[,.;!?。])`)],
    ['first', new RegExp(`(?:put|move|place|make|start with|把)\\s*${ref}\\s*(?:first|at the (?:start|beginning|front)|to the (?:start|beginning|front)|放在最前面?|放到最前面?|放在开头)`)],
    ['last', new RegExp(`(?:put|move|place|make|end with|把)\\s*${ref}\\s*(?:last|at the end|to the end|放在最后面?|放到最后面?|放在结尾)`)],
    ['before', new RegExp(`(?:put|move|place|把)\\s*${ref}\\s*(?:before|in front of|放到|放在)\\s*${ref}(?=\\s*(?:前面|之前)?\\s*(?:$|[,.;!?。]))`)],
    ['after', new RegExp(`(?:put|move|place|把)\\s*${ref}\\s*(?:after|behind|放到|放在)\\s*${ref}(?=\\s*(?:后面|之后)?\\s*(?:$|[,.;!?。]))`)],
  ];
  for (const [op, re] of rules) {
    const m = re.exec(s.text);
    if (!m) continue;
    const a = quoted(s, m[1]) ?? (m[1] ?? '').trim();
    const b = quoted(s, m[2]) ?? (m[2] ?? '').trim();
    // "before"/"after" phrasing in Chinese uses the same verbs: decide by the trailing word.
    let real = op;
    if (op === 'before' && /后面|之后/.test(s.text.slice(m.index + m[0].length, m.index + m[0].length + 4))) real = 'after';
    out.push({ kind: 'order', op: real, a, b });
    mask(s, m);
    return;
  }
}

const CANNOT: Array<[RegExp, string, string]> = [
  [/caption(?!s?\s*(?:saying|that says|:)?\s*⟦)|subtitle|transcri|\bsrt\b|字幕/, 'Captions need the cloud backend: the local engine cannot transcribe speech.', '字幕需要云端后端：本地引擎无法识别语音。'],
  [/voice-?over|narrat|text to speech|\btts\b|配音|旁白/, 'Voice-over needs the cloud backend: the local engine does not generate speech.', '配音需要云端后端：本地引擎不生成语音。'],
  [/upload (?:it )?to youtube|publish|post it|发布|上传到/, 'Publishing to YouTube is not something the editor does: export the MP4 and upload it in YouTube Studio.', '编辑器不负责发布：请导出 MP4 后在 YouTube Studio 上传。'],
  [/stock (?:footage|video)|b-?roll|素材库/, 'Stock footage needs the cloud backend: the local engine only edits what you upload.', '素材库需要云端后端：本地引擎只编辑你上传的素材。'],
  [/translat|翻译/, 'Translation needs the cloud backend.', '翻译需要云端后端。'],
  [/colou?r grad|\blut\b|\bfilter\b|调色|滤镜/, 'Colour grading and filters need the cloud backend.', '调色和滤镜需要云端后端。'],
  [/slow[- ]?mo|speed (?:it )?up|slow (?:it )?down|\bspeed\b|变速|加速|慢动作/, 'Speed changes need the cloud backend.', '变速需要云端后端。'],
  [/thumbnail|封面/, 'Thumbnails need the cloud backend.', '封面需要云端后端。'],
];

function parseCannot(s: Scan, out: Intent[]): void {
  for (const [re, en, zh] of CANNOT) {
    const m = re.exec(s.text);
    if (m) {
      out.push({ kind: 'cannot', en, zh });
      mask(s, m);
    }
  }
}

/** All intents in a message, in the order the planner applies them (not the order they were typed). */
export function parseIntents(message: string): Intent[] {
  const s = scan(message);
  const out: Intent[] = [];
  parseCannot(s, out);
  parseGenerate(s, message, out);
  parseCards(s, message, out);
  parseTitle(s, message, out);
  parseCuts(s, out);
  parseSilences(s, out);
  parseMusic(s, out);
  parseTransitions(s, out);
  parseOrder(s, out);
  parseAspect(s, out);
  return out;
}
