// Clip order: "put clip2 first", "move beach.mp4 to the end", "swap A and B", "put A after B", "reverse the
// order", 把第二个视频放在最前面.
import { placedSources, reorder, resolveClip } from '../edits/order';
import type { Intent } from '../intents';
import { mask, quoted, type Scan } from '../scan';
import type { Family } from '../turn';

export type OrderOp = 'first' | 'last' | 'before' | 'after' | 'swap' | 'reverse';
export type OrderIntent = { kind: 'order'; op: OrderOp; a: string; b: string };

function parse(s: Scan, _original: string, out: Intent[]): void {
  const ref = '(⟦\\d+⟧|[^,;!?。，]+?)';
  const rules: Array<[OrderOp, RegExp]> = [
    ['reverse', /reverse (?:the )?(?:order|clips)|倒序|顺序反过来|反转顺序/],
    ['swap', new RegExp(`(?:swap|switch|exchange|交换)\\s*${ref}\\s*(?:and|with|和|与)\\s*${ref}(?=\\s*(?:around|的顺序|顺序)?\\s*$|[,.;!?。])`)],
    ['first', new RegExp(`(?:put|move|place|start with|open with|把)\\s*${ref}\\s*(?:first|at the (?:start|beginning|front)|to the (?:start|beginning|front)|放在最前面?|放到最前面?|放在开头|放到开头)`)],
    ['last', new RegExp(`(?:put|move|place|end with|close with|把)\\s*${ref}\\s*(?:last|at the end|to the end|放在最后面?|放到最后面?|放在结尾)`)],
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

export const order: Family<OrderIntent> = {
  kinds: ['order'],
  parse,
  apply(turn, it) {
    const { draft, media } = turn;
    const sources = placedSources(draft);
    const nameOf = (id: string) => media.find((m) => m.id === id)?.filename ?? id;
    if (it.op === 'reverse') {
      if (sources.length < 2) return turn.note('There is only one clip, so there is no order to reverse.', '只有一个片段，无法反转顺序。');
      reorder(draft, (o) => o.reverse());
      return turn.call('reorder_clips', { op: 'reverse' }, 'Reversed the clip order', '反转了片段顺序');
    }
    const needsB = it.op === 'swap' || it.op === 'before' || it.op === 'after';
    const a = resolveClip(it.a, media);
    const b = needsB ? resolveClip(it.b, media) : null;
    if (!a || (needsB && !b) || !sources.includes(a.id) || (b && !sources.includes(b.id))) {
      const names = sources.map((id, i) => `${i + 1}. ${nameOf(id)}`).join(', ');
      return turn.note(`I could not find "${!a || !sources.includes(a.id) ? it.a : it.b}" on the timeline, so the order is unchanged; the clips are: ${names}.`, `时间线上没有找到“${!a || !sources.includes(a.id) ? it.a : it.b}”，顺序未改变；现有片段：${names}。`);
    }
    const before = sources.join();
    const next = reorder(draft, (o) => {
      const rest = o.filter((x) => x !== a.id);
      if (it.op === 'first') return [a.id, ...rest];
      if (it.op === 'last') return [...rest, a.id];
      if (it.op === 'swap' && b) return o.map((x) => (x === a.id ? b.id : x === b.id ? a.id : x));
      const at = rest.indexOf(b?.id ?? '') + (it.op === 'after' ? 1 : 0);
      return [...rest.slice(0, at), a.id, ...rest.slice(at)];
    });
    const names = next.map(nameOf).join(' → ');
    if (next.join() === before) return turn.note(`The order is already ${names}.`, `顺序已经是 ${names}。`);
    turn.call('reorder_clips', { op: it.op, order: next }, `Clip order: ${names}`, `片段顺序：${names}`);
  },
};
