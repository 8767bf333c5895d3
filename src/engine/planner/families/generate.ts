// The one-shot: "generate a YouTube-ready video with intro, cuts, and outro" = silence cuts + intro + outro,
// made of the single edits so it explains itself the same way. Only the parts the message names (all three
// when it names none).
import { freeText, has, mask, quoted, type Scan } from '../scan';
import type { Family } from '../turn';
import type { Intent } from '../intents';

export type GenerateIntent = { kind: 'generate'; intro: boolean; cuts: boolean; outro: boolean; title: string | null };

export const generate: Family<GenerateIntent> = {
  kinds: ['generate'],
  parse(s: Scan, original: string, out: Intent[]) {
    const re = /\b(generate|make|create|produce|build|edit|turn)\b[^.?!]*?\b(video|youtube|vlog|footage|clip|upload)\b|(?:生成|制作|做一个|做个|剪辑成|剪成)[^。？！]*?(?:视频|成片)/;
    const m = re.exec(s.text);
    // "make it 9:16", "make the music louder", "make the video black and white" are not one-shot requests.
    // "make the video black and white" / "turn the clip vertical" edit what is there: a one-shot needs a
    // creating verb or "a video"/"a vlog"/"YouTube".
    if (!m || !/\b(?:generate|create|produce|build)\b|\b(?:an?|my)\s+(?:youtube|video|vlog)\b|youtube|生成|制作|做一个|做个|剪辑成|剪成/.test(m[0])) return;
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
  },
  async apply(turn, it) {
    const { draft } = turn;
    if (it.cuts) await turn.apply({ kind: 'silences' });
    // An intro the user already titled keeps its title unless this message gives a new one.
    const existing = draft.video.find((v) => v.k === 'card' && v.m.role === 'intro');
    const introTitle = it.title ?? (existing && existing.k === 'card' ? existing.m.title : null);
    if (it.intro) await turn.apply({ kind: 'intro', title: introTitle, dur: null, remove: false });
    if (it.outro) await turn.apply({ kind: 'outro', title: null, dur: null, remove: false });
    if (it.title) draft.meta.title = draft.meta.name = it.title;
  },
};
