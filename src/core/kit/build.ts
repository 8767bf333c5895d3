// The one flow that makes an upload kit next to an exported `<stem>.mp4`, for the extension and the CLI,
// for both backends: it reads only the exported file and the draft that was exported (plus caption files
// the user gave), so cloud exports get the same kit as local ones. Every file is written to a temporary
// name and renamed; a part that cannot be made (no ffmpeg, an unreadable caption file) is left out and the
// reason is returned as a notice and written into the page, never faked.
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import type { FfmpegPaths } from '../media/ffmpegPaths';
import { langOfText, type Lang } from '../i18n';
import { probeVideo } from '../media/probe';
import { burnCaptions } from './burn';
import { CaptionParseError, type Cue, parseCaptions, writeSrt, writeVtt } from './captions';
import { makeChapters } from './chapters';
import { type KitCaptions, kitFileNames, kitJson, kitPage, type PageNotes, type YoutubeKit } from './document';
import { buildEditMap, findMedia, type MediaRef } from './editMap';
import { candidateTimes, greyFrames, pickDistinct, rankFrames, scoreGrey } from './frames';
import { makeDescription, makeTags, makeTitle } from './metadata';
import { draftCaptions, retimeCaptions } from './retime';
import { type KitLang, ks } from './strings';
import { writeThumbnails } from './thumbnail';
import { lookupTranscriber, type NoTranscriber, transcribe, type WhisperConfig } from './transcribe';

/** A caption file for one source clip, timed in that clip's own time. */
export interface CaptionSource {
  /** Names the clip may go by: the draft's `src`, the uploaded file's id / name / hash, the original file name. */
  keys: string[];
  path: string;
}

export interface KitInput {
  video: string;
  draft: unknown;
  /** The state's `video_infos`: how the draft's `src` values name files. */
  media?: MediaRef[];
  captionSources?: CaptionSource[];
  /** A caption file already in the video's time (the kit's own .srt after the user edited it). */
  outputCaptions?: string;
  lang: KitLang;
  /** null: no ffmpeg; thumbnails and burn-in are skipped with a notice. */
  ffmpeg: FfmpegPaths | null;
  whisper?: WhisperConfig;
  burnCaptions?: boolean;
  signal?: AbortSignal;
  env?: NodeJS.ProcessEnv;
  onProgress?: (label: 'thumbnails' | 'captions' | 'burn', percent?: number) => void;
}

export interface KitResult {
  kit: YoutubeKit;
  dir: string;
  /** Absolute paths of every file written. */
  files: { json: string; md: string; thumbnails: string[]; srt: string | null; vtt: string | null; burned: string | null };
  /** Plain-language notes for the user (EN/ZH): what was left out and why. */
  notices: string[];
  /** The frames the thumbnails came from (seconds), the chosen one first. */
  thumbnailTimes: number[];
}

export async function writeAtomic(file: string, content: string | Buffer): Promise<void> {
  const tmp = `${file}.tmp`;
  try {
    await fs.writeFile(tmp, content);
    await fs.rename(tmp, file);
  } finally {
    await fs.rm(tmp, { force: true });
  }
}

/** Chinese only when most of the captions are (a few Han names in English captions do not make them Chinese). */
function captionLanguage(cues: Cue[]): Lang {
  return langOfText(cues.map((c) => c.text).join(''), 'en', 0.3);
}

function noTranscriberText(lang: KitLang, tr: NoTranscriber): string {
  switch (tr.why) {
    case 'not-set-up':
      return ks(lang, 'why.noCaptionSource');
    case 'no-model':
      return ks(lang, 'whisper.noModel');
    case 'model-missing':
      return ks(lang, 'whisper.modelMissing', { path: tr.path });
    case 'cli-missing':
      return ks(lang, 'whisper.cliMissing', { path: tr.path });
    case 'cli-not-on-path':
      return ks(lang, 'whisper.cliNotOnPath');
  }
}

function stemOf(video: string): string {
  return path.basename(video).replace(/\.(mp4|mov|m4v|webm|mkv)$/i, '');
}

/** Finds which caption sources belong to which draft sources. */
function captionsBySource(spansSources: string[], media: MediaRef[], sources: CaptionSource[]): Map<string, CaptionSource> {
  const res = new Map<string, CaptionSource>();
  const norm = (s: string): string => s.toLowerCase().replace(/\.[a-z0-9]{2,4}$/, '').replace(/[^\p{L}\p{N}]+/gu, '');
  for (const src of spansSources) {
    const ref = findMedia(media, src);
    const names = [src, ref?.id, ref?.filename, ref?.hash, ref?.cdn_url].filter((x): x is string => !!x);
    const hit = sources.find((c) => c.keys.some((k) => names.includes(k))) ?? sources.find((c) => c.keys.some((k) => names.some((n) => norm(n) === norm(k) && norm(k) !== '')));
    if (hit) res.set(src, hit);
  }
  // One clip and a caption file that matched no name (attached in the chat under another name): it is that
  // clip's; with several clips an unmatched file is ambiguous and is not guessed.
  if (spansSources.length === 1 && res.size === 0 && sources.length > 0) res.set(spansSources[0], sources[sources.length - 1]);
  return res;
}

