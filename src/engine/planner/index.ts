// The local engine's planner: one chat message → draft edits, each a ToolCall with a one-line summary,
// and a one- or two-sentence reply. Deterministic: the same message, draft and media give the same result
// (regular expressions, no model, ids from a counter kept in the draft).
//
// The draft (full field list in ./format.ts):
//   { d, m: { title, name, width, height, fps, aspect, fit, fadeIn?, fadeOut?, used, seq, engine:'local', v:1 },
//     t: [ { tt: 0, d, m:{name:'Video'}, sg: [ {id,k:'clip',src,in,out,s,e,xf?,m:{name}} | {id,k:'card',dur,s,e,xf?,m:{role,name,title,text?}} ] },
//          { tt: 1, d, m:{name,volume,duck}, sg: [ {id,src: mediaId|'generated:bed',s:0,e:d,m:{name,volume,duck,fadeIn,fadeOut}} ] },
//          { tt: 7, d, m:{name:'Titles'}, sg: [ {id,s,e,m:{text,name,pos,fade}} ] } ] }
//   All times are integer ms; `src` is MediaInfo.id; names, titles, texts and volumes sit in `m` so the
//   client's lenient decoder finds them. Cut times refer to the footage (clips only, before overlaps);
//   title times refer to the final timeline.
//
// Instructions (English; Chinese for the same intents): first turn builds the timeline from the uploads
// in upload order; intro card ("add an intro titled X", 片头), outro ("add an outro", "thanks for watching",
// 片尾), title overlays with times ("add title 'X' for the first 3 seconds", "from 0:05 to 0:08", 前3秒显示标题;
// "remove the titles"; a title over a card goes to the bottom),
// cuts ("trim the first 10 seconds", "remove the last 20 seconds", "cut from 0:30 to 1:45", "keep 0:10–0:40",
// "trim it to 30 seconds", 剪掉前10秒), silence removal ("remove silences/dead air", 去除静音; 0.2 s margins),
// music ("add lo-fi BGM at 35%": the last uploaded audio file, else the generated bed; ducked unless
// "without ducking"; "music volume 20%", "lower the music", "remove the music"), crossfades ("add 1 second
// crossfades", "no transitions", 转场), fades ("fade in and out", 淡入淡出), aspect ("9:16 for Shorts", "16:9",
// "square", fit/fill, 竖屏), clip order ("put clip2 first", "move beach.mp4 to the end", "swap A and B",
// "put A after B", "reverse the order", 把第二个视频放在最前面), and the one-shot ("generate a YouTube-ready video
// with intro, cuts, and outro": silence cuts, intro titled from the first file name or "titled X", outro).
// Refused plainly (cloud only): captions, voice-over, publishing, stock footage, translation, colour
// grading/filters, speed changes, thumbnails. Anything else gets the list of what works.
//
// Silent edits (reply: null, tool events only, as the cloud does for ~30% of edits): a turn whose only edits
// are canvas changes (aspect ratio / fit or fill) or music-volume tweaks. Every other edit, help and refusal
// gets a text reply.
import type { MediaInfo, PlanContext, PlanResult, ToolCall } from '../model';
import { appendNewMedia, buildBase } from './edits/base';
import { addTitle, removeCard, setIntro, setOutro } from './edits/cards';
import { footageDuration, keepFootage, removeFootage, removeSilences } from './edits/cuts';
import { setAspect, setCrossfades, setFades } from './edits/look';
import { DEFAULT_MUSIC_VOLUME, clampVolume, setMusic } from './edits/music';
import { placedSources, reorder, resolveClip } from './edits/order';
import { type Draft, GENERATED_BED, fromCompact, normalize, toCompact, totalDuration } from './format';
import { type Intent, parseIntents } from './intents';
import { type Lang, say, titleFromFilename } from './say';
import { formatSeconds, formatTime } from './timecode';

export { parseIntents } from './intents';

const SILENT_TOOLS = new Set(['set_aspect', 'set_music_volume']);

