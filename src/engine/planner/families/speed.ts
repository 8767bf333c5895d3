// Speed of a range or a clip: "speed up the middle part 2x", "play clip 2 at 1.5x", "slow motion for the
// last 3 seconds", "make the second half twice as fast", "normal speed", 中间部分2倍速, 慢动作, 加速.
// No factor given: speed up = 1.5×, slow down = 0.5×, and the reply says which was used.
import { clipSpeed } from '../format';
import type { Intent } from '../intents';
import { type RangeRef, rangeIn } from '../ranges';
import { clauseWith, factorIn, maskClause, type Scan } from '../scan';
import type { Family } from '../turn';
import { applyToRange } from './rangeFx';

export type SpeedIntent = { kind: 'speed'; factor: number; guessed: boolean; range: RangeRef };

const FAST = /speed(?:s|ing)? (?:it |this |things |everything )?up|faster|as fast|\d(?:\.\d+)?\s*(?:x|×)\s*speed|fast[- ]?forward|sped up|quicker|\bspeed (?:up|of)\b|加速|快进|加快|倍速|快放/;
const SLOW = /slow(?:s|ing)? (?:it |this |things |everything )?down|slow[- ]?mo(?:tion)?|slower|half speed|慢动作|慢放|放慢|减速/;
const NORMAL = /normal speed|original speed|real[- ]?time|1x speed|remove (?:the )?(?:speed|slow[- ]?mo)|恢复(?:正常|原)速度?|原速/;
const AT = /(?:play|playback|at|set|to)\s*[^.;!?。]*?\d+(?:\.\d+)?\s*(?:x|×)\s*(?:speed)?|\d+(?:\.\d+)?\s*倍速/;

function parse(s: Scan, _original: string, out: Intent[]): void {
  const clause = clauseWith(s, /speed|faster|as fast|fast[- ]?forward|sped|quicker|slow|half speed|real[- ]?time|\bplay(?:back)?\b.*\d(?:\.\d+)?\s*(?:x|×)|加速|快进|加快|倍速|快放|慢动作|慢放|放慢|减速|原速|正常速度/);
  if (!clause) return;
  const c = clause.text;
  // "speed up the music" / "make the intro faster" are not footage speed changes.
  if (/music|bgm|song|音乐|intro|outro|片头|片尾/.test(c)) return;
  const normal = NORMAL.test(c);
  const fast = FAST.test(c) || (!SLOW.test(c) && AT.test(c));
  const slow = SLOW.test(c);
  if (!normal && !fast && !slow) return;
  const f = factorIn(c);
  let factor = normal ? 1 : f ?? (slow ? 0.5 : 1.5);
  // "slow it down 2x" means half speed; "2x faster" means 2×.
  if (slow && factor > 1) factor = 1 / factor;
  out.push({ kind: 'speed', factor: Math.min(4, Math.max(0.25, factor)), guessed: !normal && f === null, range: rangeIn(c).ref });
  maskClause(s, clause);
}

export const speed: Family<SpeedIntent> = {
  kinds: ['speed'],
  parse,
  apply(turn, it) {
    const before = turn.draft.video.map((v) => (v.k === 'clip' ? clipSpeed(v) : 1)).join();
    const done = applyToRange(turn, it.range, (clip) => {
      if (it.factor === 1) delete clip.m.speed;
      else clip.m.speed = it.factor;
    });
    if (!done) return;
    if (turn.draft.video.map((v) => (v.k === 'clip' ? clipSpeed(v) : 1)).join() === before && done.count > 0 && it.factor === 1) {
      return turn.note(`${done.en} already plays at normal speed.`, `${done.zh}已经是正常速度。`);
    }
    const x = `${Math.round(it.factor * 100) / 100}×`;
    const guess = it.guessed ? ' (you did not say how much, so I used ' + x + '; say e.g. "2x" to change it)' : '';
    const guessZh = it.guessed ? `（没有指定倍数，使用了 ${x}；可以说“2倍速”来修改）` : '';
    if (it.factor === 1) return turn.call('set_speed', { factor: 1, range: done.en }, `Set ${done.en} back to normal speed`, `把${done.zh}恢复为正常速度`);
    turn.call('set_speed', { factor: it.factor, range: done.en }, `${it.factor > 1 ? 'Sped up' : 'Slowed down'} ${done.en} to ${x}${guess}`, `把${done.zh}${it.factor > 1 ? '加速' : '放慢'}到 ${x}${guessZh}`);
  },
};
