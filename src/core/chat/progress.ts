// Tool calls become progress labels ("Editing timeline…"); the tool names are not published, so this maps
// by keywords and falls back to a generic "Working…".
import { t, type Lang, type MessageKey } from '../i18n';

const RULES: Array<[RegExp, MessageKey]> = [
  [/music|bgm|audio|sound|voice|duck/i, 'progress.music'],
  [/text|title|caption|subtitle|intro_card|outro_card|card/i, 'progress.text'],
  [/analy|probe|ingest|upload|video_info|detect|transcri/i, 'progress.analysing'],
  [/render|export/i, 'progress.export'],
  [/generat|image|media|imagine|tts/i, 'progress.generating'],
  [/timeline|draft|edit|track|cut|trim|clip|segment|aspect|crop|speed|silence|transition|fade|order|move|split/i, 'progress.editing'],
];

export function progressLabel(toolName: string, lang: Lang): string {
  for (const [re, key] of RULES) if (re.test(toolName)) return t(lang, key);
  return t(lang, 'progress.working');
}
