// Font files for drawtext: the engine's cards and titles, the upload kit's thumbnails and burned captions.
// We do not ship a font: both need ffmpeg from the system anyway, and every system that has it has one
// of these. CJK text needs a CJK font (Debian: fonts-noto-cjk); Latin text uses a bold sans. Overrides: GENERATOR_YOUTUBE_FONT and GENERATOR_YOUTUBE_CJK_FONT (absolute paths).
import * as fs from 'node:fs';

const LATIN = [
  '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf',
  '/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf',
  '/usr/share/fonts/TTF/DejaVuSans-Bold.ttf',
  '/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf',
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc',
  '/System/Library/Fonts/Supplemental/Arial Bold.ttf',
  '/Library/Fonts/Arial Bold.ttf',
  'C:\\Windows\\Fonts\\arialbd.ttf',
];

const CJK = [
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc',
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc',
  '/usr/share/fonts/truetype/arphic/uming.ttc',
  '/System/Library/Fonts/PingFang.ttc',
  '/System/Library/Fonts/STHeiti Medium.ttc',
  'C:\\Windows\\Fonts\\msyh.ttc',
];

/** Han, kana, hangul, CJK punctuation and full-width forms: the glyphs DejaVu does not have. */
export const WIDE_CHAR = /[\u1100-\u11ff\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]/u;

function firstExisting(paths: Array<string | undefined>): string | null {
  for (const p of paths) if (p && fs.existsSync(p)) return p;
  return null;
}

export interface FontChoice {
  path: string;
  /** False when the text needs CJK glyphs but no CJK font was found (it would render as boxes). */
  coversText: boolean;
}

export function fontFor(text: string): FontChoice {
  const needsCjk = WIDE_CHAR.test(text);
  if (needsCjk) {
    const cjk = firstExisting([process.env.GENERATOR_YOUTUBE_CJK_FONT, ...CJK]);
    if (cjk) return { path: cjk, coversText: true };
  }
  const latin = firstExisting([process.env.GENERATOR_YOUTUBE_FONT, ...LATIN]);
  if (!latin) {
    throw new Error('No font for titles was found. Install one (Debian/Ubuntu: sudo apt-get install fonts-dejavu-core) or set GENERATOR_YOUTUBE_FONT to a .ttf file.');
  }
  return { path: latin, coversText: !needsCjk };
}
