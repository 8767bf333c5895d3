// The local engine's planner: one chat message → draft edits, each a ToolCall with a one-line summary,
// and a one- or two-sentence reply. Deterministic: the same message, draft and media give the same result
// (regular expressions, no model, ids from a counter kept in the draft). The draft format is in ./format.ts.
//
// Every edit family lives in ./families/ (one file each: how it reads a message, how it changes the draft)
// and is listed in ./families/index.ts. Honesty rules, enforced here:
//   - the "Done:" sentence is built ONLY from the tool calls the families recorded (what was applied), never
//     from the request; a family records a call only when the draft really changed;
//   - what was not done (refused, not found, already so) is said plainly as a note, and changes nothing;
//   - a vague request (PlanResult.kind 'question') asks one short question and discards every edit of the turn;
//   - a message nothing understood (kind 'not-understood', understood: false) changes nothing but the first
//     turn's timeline and lists what works.
//
// Silent edits (reply: null, tool events only, as the cloud does for ~30% of edits): a turn whose only edits
// are canvas changes (aspect ratio / fit or fill) or music-volume tweaks.
import type { PlanContext, PlanResult, ToolCall } from '../model';
import { appendNewMedia, buildBase } from './edits/base';
import { FAMILIES } from './families/index';
import { type Draft, fromCompact, toCompact, totalDuration } from './format';
import { type Intent, parseIntents } from './intents';
import { type Lang, say } from './say';
import { formatTime } from './timecode';
import { type Family, makeTurn, type Turn } from './turn';

export { parseIntents } from './intents';

const SILENT_TOOLS = new Set(['set_aspect', 'set_music_volume']);
const BUILD_TOOLS = new Set(['create_timeline', 'add_clips']);

export function helpText(lang: Lang): string {
  return say(
    lang,
    'I can: add an intro ("make the intro say Hello World and last 2 seconds") or outro ("thanks for watching"); titles ("add title \'Day 1\' for the first 3 seconds"), lower thirds ("lower third Jane Doe, host") and a subscribe reminder; cut ("trim the first 10 seconds", "cut from 0:30 to 1:45", "keep 0:10-0:40"); remove silences; change speed ("speed up the middle part 2x", "slow motion for the last 3 seconds"); colour looks (black and white, warmer, cooler, more vivid, brighter, darker); zoom in ("zoom in a bit on the second half"); a logo in a corner; picture-in-picture ("put the webcam in the bottom right"); clean up the audio (noise, voice level); music ("add lo-fi BGM at 35%", "fade the music out"); crossfades and fades; 9:16 / 16:9 / 1:1; reorder clips ("put clip2 first"); or "generate a YouTube-ready video with intro, cuts, and outro".',
    '我可以：加片头（“片头显示 Hello World，持续2秒”）或片尾（“感谢观看”）；加标题（“前3秒显示标题“第一天””）、名字条（“名字条「李雷」「主持人」”）和订阅提醒；剪辑（“剪掉前10秒”、“剪掉0:30到1:45”、“保留0:10到0:40”）；去除静音；变速（“中间部分2倍速”、“最后3秒慢动作”）；调色（黑白、暖色、冷色、更鲜艳、更亮、更暗）；放大（“后半段放大一点”）；角落水印；画中画（“摄像头画面放在右下角”）；优化声音（降噪、人声均衡）；背景音乐（“加背景音乐 35%”、“音乐淡出”）；转场和淡入淡出；9:16 / 16:9 / 1:1；调整片段顺序（“把clip2放在最前面”）；或“生成一个带片头、剪辑和片尾的YouTube视频”。',
  );
}

const BY_KIND = new Map<string, Family>();
for (const f of FAMILIES as unknown as Family[]) for (const k of f.kinds) BY_KIND.set(k, f);

async function applyIntent(turn: Turn, it: Intent): Promise<void> {
  const family = BY_KIND.get(it.kind);
  if (!family) throw new Error(`no family for intent ${it.kind}`);
  await family.apply(turn, it);
}

function replyFor(turn: Turn, built: boolean, understood: boolean): string | null {
  const { calls, notes, lang, draft } = turn;
  const edits = calls.filter((c) => !BUILD_TOOLS.has(c.name));
  if (edits.length > 0 && notes.length === 0 && edits.every((c) => SILENT_TOOLS.has(c.name)) && !built) return null;
  const parts: string[] = [];
  if (calls.length > 0) {
    const list = calls.map((c) => c.summary).join('; ');
    const len = formatTime(totalDuration(draft));
    parts.push(say(lang, `Done: ${list}. The video is now ${len} long.`, `已完成：${list}。视频现在时长 ${len}。`));
  }
  if (edits.length > 0 && notes.length > 0) parts.push(say(lang, 'Not done:', '未完成：'));
  parts.push(...notes);
  if (!understood) parts.push(say(lang, 'I did not understand that request, so nothing in it was applied.', '我没有理解这个请求，所以没有做相应修改。'), helpText(lang));
  return parts.join(' ');
}

function kindOf(edits: ToolCall[], notes: string[], understood: boolean): PlanResult['kind'] {
  if (!understood) return 'not-understood';
  if (edits.length === 0) return notes.length > 0 ? 'refusal' : 'no-change';
  return notes.length > 0 ? 'partial' : 'edit';
}

export async function plan(message: string, ctx: PlanContext): Promise<PlanResult> {
  const lang: Lang = ctx.language === 'zh' ? 'zh' : 'en';
  const intents = parseIntents(message);
  const understood = intents.length > 0;
  const calls: ToolCall[] = [];
  let draft: Draft | null = ctx.draft ? fromCompact(ctx.draft) : null;
  let built = false;
  if (!draft) {
    const base = buildBase(ctx.media, lang);
    if (!base) {
      const wanted = intents.filter((i) => i.kind !== 'cannot').length > 0;
      const cannot = intents.filter((i): i is Extract<Intent, { kind: 'cannot' }> => i.kind === 'cannot').map((i) => say(lang, i.en, i.zh));
      const first = say(lang, 'Upload a video first (mp4, mov, webm, mkv, avi, or images), then tell me what to do with it.', '请先上传视频（mp4、mov、webm、mkv、avi 或图片），再告诉我要怎么剪。');
      const reply = [...cannot, wanted || cannot.length === 0 ? first : ''].filter(Boolean).join(' ');
      return { draft: null, toolCalls: [], reply, credits: 0, understood, kind: cannot.length && !wanted ? 'refusal' : 'no-change' };
    }
    draft = base.draft;
    calls.push(base.call);
    built = true;
  } else {
    const added = appendNewMedia(draft, ctx.media, lang);
    if (added) calls.push(added);
  }
  const turn = makeTurn(draft, ctx.media, ctx, lang, calls, applyIntent);
  for (const it of intents) await applyIntent(turn, it);
  if (turn.question) {
    // One short question and nothing else: not even the first turn's timeline (it is built next turn).
    return { draft: ctx.draft, toolCalls: [], reply: turn.question, credits: 0, understood: true, kind: 'question' };
  }
  const edits = calls.filter((c) => !BUILD_TOOLS.has(c.name));
  return {
    draft: calls.length > 0 ? toCompact(draft) : ctx.draft,
    toolCalls: calls,
    reply: replyFor(turn, built, understood),
    credits: calls.length,
    understood,
    kind: kindOf(edits, turn.notes, understood),
  };
}
