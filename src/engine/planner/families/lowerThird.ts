// Lower thirds (a name and a role at the bottom left): "add a lower third for Jane Doe, travel vlogger",
// "name tag 'Jane Doe' 'Host' at 0:05", "introduce me as Sam, chef", 名字条「李雷」「主持人」. Shown 4 s from
// where the footage starts unless a time is given. "remove the lower third" removes them.
import { newId, normalize, totalDuration } from '../format';
import type { Intent } from '../intents';
import { freeText, mask, type Scan } from '../scan';
import { formatTime } from '../timecode';
import type { Family } from '../turn';
import { whenIn } from './titles';

export type LowerThirdIntent = { kind: 'lowerThird'; name: string | null; role: string | null; s: number | null; e: number | null; lastMs: number | null };

function parse(s: Scan, original: string, out: Intent[]): void {
  const rm = /(?:remove|delete|drop|get rid of|删除|去掉)\s*(?:the\s+|all\s+)?(?:lower[- ]thirds?|name (?:tags?|titles?|bars?)|名字条|姓名条)/.exec(s.text);
  if (rm) {
    out.push({ kind: 'titleRemove', style: 'lower' });
    return mask(s, rm);
  }
  const m = /(?:lower[- ]thirds?|name (?:tag|title|bar|card|strap)|(?:show|put|add|display) my name|introduce (?:me|him|her|them|the (?:host|speaker|guest)) as|名字条|姓名条|人名条)([^.;!?。；]*)/.exec(s.text);
  if (!m) return;
  const rest = m[1] ?? '';
  const quotes = [...rest.matchAll(/⟦(\d+)⟧/g)].map((q) => s.quotes[Number(q[1])]);
  let name: string | null = quotes[0] ?? null;
  let role: string | null = quotes[1] ?? null;
  if (!name) {
    // Unquoted: "for Jane Doe, travel vlogger" / "with my name Sam and role chef" / "as Sam, chef".
    const t = /^\s*(?:for|with|saying|that says|reading|of|as|:|为|是)?\s*(?:my name\s+|the name\s+|name\s+)?(.+?)(?=\s+(?:at|from|for the|in the|during|between)\s|\s*$)/.exec(rest);
    const raw = t ? freeText(t[1], original) : null;
    if (raw) {
      const parts = raw.split(/\s*(?:,|，|\bas\b|\band (?:role|title)\b|\brole\b|\bthe\b(?= \w+$))\s*/).map((x) => x.trim()).filter(Boolean);
      [name, role] = [parts[0] ?? null, parts.slice(1).join(' ') || null];
    }
  }
  if (name) name = name.replace(/^[\s:：,，]+/, '').trim() || null;
  if (name && /^(?:at|from|for|in|on)\b/i.test(name)) name = null;
  out.push({ kind: 'lowerThird', name, role, ...whenIn(rest) });
  mask(s, m);
}

export const lowerThird: Family<LowerThirdIntent> = {
  kinds: ['lowerThird'],
  parse,
  apply(turn, it) {
    const { draft } = turn;
    if (!it.name) return turn.ask('Whose name should the lower third show (and their role)? For example: lower third "Jane Doe" "Host".', '名字条要显示谁的名字（和身份）？例如：名字条「李雷」「主持人」。');
    const d = totalDuration(draft);
    const footageStart = draft.video.find((v) => v.k === 'clip')?.s ?? 0;
    let s = it.s ?? footageStart + 500;
    let e = it.e ?? s + 4000;
    if (it.lastMs !== null) [s, e] = [Math.max(0, d - it.lastMs), d];
    if (s >= d) return turn.note(`The lower third would start at ${formatTime(s)}, after the video ends (${formatTime(d)}), so I added nothing.`, `名字条开始于 ${formatTime(s)}，晚于视频结尾（${formatTime(d)}），没有添加。`);
    const seg = { id: newId(draft, 't'), s, e, m: { text: it.name, name: 'Lower third', pos: 'bottom' as const, fade: 300, style: 'lower' as const, ...(it.role ? { sub: it.role } : {}) } };
    draft.texts.push(seg);
    normalize(draft);
    const placed = draft.texts.find((x) => x.id === seg.id);
    if (!placed) return turn.note('That lower third would be too short to read, so I added nothing.', '名字条太短无法阅读，没有添加。');
    const who = it.role ? `"${it.name}" / "${it.role}"` : `"${it.name}"`;
    turn.call('add_lower_third', { name: it.name, role: it.role, start_ms: placed.s, end_ms: placed.e }, `Added a lower third ${who} (${formatTime(placed.s)}–${formatTime(placed.e)})`, `添加了名字条${who}（${formatTime(placed.s)}–${formatTime(placed.e)}）`);
  },
};
