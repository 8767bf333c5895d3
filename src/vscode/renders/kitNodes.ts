// A finished job's upload kit as rows under the job in Render Jobs (pure, tested in plain Node): the
// thumbnail (opens as an image), choosing another one, title / description / tags (click copies), the
// chapters and the upload page, the captions (open as text to edit) and burning them in.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chapterStamp, type LoadedKit, loadKit } from '../../core';
import { CONTEXT_VALUES } from '../ids';
import { clip } from '../ui/format';
import { english, type Tr } from '../ui/l10n';
import type { ViewNode } from '../ui/viewNode';

/** The kit beside a downloaded video (the core reads it; the chat's render card uses the same reader). */
export { loadKit, type LoadedKit };

export type KitRow = 'thumbnail' | 'choose' | 'title' | 'description' | 'tags' | 'chapters' | 'page' | 'captions' | 'burn' | 'captioned';

/** What a row does when clicked: open a file (as image/text/page), or run one of the kit commands. */
export interface KitNode extends ViewNode {
  row: KitRow;
  /** The file a click opens (thumbnail, captions, page, captioned video). */
  file?: string;
}

export function buildKitNodes(jobId: string, loaded: LoadedKit, opts: { t?: Tr; exists?: (p: string) => boolean } = {}): KitNode[] {
  const t = opts.t ?? english;
  const exists = opts.exists ?? ((p: string) => fs.existsSync(p));
  const { kit, dir, stem } = loaded;
  const at = (f: string): string => path.join(dir, f);
  const node = (row: KitRow, label: string, icon: string, extra: Partial<KitNode> = {}): KitNode => ({
    id: `render/${jobId}/kit/${row}`, label, icon, contextValue: `${CONTEXT_VALUES.renderKit}.${row}`, collapsible: 'none', children: [], row, ...extra,
  });
  const rows: KitNode[] = [];
  if (kit.thumbnail && exists(at(kit.thumbnail))) {
    rows.push(node('thumbnail', t('Thumbnail'), 'file-media', { description: kit.thumbnail, file: at(kit.thumbnail), tooltip: t('Click to open; the picture icon chooses another candidate.') }));
    if (kit.thumbnails.length > 1) rows.push(node('choose', t('Choose thumbnail…'), 'files', { description: t('{0} candidates', kit.thumbnails.length) }));
  }
  rows.push(node('title', t('Title: {0}', clip(kit.title, 60)), 'symbol-text', { tooltip: t('Click to copy the title'), copyText: kit.title }));
  const firstLine = kit.description.split('\n').find((l, i) => i > 0 && l.trim()) ?? kit.description;
  rows.push(node('description', t('Description'), 'note', { description: clip(firstLine, 60), tooltip: t('Click to copy the description'), copyText: kit.description }));
  rows.push(node('tags', t('Tags ({0})', kit.tags.length), 'tag', { description: clip(kit.tags.join(', '), 60), tooltip: t('Click to copy the tags'), copyText: kit.tags.join(', ') }));
  const chapters = kit.chapters.length
    ? node('chapters', t('Chapters ({0})', kit.chapters.length), 'list-ordered', { description: clip(kit.chapters.map((c) => `${chapterStamp(c.seconds)} ${c.title}`).join(' · '), 60), file: at(`${stem}.youtube.md`) })
    : node('chapters', t('No chapters'), 'list-ordered', { description: t('see the upload page for why'), file: at(`${stem}.youtube.md`) });
  rows.push(chapters);
  const cap = kit.captions[0];
  if (cap && exists(at(cap.srt))) {
    rows.push(node('captions', t('Captions ({0})', cap.language), 'closed-caption', { description: cap.srt, file: at(cap.srt), tooltip: t('Click to open and edit; then "Burn Captions In" makes a captioned video with your edits.') }));
    rows.push(node('burn', t('Burn captions in'), 'record', { description: `${stem}.captioned.mp4` }));
    const burned = at(`${stem}.captioned.mp4`);
    if (exists(burned)) rows.push(node('captioned', t('Captioned video'), 'play', { description: path.basename(burned), file: burned }));
  } else rows.push(node('captions', t('No captions'), 'closed-caption', { description: t('see the upload page for why'), file: at(`${stem}.youtube.md`) }));
  rows.push(node('page', t('Upload page'), 'markdown', { description: `${stem}.youtube.md`, file: at(`${stem}.youtube.md`) }));
  return rows;
}
