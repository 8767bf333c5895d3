// Cache keys: everything that decides a piece's bytes, and nothing that does not (work folder paths, the
// span's place in the timeline when nothing drawn there depends on it). Source files are identified by
// size + mtime + the ingest's sha256; fonts by path + size + mtime; plus the ffmpeg version, the encoder
// arguments and the graph text with the title text files' contents.
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { MediaInfo } from '../model';
import { cacheKey } from './cache';

/** Bump when the renderer changes what a key's bytes are without the graph text showing it. */
export const CACHE_FORMAT = 1;

const versions = new Map<string, Promise<string>>();

/** `ffmpeg -version`'s first line (with its configuration line), once per binary per process. */
export function ffmpegVersion(ffmpeg: string): Promise<string> {
  let v = versions.get(ffmpeg);
  if (!v) {
    v = new Promise((resolve) => {
      execFile(ffmpeg, ['-hide_banner', '-version'], { timeout: 20000 }, (err, stdout) => {
        resolve((!err && versionIdentity(stdout)) || 'unknown');
      });
    });
    versions.set(ffmpeg, v);
  }
  return v;
}

/**
 * The version identity from ffmpeg's banner: `-version`'s output, or the banner any run prints on stderr
 * (there the configuration line is indented). Empty when there is no banner.
 */
export function versionIdentity(text: string): string {
  const lines = text.split('\n').map((l) => l.trim());
  const first = lines.find((l) => l.startsWith('ffmpeg version '));
  return first ? `${first}|${lines.find((l) => l.startsWith('configuration:')) ?? ''}` : '';
}

/**
 * The identity learnt from another run of the same binary (the engine's start check prints the banner), so
 * the first export does not start one more ffmpeg (~0.15 s on 2 cores) only to ask it.
 */
export function rememberFfmpegVersion(ffmpeg: string, identity: string): void {
  if (identity && !versions.has(ffmpeg)) versions.set(ffmpeg, Promise.resolve(identity));
}

function fileIdentity(file: string, media: MediaInfo[]): string {
  const m = media.find((x) => x.path === file);
  try {
    const st = fs.statSync(file);
    return `file:${st.size}:${Math.round(st.mtimeMs)}:${m?.hash ?? ''}`;
  } catch {
    return `missing:${file}`;
  }
}

/** Input arguments with every file path replaced by the file's identity. */
export function inputIdentity(inputArgs: string[], media: MediaInfo[]): string[] {
  return inputArgs.map((a, i) => (i > 0 && inputArgs[i - 1] === '-i' ? fileIdentity(a, media) : a));
}

/** Undoes filterText's two escaping levels (graph, then option). */
function unescapeFilterValue(v: string): string {
  return v.replace(/\\(.)/g, '$1').replace(/\\(.)/g, '$1');
}

/**
 * The graph text made independent of the folder it was written in, plus what its files hold: title text
 * files by content, fonts by identity.
 */
export async function graphIdentity(graph: string, workDir: string): Promise<{ graph: string; files: string[] }> {
  const files: string[] = [];
  const fileRef = /(textfile|fontfile)=((?:\\.|[^:,;\\[\]])+)/g;
  for (const m of graph.matchAll(fileRef)) {
    const file = unescapeFilterValue(m[2]);
    if (m[1] === 'textfile') files.push(`text:${path.basename(file)}:${await fs.promises.readFile(file, 'utf8')}`);
    else files.push(`font:${file}:${fileIdentity(file, [])}`);
  }
  return { graph: graph.split(workDir).join('<work>'), files };
}

export interface SpanKeyParts {
  ffmpeg: string;
  encode: string[];
  inputs: string[];
  graph: string;
  files: string[];
}

export function spanKey(p: SpanKeyParts): string {
  return cacheKey({ format: CACHE_FORMAT, kind: 'video-span', ...p });
}