export async function buildKit(input: KitInput): Promise<KitResult> {
  const lang = input.lang;
  const dir = path.dirname(input.video);
  const stem = stemOf(input.video);
  const names = kitFileNames(stem);
  const media = input.media ?? [];
  const notices: string[] = [];
  const notes: PageNotes = {};
  const map = buildEditMap(input.draft, media);
  let facts = { width: map.width, height: map.height, durationSec: map.durationSec, fps: map.fps };
  let ffmpegWhy: string | null = input.ffmpeg ? null : ks(lang, 'why.noFfmpeg', { detail: 'not configured' });
  if (input.ffmpeg) {
    try {
      facts = await probeVideo(input.ffmpeg.ffprobe, input.video, input.signal);
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      // ffprobe missing vs. a file it cannot read: two different things to tell the user.
      ffmpegWhy = err.code === 'ENOENT' || /ENOENT|spawn/.test(err.message) ? ks(lang, 'why.noFfmpeg', { detail: err.message }) : ks(lang, 'why.unreadable', { detail: err.message });
    }
  }
  const work = await fs.mkdtemp(path.join(os.tmpdir(), 'gy-kit-'));
  try {
    // Captions: the user's files re-timed through the edit, else the draft's own, else a transcription.
    input.onProgress?.('captions');
    let cues: Cue[] = [];
    if (input.outputCaptions) {
      cues = parseCaptions(await fs.readFile(input.outputCaptions, 'utf8'), path.basename(input.outputCaptions));
    } else {
      const clipSources = [...new Set(map.spans.filter((s) => s.kind === 'clip' && s.source).map((s) => s.source as string))];
      const bySource = new Map<string, Cue[]>();
      for (const [src, cs] of captionsBySource(clipSources, media, input.captionSources ?? [])) {
        try {
          bySource.set(src, parseCaptions(await fs.readFile(cs.path, 'utf8'), path.basename(cs.path)));
        } catch (e) {
          const detail = e instanceof CaptionParseError ? `line ${e.line}: ${e.reason}` : (e as Error).message;
          notices.push(ks(lang, 'kit.captionError', { file: cs.path, detail }));
        }
      }
      cues = retimeCaptions(map, bySource);
      if (cues.length === 0) cues = draftCaptions(map);
      if (cues.length === 0 && bySource.size === 0) {
        const tr = lookupTranscriber(input.whisper ?? {}, input.env);
        if ('bin' in tr && input.ffmpeg && !ffmpegWhy) {
          try {
            cues = await transcribe(tr, input.ffmpeg.ffmpeg, input.video, path.join(work, 'whisper'), input.signal);
            if (!cues.length) notes.captionsWhy = ks(lang, 'whisper.noSpeech');
          } catch (e) {
            notes.captionsWhy = ks(lang, 'kit.transcribeFailed', { detail: (e as Error).message });
            notices.push(notes.captionsWhy);
          }
        } else if ('bin' in tr) notes.captionsWhy = ffmpegWhy ?? '';
        else {
          // No transcriber: said plainly, on the page and to the user, with what would fix it.
          const why = noTranscriberText(lang, tr);
          notes.captionsWhy = why;
          notices.push(tr.why === 'not-set-up' ? ks(lang, 'kit.noTranscriber') : why);
        }
      }
    }
    cues = cues.filter((c) => c.start < facts.durationSec).map((c) => ({ ...c, end: Math.min(c.end, facts.durationSec) }));
    const chapterMap = { ...map, width: facts.width, height: facts.height, durationSec: facts.durationSec };
    const ch = makeChapters(chapterMap, cues, lang);
    if (ch.reason !== 'ok') notes.chaptersWhy = ks(lang, `why.${ch.reason}`);
    const title = makeTitle(map, ch.chapters);
    const captionEntries: KitCaptions[] = [];
    let srt: string | null = null;
    let vtt: string | null = null;
    if (cues.length) {
      srt = path.join(dir, names.srt);
      vtt = path.join(dir, names.vtt);
      await writeAtomic(srt, writeSrt(cues));
      await writeAtomic(vtt, writeVtt(cues));
      captionEntries.push({ language: captionLanguage(cues), srt: names.srt, vtt: names.vtt });
    }
    const description = makeDescription(chapterMap, ch.chapters, title, lang, captionEntries[0]?.srt ?? null);
    const tags = makeTags(chapterMap, title, ch.chapters);

    // Thumbnails from the best frames.
    const thumbs: string[] = [];
    let times: number[] = [];
    if (input.ffmpeg && !ffmpegWhy) {
      input.onProgress?.('thumbnails');
      const cand = candidateTimes(chapterMap, facts.durationSec);
      const w = 320;
      const h = Math.max(2, Math.round((w * facts.height) / facts.width / 2) * 2);
      const frames = await greyFrames(input.ffmpeg.ffmpeg, input.video, cand, w, h, input.signal);
      const ranked = rankFrames(frames.map((px, i) => ({ time: cand[i], ...scoreGrey(px, w, h) })));
      const chosen = pickDistinct(ranked, 3, Math.max(1.5, facts.durationSec / 8));
      // All frames flat or black (a video of cards): the best-scored frame is still the honest choice.
      const picks = chosen.length ? chosen : ranked.slice(0, 1);
      times = picks.map((p) => p.time);
      const jobs = picks.map((p, i) => ({ time: p.time, out: path.join(dir, names.thumbnails[i]) }));
      await writeThumbnails(input.ffmpeg.ffmpeg, input.video, facts, jobs, title, path.join(work, 'thumb'), input.signal);
      thumbs.push(...jobs.map((j) => path.basename(j.out)));
    } else notes.thumbnailWhy = ffmpegWhy ?? '';

    let burned: string | null = null;
    if (input.burnCaptions) {
      if (!cues.length) notices.push(ks(lang, 'kit.noCaptionsToBurn'));
      else if (input.ffmpeg && !ffmpegWhy) {
        input.onProgress?.('burn', 0);
        burned = path.join(dir, `${stem}.captioned.mp4`);
        await burnCaptions({
          ffmpeg: input.ffmpeg.ffmpeg, video: input.video, out: burned, cues, width: facts.width, height: facts.height, durationSec: facts.durationSec,
          workDir: path.join(work, 'burn'), signal: input.signal, onProgress: (p) => input.onProgress?.('burn', p),
        });
        notices.push(ks(lang, 'kit.burned', { path: burned }));
      }
    }
    if (ffmpegWhy) notices.push(ffmpegWhy);
    const kit: YoutubeKit = {
      title, description, tags, chapters: ch.chapters, thumbnail: thumbs[0] ?? null, thumbnails: thumbs, captions: captionEntries,
      video: path.basename(input.video), durationSeconds: Math.round(facts.durationSec * 1000) / 1000,
    };
    const json = path.join(dir, names.json);
    const md = path.join(dir, names.md);
    await writeAtomic(json, kitJson(kit));
    await writeAtomic(md, kitPage(kit, lang, notes));
    return { kit, dir, files: { json, md, thumbnails: thumbs.map((t) => path.join(dir, t)), srt, vtt, burned }, notices, thumbnailTimes: times };
  } finally {
    await fs.rm(work, { recursive: true, force: true });
  }
}

