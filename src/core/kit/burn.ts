// Burning captions into a video. The cues are written as an ASS script whose play resolution is the video's
// own size, so sizes and margins below are real pixels on every aspect ratio: text about 5.5% of the short
// side, white with a black outline and shadow, inside the title-safe area, and on vertical video raised
// above the bottom fifth that the Shorts player covers with its buttons and caption. libass (ffmpeg's
// `subtitles` filter) wraps long lines. The result is `<stem>.captioned.mp4`, written as a temporary file
// and renamed; the original export is untouched.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { runFfmpeg } from '../media/ffmpegRun';
import { fontFor } from '../media/fonts';
import { filterValue } from '../media/textLayout';
import type { Cue } from './captions';

export interface CaptionStyle {
  fontSize: number;
  marginV: number;
  marginH: number;
  outline: number;
}

export function captionStyle(width: number, height: number): CaptionStyle {
  const short = Math.min(width, height);
  const vertical = height > width;
  return {
    fontSize: Math.round(short * (vertical ? 0.06 : 0.055)),
    // Title-safe: 5% of the height; Shorts: clear of the bottom ~20% covered by the player's overlay.
    marginV: Math.round(height * (vertical ? 0.22 : 0.07)),
    marginH: Math.round(width * 0.07),
    outline: Math.max(2, Math.round(short * 0.004)),
  };
}

/** The family name libass asks fontconfig for, from the font file the kit found. */
function familyOf(fontPath: string): string {
  const base = path.basename(fontPath).toLowerCase();
  if (base.includes('notosanscjk')) return 'Noto Sans CJK SC';
  if (base.includes('dejavusans')) return 'DejaVu Sans';
  if (base.includes('liberationsans')) return 'Liberation Sans';
  if (base.includes('wqy')) return 'WenQuanYi Micro Hei';
  if (base.includes('msyh')) return 'Microsoft YaHei';
  if (base.includes('pingfang')) return 'PingFang SC';
  return 'Sans';
}

function assTime(sec: number): string {
  const cs = Math.max(0, Math.round(sec * 100));
  const h = Math.floor(cs / 360000);
  const m = Math.floor((cs % 360000) / 6000);
  const s = Math.floor((cs % 6000) / 100);
  return `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}.${String(cs % 100).padStart(2, '0')}`;
}

export function assScript(cues: Cue[], width: number, height: number, fontFamily: string): string {
  const st = captionStyle(width, height);
  const esc = (t: string): string => t.replace(/\\/g, '\\\\').replace(/\{/g, '\\{').replace(/\}/g, '\\}').replace(/\n/g, '\\N');
  return [
    '[Script Info]',
    'ScriptType: v4.00+',
    `PlayResX: ${width}`,
    `PlayResY: ${height}`,
    'WrapStyle: 0',
    'ScaledBorderAndShadow: yes',
    '',
    '[V4+ Styles]',
    'Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, Encoding',
    `Style: Default,${fontFamily},${st.fontSize},&H00FFFFFF,&H00FFFFFF,&H00000000,&H80000000,1,0,0,0,100,100,0,0,1,${st.outline},${Math.max(1, Math.round(st.outline / 2))},2,${st.marginH},${st.marginH},${st.marginV},1`,
    '',
    '[Events]',
    'Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text',
    ...cues.map((c) => `Dialogue: 0,${assTime(c.start)},${assTime(c.end)},Default,,0,0,0,,${esc(c.text)}`),
    '',
  ].join('\n');
}

export async function burnCaptions(opts: {
  ffmpeg: string;
  video: string;
  out: string;
  cues: Cue[];
  width: number;
  height: number;
  durationSec: number;
  workDir: string;
  signal?: AbortSignal;
  onProgress?: (percent: number) => void;
  preset?: string;
}): Promise<void> {
  await fs.mkdir(opts.workDir, { recursive: true });
  const font = fontFor(opts.cues.map((c) => c.text).join(' '));
  const script = path.join(opts.workDir, 'captions.ass');
  await fs.writeFile(script, assScript(opts.cues, opts.width, opts.height, familyOf(font.path)), 'utf8');
  const filter = `subtitles=filename=${filterValue(script)}:fontsdir=${filterValue(path.dirname(font.path))}`;
  const tmp = `${opts.out}.tmp`;
  try {
    await runFfmpeg(
      opts.ffmpeg,
      ['-i', opts.video, '-vf', filter, '-map', '0:v:0', '-map', '0:a?', '-c:v', 'libx264', '-preset', opts.preset ?? process.env.GENERATOR_YOUTUBE_X264_PRESET ?? 'veryfast', '-crf', '18', '-pix_fmt', 'yuv420p',
        '-colorspace', 'bt709', '-color_primaries', 'bt709', '-color_trc', 'bt709', '-c:a', 'copy', '-movflags', '+faststart', '-f', 'mp4', tmp],
      { totalSeconds: opts.durationSec, onProgress: opts.onProgress, signal: opts.signal },
    );
    await fs.rename(tmp, opts.out);
  } finally {
    await fs.rm(tmp, { force: true });
  }
}