export function helpText(lang: Lang): string {
  return say(
    lang,
    'I can: add an intro ("add an intro titled My Trip") or outro ("thanks for watching"); add a title ("add title \'Urban Dreams\' for the first 3 seconds"); cut ("trim the first 10 seconds", "cut from 0:30 to 1:45", "keep 0:10-0:40"); remove silences; add music ("add lo-fi BGM at 35%"); crossfades and fades; 9:16 / 16:9 / 1:1 (fit or fill); reorder clips ("put clip2 first"); or "generate a YouTube-ready video with intro, cuts, and outro".',
    '我可以：加片头（“加一个片头，标题为 我的旅行”）或片尾（“感谢观看”）；加标题（“前3秒显示标题“城市之梦””）；剪辑（“剪掉前10秒”、“剪掉0:30到1:45”、“保留0:10到0:40”）；去除静音；加背景音乐（“加背景音乐 35%”）；转场和淡入淡出；9:16 / 16:9 / 1:1（适应或填充）；调整片段顺序（“把clip2放在最前面”）；或“生成一个带片头、剪辑和片尾的YouTube视频”。',
  );
}

interface Turn {
  draft: Draft;
  media: MediaInfo[];
  ctx: PlanContext;
  lang: Lang;
  calls: ToolCall[];
  notes: string[];
}

function musicName(src: string, media: MediaInfo[]): string {
  return src === GENERATED_BED ? 'generated bed' : (media.find((m) => m.id === src)?.filename ?? src);
}

