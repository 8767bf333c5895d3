// Requests the local engine cannot do, refused plainly (and nothing else in the draft is touched for them).
import type { Intent } from '../intents';
import { mask, type Scan } from '../scan';
import type { Family } from '../turn';

export type CannotIntent = { kind: 'cannot'; en: string; zh: string };

const CANNOT: Array<[RegExp, string, string]> = [
  [/caption(?!s?\s*(?:saying|that says|:)?\s*⟦)|subtitle|transcri|\bsrt\b|字幕/, 'I cannot transcribe speech here. Captions come from a .srt or .vtt named like your clip (next to it, or attached in the chat): every export\'s upload kit re-times them into <name>.srt/.vtt, and "burn the captions in" puts them in the picture. With your own whisper.cpp (settings) the kit transcribes.', '这里无法识别语音。字幕来自与片段同名的 .srt 或 .vtt（放在片段旁，或在聊天中附加）：每次导出的上传套件会把它们重新对时为 <名称>.srt/.vtt，说“烧录字幕”即可烧进画面。设置了你自己的 whisper.cpp 时，套件会自动转写。'],
  [/voice-?over|narrat|text to speech|\btts\b|配音|旁白/, 'Voice-over needs the cloud backend: the local engine does not generate speech.', '配音需要云端后端：本地引擎不生成语音。'],
  [/upload (?:it )?to youtube|publish|post it|发布|上传到/, 'Publishing to YouTube is not something the editor does: export the MP4 and upload it in YouTube Studio.', '编辑器不负责发布：请导出 MP4 后在 YouTube Studio 上传。'],
  [/stock (?:footage|video)|b-?roll|素材库/, 'Stock footage needs the cloud backend: the local engine only edits what you upload.', '素材库需要云端后端：本地引擎只编辑你上传的素材。'],
  [/translat|翻译/, 'Translation needs the cloud backend.', '翻译需要云端后端。'],
  [/\blut\b|colou?r grad|cinematic (?:look|grade)|调色|电影感/, 'Colour grading with LUTs needs the cloud backend; locally I can do black and white, warmer, cooler, more vivid, brighter or darker.', 'LUT 调色需要云端后端；本地可以做黑白、暖色、冷色、更鲜艳、更亮或更暗。'],
  [/vintage|retro|old (?:movie|film)|film grain|sepia|\bvhs\b|复古|老电影|胶片/, 'A vintage/film look is not one of the local looks; I can do black and white, warmer, cooler, more vivid, brighter or darker (e.g. "black and white and warmer").', '本地没有复古/胶片效果；可以做黑白、暖色、冷色、更鲜艳、更亮或更暗（例如“黑白并且暖一点”）。'],
  [/thumbnail|封面/, 'Every export comes with thumbnails: <name>.jpg (the title on the best frame) and two candidates; choose another in Render Jobs.', '每次导出都会生成缩略图：<名称>.jpg（最佳画面配标题）及两个候选；可在“渲染任务”中另选。'],
  [/green ?screen|chroma ?key|remove the background(?! (?:noise|music|hum|hiss|sound|audio|track))|抠像|绿幕/, 'Green-screen keying is not something the local engine does.', '本地引擎不支持绿幕抠像。'],
  [/stabili[sz]|防抖/, 'Stabilisation is not something the local engine does.', '本地引擎不支持防抖。'],
  [/\breverse (?:the )?(?:video|clip|footage|playback)\b|play (?:it )?backwards|倒放/, 'Playing footage backwards is not something the local engine does.', '本地引擎不支持倒放。'],
  [/\bemoji|sticker|贴纸|表情/, 'Stickers and emoji overlays are not something the local engine does.', '本地引擎不支持贴纸和表情。'],
];

function parse(s: Scan, _original: string, out: Intent[]): void {
  for (const [re, en, zh] of CANNOT) {
    const m = re.exec(s.text);
    if (m) {
      out.push({ kind: 'cannot', en, zh });
      mask(s, m);
    }
  }
}

export const cannot: Family<CannotIntent> = {
  kinds: ['cannot'],
  parse,
  apply(turn, it) {
    turn.note(it.en, it.zh);
  },
};