/**
 * Burns a caption file that is already in the video's time (the kit's `.srt`, perhaps edited by the user)
 * into `<stem>.captioned.mp4` next to the video. A malformed file is refused with its line number.
 */
export async function burnCaptionFile(opts: {
  video: string;
  captions: string;
  ffmpeg: FfmpegPaths;
  lang: KitLang;
  signal?: AbortSignal;
  onProgress?: (percent: number) => void;
}): Promise<string> {
  let cues: Cue[];
  try {
    cues = parseCaptions(await fs.readFile(opts.captions, 'utf8'), path.basename(opts.captions));
  } catch (e) {
    const detail = e instanceof CaptionParseError ? `line ${e.line}: ${e.reason}` : (e as Error).message;
    throw new Error(ks(opts.lang, 'kit.captionError', { file: opts.captions, detail }));
  }
  if (cues.length === 0) throw new Error(ks(opts.lang, 'kit.noCaptionsToBurn'));
  const facts = await probeVideo(opts.ffmpeg.ffprobe, opts.video, opts.signal);
  const out = path.join(path.dirname(opts.video), `${stemOf(opts.video)}.captioned.mp4`);
  const work = await fs.mkdtemp(path.join(os.tmpdir(), 'gy-burn-'));
  try {
    await burnCaptions({ ffmpeg: opts.ffmpeg.ffmpeg, video: opts.video, out, cues, width: facts.width, height: facts.height, durationSec: facts.durationSec, workDir: work, signal: opts.signal, onProgress: opts.onProgress });
  } finally {
    await fs.rm(work, { recursive: true, force: true });
  }
  return out;
}
