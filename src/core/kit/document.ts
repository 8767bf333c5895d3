// The kit as files: `<stem>.youtube.json` with exactly the fields the upload needs, and `<stem>.youtube.md`,
// the same as a page a person copies from. File names in both are relative to the video's folder.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Chapter } from './chapters';
import { chapterStamp } from './chapters';
import { type KitLang, ks } from './strings';

export interface KitCaptions {
  language: string;
  srt: string;
  vtt: string;
}

/** `<stem>.youtube.json` — these fields and no others. */
export interface YoutubeKit {
  title: string;
  description: string;
  tags: string[];
  chapters: Chapter[];
  /** The chosen thumbnail's file name; null when no thumbnail could be made (no ffmpeg). */
  thumbnail: string | null;
  /** Every candidate, the chosen one first. */
  thumbnails: string[];
  captions: KitCaptions[];
  video: string;
  durationSeconds: number;
}

export const KIT_FIELDS: ReadonlyArray<keyof YoutubeKit> = ['title', 'description', 'tags', 'chapters', 'thumbnail', 'thumbnails', 'captions', 'video', 'durationSeconds'];

export function kitJson(kit: YoutubeKit): string {
  const ordered = Object.fromEntries(KIT_FIELDS.map((k) => [k, kit[k]]));
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

/** Reads a kit file back (Render Jobs, `kit` command); null when it is missing a field or malformed. */
export function parseKit(text: string): YoutubeKit | null {
  try {
    const v = JSON.parse(text) as Partial<YoutubeKit>;
    if (typeof v.title !== 'string' || typeof v.description !== 'string' || !Array.isArray(v.tags) || !Array.isArray(v.chapters)) return null;
    if (!Array.isArray(v.thumbnails) || !Array.isArray(v.captions) || typeof v.video !== 'string' || typeof v.durationSeconds !== 'number') return null;
    if (v.thumbnail !== null && typeof v.thumbnail !== 'string') return null;
    return v as YoutubeKit;
  } catch {
    return null;
  }
}

export interface PageNotes {
  chaptersWhy?: string;
  thumbnailWhy?: string;
  captionsWhy?: string;
}

/** A fenced block that cannot be broken by the text inside it. */
function block(text: string): string {
  const fence = text.includes('```') ? '~~~~' : '```';
  return `${fence}text\n${text}\n${fence}`;
}

export function kitPage(kit: YoutubeKit, lang: KitLang, notes: PageNotes = {}): string {
  const out: string[] = [`# ${kit.title.replace(/\n/g, ' ')}`, '', ks(lang, 'md.copy', { video: `\`${kit.video}\`` }), ''];
  out.push(`## ${ks(lang, 'md.title')}`, '', block(kit.title), '');
  out.push(`## ${ks(lang, 'md.description')}`, '', block(kit.description), '');
  out.push(`## ${ks(lang, 'md.tags')}`, '', block(kit.tags.join(', ')), '');
  out.push(`## ${ks(lang, 'md.chapters')}`, '');
  if (kit.chapters.length) out.push(...kit.chapters.map((c) => `- ${chapterStamp(c.seconds)} ${c.title}`));
  else out.push(ks(lang, 'md.noChapters', { reason: notes.chaptersWhy ?? '' }));
  out.push('', `## ${ks(lang, 'md.thumbnail')}`, '');
  if (kit.thumbnail) {
    out.push(`![${ks(lang, 'md.thumbnail')}](${encodeURI(kit.thumbnail)})`, '');
    const others = kit.thumbnails.filter((t) => t !== kit.thumbnail);
    if (others.length) out.push(`${ks(lang, 'md.thumbnails')}: ${others.map((t) => `[${t}](${encodeURI(t)})`).join(' · ')}`);
  } else out.push(ks(lang, 'md.noThumbnail', { reason: notes.thumbnailWhy ?? '' }));
  out.push('', `## ${ks(lang, 'md.captions')}`, '');
  if (kit.captions.length) out.push(...kit.captions.map((c) => `- ${c.language}: [${c.srt}](${encodeURI(c.srt)}) · [${c.vtt}](${encodeURI(c.vtt)})`));
  else out.push(ks(lang, 'md.noCaptions', { reason: notes.captionsWhy ?? '' }));
  out.push('', `## ${ks(lang, 'md.video')}`, '', `[${kit.video}](${encodeURI(kit.video)}) · ${chapterStamp(kit.durationSeconds)}`, '');
  return out.join('\n');
}

/** The files of a kit next to `<stem>.mp4`. */
export function kitFileNames(stem: string): { json: string; md: string; thumbnails: string[]; srt: string; vtt: string } {
  return {
    json: `${stem}.youtube.json`,
    md: `${stem}.youtube.md`,
    thumbnails: [`${stem}.jpg`, `${stem}.thumbnail-2.jpg`, `${stem}.thumbnail-3.jpg`],
    srt: `${stem}.srt`,
    vtt: `${stem}.vtt`,
  };
}

export interface LoadedKit {
  kit: YoutubeKit;
  dir: string;
  /** `<stem>` of the video: the kit's files are `<stem>.*`. */
  stem: string;
}

/** Reads `<stem>.youtube.json` next to a downloaded video; null when there is none (or it is malformed). */
export function loadKit(videoPath: string | undefined): LoadedKit | null {
  if (!videoPath) return null;
  const dir = path.dirname(videoPath);
  const stem = path.basename(videoPath).replace(/\.(mp4|mov|m4v|webm|mkv)$/i, '');
  try {
    const kit = parseKit(fs.readFileSync(path.join(dir, `${stem}.youtube.json`), 'utf8'));
    return kit ? { kit, dir, stem } : null;
  } catch {
    return null;
  }
}
