// What a chat render card shows of the export's upload kit: its title, chapter lines and thumbnail. The
// webview may load images only from the webview resource origin, and its resource roots are the extension
// and our own storage — never the user's output folder. So the thumbnail is copied (it is a ≤ 2 MB JPEG,
// usually ~70 KB) into `<globalStorage>/chat-thumbnails`, named by job and the source's mtime so a chosen
// other thumbnail gets a new URL (the webview caches by URL). Older copies of the job, and copies beyond the
// newest 50, are removed.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chapterStamp, loadKit } from '../../core';
import type { RenderKit } from '../../shared/protocol';

const KEEP = 50;

function safeName(id: string): string {
  return id.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 80);
}

/** The card's kit for a downloaded video, or undefined when no kit is next to it (yet). */
export async function kitCard(videoPath: string | undefined, jobId: string, thumbDir: string): Promise<RenderKit | undefined> {
  const loaded = loadKit(videoPath);
  if (!loaded) return undefined;
  const { kit, dir } = loaded;
  const card: RenderKit = { title: kit.title, chapters: kit.chapters.map((c) => `${chapterStamp(c.seconds)} ${c.title}`) };
  if (!kit.thumbnail) return card;
  const source = path.join(dir, kit.thumbnail);
  let stat: fs.Stats;
  try {
    stat = await fs.promises.stat(source);
  } catch {
    return card;
  }
  await fs.promises.mkdir(thumbDir, { recursive: true });
  const prefix = `${safeName(jobId)}-`;
  const name = `${prefix}${Math.round(stat.mtimeMs)}-${stat.size}.jpg`;
  const copy = path.join(thumbDir, name);
  if (!fs.existsSync(copy)) {
    // Whole or not at all: the webview must never load a half-copied picture.
    await fs.promises.copyFile(source, `${copy}.tmp`);
    await fs.promises.rename(`${copy}.tmp`, copy);
  }
  await prune(thumbDir, prefix, name);
  return { ...card, thumbPath: copy };
}

/** Removes this job's older copies and everything beyond the newest KEEP files. */
async function prune(thumbDir: string, prefix: string, keep: string): Promise<void> {
  try {
    const files = (await fs.promises.readdir(thumbDir)).filter((f) => f.endsWith('.jpg'));
    const stale = files.filter((f) => f.startsWith(prefix) && f !== keep);
    const rest = files.filter((f) => !stale.includes(f));
    if (rest.length > KEEP) {
      const dated = await Promise.all(rest.map(async (f) => ({ f, t: (await fs.promises.stat(path.join(thumbDir, f))).mtimeMs })));
      stale.push(...dated.sort((a, b) => b.t - a.t).slice(KEEP).map((d) => d.f).filter((f) => f !== keep));
    }
    await Promise.all(stale.map((f) => fs.promises.rm(path.join(thumbDir, f), { force: true })));
  } catch {
    /* a copy that cannot be removed now is removed next time */
  }
}
