// Silence removal ("remove the silences", "cut the dead air", "tighten the pauses", 去除静音), 0.2 s margins.
import { removeSilences } from '../edits/cuts';
import type { Intent } from '../intents';
import { mask, type Scan } from '../scan';
import { formatSeconds } from '../timecode';
import type { Family } from '../turn';

export type SilenceIntent = { kind: 'silences' };

function parse(s: Scan, _original: string, out: Intent[]): void {
  const re = /(?:remove|cut|delete|trim|drop|skip|get rid of|take out|jump ?cut|tighten|shorten|去掉|删除|剪掉|去除|删掉)[^.;!?。]*?(?:silen\w*|dead air|pauses?|quiet (?:parts|bits)|gaps|awkward breaks|静音|停顿|空白)|jump ?cuts?|(?:silen\w*|dead air|pauses?|静音|停顿)[^.;!?。]*?(?:remove|cut|去掉|删除|剪掉)/;
  const m = re.exec(s.text);
  if (!m) return;
  out.push({ kind: 'silences' });
  mask(s, m);
}

export const silences: Family<SilenceIntent> = {
  kinds: ['silences'],
  parse,
  async apply(turn) {
    const r = await removeSilences(turn.draft, turn.media, (m) => turn.ctx.detectSilences(m));
    if (r.silentThroughout.length) turn.note(`${r.silentThroughout.join(', ')} is silent throughout, so it was kept whole.`, `${r.silentThroughout.join('、')} 全程无声，已完整保留。`);
    if (r.noAudio.length) turn.note(`${r.noAudio.join(', ')} has no sound, so no silences were looked for there.`, `${r.noAudio.join('、')} 没有音轨，未检测静音。`);
    if (r.count === 0) return turn.note('I found no silences to remove, so nothing was cut.', '没有找到需要去除的静音，没有剪辑。');
    turn.call('remove_silences', { count: r.count, removed_ms: r.removedMs, margin_ms: 200 }, `Removed ${r.count} silence(s) (${formatSeconds(r.removedMs)}), keeping 0.2 s around speech`, `去除了 ${r.count} 处静音（${formatSeconds(r.removedMs)}），语音前后保留 0.2 秒`);
  },
};