async function applyOne(turn: Turn, it: Intent): Promise<void> {
  const { draft, lang, calls, notes, media } = turn;
  const call = (name: string, args: Record<string, unknown>, en: string, zh: string) => calls.push({ name, args, summary: say(lang, en, zh) });
  switch (it.kind) {
    case 'generate': {
      // The one-shot is the composition of the single edits, so it explains itself the same way.
      if (it.cuts) await applyOne(turn, { kind: 'silences' });
      // An intro the user already titled keeps its title unless this message gives a new one.
      const existing = draft.video.find((v) => v.k === 'card' && v.m.role === 'intro');
      const introTitle = it.title ?? (existing && existing.k === 'card' ? existing.m.title : null);
      if (it.intro) await applyOne(turn, { kind: 'intro', title: introTitle, dur: null, remove: false });
      if (it.outro) await applyOne(turn, { kind: 'outro', title: null, dur: null, remove: false });
      if (it.title) draft.meta.title = draft.meta.name = it.title;
      return;
    }
    case 'intro': {
      if (it.remove) {
        if (removeCard(draft, 'intro')) call('remove_intro_card', {}, 'Removed the intro card', '删除了片头');
        else notes.push(say(lang, 'There was no intro to remove.', '没有可删除的片头。'));
        return;
      }
      const firstClip = draft.video.find((s) => s.k === 'clip');
      const title = it.title ?? (firstClip ? titleFromFilename(firstClip.m.name) : draft.meta.title);
      const card = setIntro(draft, title, it.dur ?? undefined);
      draft.meta.title = draft.meta.name = title;
      call('add_intro_card', { title, duration_ms: card.dur }, `Added intro card "${title}" (${formatSeconds(card.dur)})`, `添加了片头“${title}”（${formatSeconds(card.dur)}）`);
      return;
    }
    case 'outro': {
      if (it.remove) {
        if (removeCard(draft, 'outro')) call('remove_outro_card', {}, 'Removed the outro card', '删除了片尾');
        else notes.push(say(lang, 'There was no outro to remove.', '没有可删除的片尾。'));
        return;
      }
      const title = it.title && !/^thanks? (you )?for watching$/i.test(it.title) ? it.title : say(lang, 'Thanks for watching', '感谢观看');
      const text = say(lang, 'Subscribe for more', '订阅获取更多内容');
      const card = setOutro(draft, title, text, it.dur ?? undefined);
      call('add_outro_card', { title, text, duration_ms: card.dur }, `Added outro card "${title}" (${formatSeconds(card.dur)})`, `添加了片尾“${title}”（${formatSeconds(card.dur)}）`);
      return;
    }
    case 'title': {
      const d = totalDuration(draft);
      // No time given: 3 s from where the footage starts (after an intro card, not on top of it).
      const footageStart = draft.video.find((v) => v.k === 'clip')?.s ?? 0;
      let s = it.s ?? (it.e === null ? footageStart : 0);
      let e = it.e ?? s + 3000;
      if (it.lastMs !== null) [s, e] = [Math.max(0, d - it.lastMs), d];
      if (s >= d) {
        notes.push(say(lang, `The title would start at ${formatTime(s)}, after the video ends (${formatTime(d)}).`, `标题开始于 ${formatTime(s)}，晚于视频结尾（${formatTime(d)}）。`));
        return;
      }
      // Over an intro/outro card the centre already holds the card's own title: put the overlay low instead.
      const overCard = draft.video.some((v) => v.k === 'card' && v.s < e && s < v.e);
      const pos = overCard ? 'bottom' : it.pos;
      const seg = addTitle(draft, it.text, s, e, pos);
      if (!seg) return;
      call('add_title', { text: it.text, start_ms: seg.s, end_ms: seg.e, position: pos }, `Added title "${it.text}" (${formatTime(seg.s)}–${formatTime(seg.e)})`, `添加了标题“${it.text}”（${formatTime(seg.s)}–${formatTime(seg.e)}）`);
      return;
    }
    case 'titleRemove': {
      const n = draft.texts.length;
      if (n === 0) {
        notes.push(say(lang, 'There are no titles to remove.', '没有可删除的标题。'));
        return;
      }
      draft.texts = [];
      call('remove_titles', { count: n }, `Removed ${n} title(s)`, `删除了 ${n} 个标题`);
      return;
    }
    case 'cut': {
      const f = footageDuration(draft);
      // A cut that would leave no footage at all is almost certainly a slip: refuse it and keep the draft.
      const snapshot = JSON.stringify(draft.video);
      if ((it.mode === 'range' || it.mode === 'keep') && it.a >= f) {
        notes.push(say(lang, `The footage is only ${formatTime(f)} long, so ${formatTime(it.a)} is past its end.`, `素材只有 ${formatTime(f)}，${formatTime(it.a)} 已超出结尾。`));
        return;
      }
      let removed = 0;
      let what = '';
      let whatZh = '';
      if (it.mode === 'first') [removed, what, whatZh] = [removeFootage(draft, 0, it.a), `the first ${formatSeconds(it.a)}`, `前 ${formatSeconds(it.a)}`];
      else if (it.mode === 'last') [removed, what, whatZh] = [removeFootage(draft, Math.max(0, f - it.a), f), `the last ${formatSeconds(it.a)}`, `最后 ${formatSeconds(it.a)}`];
      else if (it.mode === 'range') [removed, what, whatZh] = [removeFootage(draft, it.a, it.b), `${formatTime(it.a)}–${formatTime(it.b)}`, `${formatTime(it.a)}–${formatTime(it.b)}`];
      else if (it.mode === 'keep') [removed, what, whatZh] = [keepFootage(draft, it.a, it.b), `everything outside ${formatTime(it.a)}–${formatTime(it.b)}`, `${formatTime(it.a)}–${formatTime(it.b)} 以外的部分`];
      else [removed, what, whatZh] = [keepFootage(draft, 0, it.a), `everything after ${formatTime(it.a)}`, `${formatTime(it.a)} 之后的部分`];
      if (removed <= 0) {
        notes.push(say(lang, 'That cut removed nothing.', '这次剪辑没有删除任何内容。'));
        return;
      }
      if (footageDuration(draft) === 0) {
        draft.video = JSON.parse(snapshot) as Draft['video'];
        normalize(draft);
        notes.push(say(lang, `That would cut all ${formatTime(f)} of the footage, so I left it as it was.`, `这样会剪掉全部 ${formatTime(f)} 素材，已保持原样。`));
        return;
      }
      call('trim', { mode: it.mode, start_ms: it.a, end_ms: it.b, removed_ms: removed }, `Cut ${what} of the footage (${formatSeconds(removed)} removed)`, `剪掉了素材的${whatZh}（共 ${formatSeconds(removed)}）`);
      return;
    }
    case 'silences': {
      const r = await removeSilences(draft, media, (m) => turn.ctx.detectSilences(m));
      if (r.silentThroughout.length) notes.push(say(lang, `${r.silentThroughout.join(', ')} is silent throughout, so it was kept whole.`, `${r.silentThroughout.join('、')} 全程无声，已完整保留。`));
      if (r.noAudio.length) notes.push(say(lang, `${r.noAudio.join(', ')} has no sound, so no silences were looked for there.`, `${r.noAudio.join('、')} 没有音轨，未检测静音。`));
      call('remove_silences', { count: r.count, removed_ms: r.removedMs, margin_ms: 200 }, r.count ? `Removed ${r.count} silence(s) (${formatSeconds(r.removedMs)}), keeping 0.2 s around speech` : 'Found no silences to remove', r.count ? `去除了 ${r.count} 处静音（${formatSeconds(r.removedMs)}），语音前后保留 0.2 秒` : '没有找到需要去除的静音');
      return;
    }
    case 'music': {
      const audio = media.filter((m) => m.kind === 'audio');
      let src = GENERATED_BED;
      if (it.ref) {
        const named = audio.find((m) => m.filename.toLowerCase() === it.ref?.toLowerCase() || m.filename.toLowerCase().startsWith(it.ref?.toLowerCase() ?? '\0'));
        if (!named) {
          notes.push(say(lang, `I found no uploaded audio named "${it.ref}", so I used the generated bed.`, `没有找到名为“${it.ref}”的音频，已使用生成的背景音。`));
        } else src = named.id;
      } else if (!it.generated && audio.length > 0) src = audio[audio.length - 1].id;
      const volume = clampVolume(it.volume ?? DEFAULT_MUSIC_VOLUME);
      const name = musicName(src, media);
      setMusic(draft, src, name, volume, it.duck);
      call('add_bgm', { source: src, name, volume, duck: it.duck }, `Added background music: ${name} at ${Math.round(volume * 100)}%${it.duck ? ', ducked under speech' : ''}`, `添加了背景音乐：${name}，音量 ${Math.round(volume * 100)}%${it.duck ? '，人声时自动压低' : ''}`);
      return;
    }
    case 'musicVolume': {
      if (!draft.music) {
        notes.push(say(lang, 'There is no music yet: say "add background music at 30%".', '还没有背景音乐：可以说“加背景音乐 30%”。'));
        return;
      }
      const v = clampVolume(it.volume ?? draft.music.m.volume * (it.factor ?? 1));
      draft.music.m.volume = v;
      call('set_music_volume', { volume: v }, `Music volume set to ${Math.round(v * 100)}%`, `背景音乐音量设为 ${Math.round(v * 100)}%`);
      return;
    }
    case 'musicRemove': {
      if (!draft.music) {
        notes.push(say(lang, 'There is no music to remove.', '没有可删除的背景音乐。'));
        return;
      }
      draft.music = null;
      call('remove_bgm', {}, 'Removed the background music', '删除了背景音乐');
      return;
    }
    case 'crossfade': {
      const n = setCrossfades(draft, it.ms);
      if (it.ms === 0) call('set_transitions', { crossfade_ms: 0 }, 'Removed crossfades (hard cuts)', '去掉了转场（硬切）');
      else if (n === 0) notes.push(say(lang, 'There is only one piece of footage, so there is nothing to crossfade between; try "fade in and out".', '只有一段素材，无法添加转场；可以试试“淡入淡出”。'));
      else call('set_transitions', { crossfade_ms: it.ms, count: n }, `Added ${n} crossfade(s) of ${formatSeconds(it.ms)}`, `添加了 ${n} 个 ${formatSeconds(it.ms)} 的转场`);
      return;
    }
    case 'fade': {
      setFades(draft, it.fadeIn, it.fadeOut);
      const parts = [it.fadeIn !== null ? 'in' : '', it.fadeOut !== null ? 'out' : ''].filter(Boolean).join(' and ');
      call('set_fades', { fade_in_ms: it.fadeIn, fade_out_ms: it.fadeOut }, `Video and sound now fade ${parts}`, `视频和声音设置了淡${it.fadeIn !== null ? '入' : ''}${it.fadeOut !== null ? '出' : ''}`);
      return;
    }
    case 'aspect': {
      const aspect = it.aspect ?? draft.meta.aspect;
      setAspect(draft, aspect, it.fit);
      const fit = draft.meta.fit === 'fill' ? 'fill (cropped)' : 'fit (letterboxed)';
      call('set_aspect', { aspect, width: draft.meta.width, height: draft.meta.height, fit: draft.meta.fit }, `Canvas ${draft.meta.width}×${draft.meta.height} (${aspect}, ${fit})`, `画布 ${draft.meta.width}×${draft.meta.height}（${aspect}，${draft.meta.fit === 'fill' ? '填充裁剪' : '适应留边'}）`);
      return;
    }
    case 'order': {
      const sources = placedSources(draft);
      if (it.op === 'reverse') {
        reorder(draft, (o) => o.reverse());
        call('reorder_clips', { op: 'reverse' }, 'Reversed the clip order', '反转了片段顺序');
        return;
      }
      const a = resolveClip(it.a, media);
      const b = it.op === 'swap' || it.op === 'before' || it.op === 'after' ? resolveClip(it.b, media) : null;
      const needsB = it.op === 'swap' || it.op === 'before' || it.op === 'after';
      if (!a || (needsB && !b) || !sources.includes(a.id) || (b && !sources.includes(b.id))) {
        const names = sources.map((id, i) => `${i + 1}. ${media.find((m) => m.id === id)?.filename ?? id}`).join(', ');
        notes.push(say(lang, `I could not find "${!a ? it.a : it.b}" on the timeline; the clips are: ${names}.`, `时间线上没有找到“${!a ? it.a : it.b}”；现有片段：${names}。`));
        return;
      }
      const order = reorder(draft, (o) => {
        const rest = o.filter((x) => x !== a.id);
        if (it.op === 'first') return [a.id, ...rest];
        if (it.op === 'last') return [...rest, a.id];
        if (it.op === 'swap' && b) return o.map((x) => (x === a.id ? b.id : x === b.id ? a.id : x));
        const at = rest.indexOf(b?.id ?? '') + (it.op === 'after' ? 1 : 0);
        return [...rest.slice(0, at), a.id, ...rest.slice(at)];
      });
      const names = order.map((id) => media.find((m) => m.id === id)?.filename ?? id).join(' → ');
      call('reorder_clips', { op: it.op, order }, `Clip order: ${names}`, `片段顺序：${names}`);
      return;
    }
    case 'cannot':
      notes.push(say(lang, it.en, it.zh));
      return;
  }
}

