// A subscribe reminder (a red "Subscribe" badge at the bottom right): "add a subscribe reminder", "remind
// people to subscribe at the end", "subscribe button at 0:10", 订阅提醒. At the end by default: the last 4 s
// before the outro card (or before the end when there is none).
import { newId, normalize, totalDuration } from '../format';
import type { Intent } from '../intents';
import { clauseWith, mask, maskClause, type Scan } from '../scan';
import { say } from '../say';
import { formatTime } from '../timecode';
import type { Family } from '../turn';
import { whenIn } from './titles';

export type SubscribeIntent = { kind: 'subscribe'; s: number | null; e: number | null; lastMs: number | null; start: boolean };

function parse(s: Scan, _original: string, out: Intent[]): void {
  const rm = /(?:remove|delete|drop|get rid of|no|删除|去掉|不要)\s*(?:the\s+)?(?:subscribe|订阅)\s*(?:reminder|button|badge|call to action|cta|提醒|按钮)?/.exec(s.text);
  if (rm) {
    out.push({ kind: 'titleRemove', style: 'subscribe' });
    return mask(s, rm);
  }
  const m = clauseWith(s, /subscribe|订阅/);
  if (!m) return;
  const c = m.text;
  const w = whenIn(c);
  out.push({ kind: 'subscribe', ...w, start: w.s === null && w.lastMs === null && /\b(?:start|beginning)\b|开头/.test(c) });
  maskClause(s, m);
}

export const subscribe: Family<SubscribeIntent> = {
  kinds: ['subscribe'],
  parse,
  apply(turn, it) {
    const { draft, lang } = turn;
    const d = totalDuration(draft);
    const outro = draft.video.find((v) => v.k === 'card' && v.m.role === 'outro');
    const end = outro ? outro.s : d;
    const footageStart = draft.video.find((v) => v.k === 'clip')?.s ?? 0;
    let [s, e] = it.start ? [footageStart + 500, footageStart + 4500] : [Math.max(0, end - 4000), end];
    if (it.s !== null) [s, e] = [it.s, it.e ?? it.s + 4000];
    if (it.lastMs !== null) [s, e] = [Math.max(0, d - it.lastMs), d];
    if (s >= d) return turn.note(`The reminder would start at ${formatTime(s)}, after the video ends (${formatTime(d)}), so I added nothing.`, `订阅提醒开始于 ${formatTime(s)}，晚于视频结尾（${formatTime(d)}），没有添加。`);
    const text = say(lang, 'Subscribe', '订阅');
    const seg = { id: newId(draft, 't'), s, e, m: { text, name: 'Subscribe reminder', pos: 'bottom' as const, fade: 300, style: 'subscribe' as const } };
    draft.texts = draft.texts.filter((t) => t.m.style !== 'subscribe');
    draft.texts.push(seg);
    normalize(draft);
    const placed = draft.texts.find((x) => x.id === seg.id);
    if (!placed) return turn.note('That reminder would be too short to see, so I added nothing.', '订阅提醒太短，没有添加。');
    turn.call('add_subscribe_reminder', { start_ms: placed.s, end_ms: placed.e, text }, `Added a subscribe reminder (${formatTime(placed.s)}–${formatTime(placed.e)})`, `添加了订阅提醒（${formatTime(placed.s)}–${formatTime(placed.e)}）`);
  },
};
