// "Burn the captions in" (烧录字幕): marks the draft so the next export's upload kit burns its captions into
// the picture (`m.burnCaptions`; the kit writes `<name>.captioned.mp4`). The captions themselves are the
// client's: a .srt/.vtt beside a clip or attached in the chat, re-timed through the edit by the kit — the
// engine never sees them, so this family only records the wish. "Don't burn the captions" clears it.
import type { Intent } from '../intents';
import { clauseWith, maskClause, type Scan } from '../scan';
import type { Family } from '../turn';

export type CaptionsBurnIntent = { kind: 'captionsBurn'; on: boolean };

const BURN = /\b(?:burn|hard-?code|hard-?sub|bake|embed|put)\b[^.;!?。]*\b(?:captions?|subtitles?|subs)\b|\b(?:captions?|subtitles?|subs)\b[^.;!?。]*\b(?:burn(?:ed|t)? in|hard-?coded|into the (?:video|picture))|(?:烧录|烧进|压制|内嵌|硬)[^。；！？]*字幕|字幕[^。；！？]*(?:烧录|烧进|压制|内嵌|烧到)/;
const OFF = /\b(?:don'?t|do not|no|stop|without|remove|undo)\b[^.;!?。]*\b(?:burn|hard-?code|burned|burnt)|不要[^。；！？]*(?:烧录|烧进|压制)|取消[^。；！？]*(?:烧录|烧进)/;

function parse(s: Scan, _original: string, out: Intent[]): void {
  const c = clauseWith(s, BURN);
  if (!c) return;
  out.push({ kind: 'captionsBurn', on: !OFF.test(c.text) });
  maskClause(s, c);
}

export const captions: Family<CaptionsBurnIntent> = {
  kinds: ['captionsBurn'],
  parse,
  apply(turn, it) {
    const was = turn.draft.meta.burnCaptions === true;
    if (was === it.on) {
      return it.on
        ? turn.note('The captions are already set to be burned in at the next export.', '已设置在下次导出时烧录字幕。')
        : turn.note('The captions are not set to be burned in.', '当前没有设置烧录字幕。');
    }
    if (it.on) turn.draft.meta.burnCaptions = true;
    else delete turn.draft.meta.burnCaptions;
    if (it.on) {
      turn.call('burn_captions', { on: true },
        'The next export will have the captions burned in (<name>.captioned.mp4 beside the video), from the .srt/.vtt next to your clip or attached in the chat',
        '下次导出时会烧录字幕（在视频旁生成 <名称>.captioned.mp4），字幕来自片段旁或聊天中附加的 .srt/.vtt');
    } else {
      turn.call('burn_captions', { on: false }, 'Captions will not be burned in; they stay as separate .srt/.vtt files in the upload kit', '不再烧录字幕；字幕仍以 .srt/.vtt 文件放在上传套件中');
    }
  },
};