function replyFor(turn: Turn, built: boolean, understood: boolean): string | null {
  const { calls, notes, lang, draft } = turn;
  const edits = calls.filter((c) => c.name !== 'create_timeline' && c.name !== 'add_clips');
  if (edits.length > 0 && notes.length === 0 && edits.every((c) => SILENT_TOOLS.has(c.name)) && !built) return null;
  const parts: string[] = [];
  if (calls.length > 0) {
    const list = calls.map((c) => c.summary).join('; ');
    const len = formatTime(totalDuration(draft));
    parts.push(say(lang, `Done: ${list}. The video is now ${len} long.`, `已完成：${list}。视频现在时长 ${len}。`));
  }
  parts.push(...notes);
  if (!understood) parts.push(helpText(lang));
  return parts.join(' ');
}

export async function plan(message: string, ctx: PlanContext): Promise<PlanResult> {
  const lang: Lang = ctx.language === 'zh' ? 'zh' : 'en';
  const intents = parseIntents(message);
  const calls: ToolCall[] = [];
  let draft: Draft | null = ctx.draft ? fromCompact(ctx.draft) : null;
  let built = false;
  if (!draft) {
    const base = buildBase(ctx.media, lang);
    if (!base) {
      const wanted = intents.filter((i) => i.kind !== 'cannot').length > 0;
      const cannot = intents.filter((i): i is Extract<Intent, { kind: 'cannot' }> => i.kind === 'cannot').map((i) => say(lang, i.en, i.zh));
      const first = say(lang, 'Upload a video first (mp4, mov, webm, mkv, avi, or images), then tell me what to do with it.', '请先上传视频（mp4、mov、webm、mkv、avi 或图片），再告诉我要怎么剪。');
      return { draft: null, toolCalls: [], reply: [...cannot, wanted || cannot.length === 0 ? first : ''].filter(Boolean).join(' '), credits: 0 };
    }
    draft = base.draft;
    calls.push(base.call);
    built = true;
  } else {
    const added = appendNewMedia(draft, ctx.media, lang);
    if (added) calls.push(added);
  }
  const turn: Turn = { draft, media: ctx.media, ctx, lang, calls, notes: [] };
  for (const it of intents) await applyOne(turn, it);
  const understood = intents.length > 0;
  const changed = calls.length > 0;
  return {
    draft: changed ? toCompact(draft) : ctx.draft,
    toolCalls: calls,
    reply: replyFor(turn, built, understood),
    credits: calls.length,
  };
}
