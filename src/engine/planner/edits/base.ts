// The first turn's base draft: every uploaded video/image in upload order, canvas from the first clip.
import type { MediaInfo, ToolCall } from '../../model';
import { ASPECT_SIZE, type Aspect, type Draft, newId, normalize } from '../format';
import { type Lang, say, titleFromFilename } from '../say';

/** Still images become clips of this length (ms). */
export const IMAGE_CLIP_MS = 3000;

export function placeableMedia(media: MediaInfo[]): MediaInfo[] {
  return media.filter((m) => (m.kind === 'video' && m.duration > 0) || m.kind === 'image');
}

/** 60 fps output when any source is 50 fps or more (YouTube's high frame rate), else 30. */
export function outputFps(media: MediaInfo[]): number {
  return placeableMedia(media).some((m) => m.kind === 'video' && m.fps >= 49) ? 60 : 30;
}

function aspectOf(m: MediaInfo | undefined): Aspect {
  if (!m || !m.width || !m.height) return '16:9';
  const r = m.width / m.height;
  if (r < 0.85) return '9:16';
  if (r < 1.2) return '1:1';
  return '16:9';
}

export function clipFor(draft: Draft, m: MediaInfo) {
  const out = m.kind === 'image' ? IMAGE_CLIP_MS : Math.round(m.duration * 1000);
  return { id: newId(draft, 'v'), k: 'clip' as const, src: m.id, in: 0, out, s: 0, e: 0, m: { name: m.filename } };
}

export function buildBase(media: MediaInfo[], lang: Lang): { draft: Draft; call: ToolCall } | null {
  const clips = placeableMedia(media);
  if (clips.length === 0) return null;
  const aspect = aspectOf(clips[0]);
  const title = titleFromFilename(clips[0].filename);
  const draft: Draft = {
    meta: { title, name: title, ...ASPECT_SIZE[aspect], fps: outputFps(media), aspect, fit: 'fit', used: [], engine: 'local', v: 1 },
    video: [],
    music: null,
    texts: [],
  };
  for (const m of clips) {
    draft.video.push(clipFor(draft, m));
    draft.meta.used.push(m.id);
  }
  normalize(draft);
  const names = clips.map((m) => m.filename).join(', ');
  return {
    draft,
    call: {
      name: 'create_timeline',
      args: { clips: clips.map((m) => m.id), aspect, fps: draft.meta.fps },
      summary: say(lang, `Built the timeline from ${clips.length} clip(s): ${names}`, `用 ${clips.length} 个素材建立了时间线：${names}`),
    },
  };
}

/** Clips uploaded after the timeline was built are appended once (never re-added after being cut away). */
export function appendNewMedia(draft: Draft, media: MediaInfo[], lang: Lang): ToolCall | null {
  const fresh = placeableMedia(media).filter((m) => !draft.meta.used.includes(m.id));
  if (fresh.length === 0) return null;
  // An outro stays last: new clips go in before it.
  const outroAt = draft.video.findIndex((s) => s.k === 'card' && s.m.role === 'outro');
  const at = outroAt >= 0 ? outroAt : draft.video.length;
  draft.video.splice(at, 0, ...fresh.map((m) => clipFor(draft, m)));
  draft.meta.used.push(...fresh.map((m) => m.id));
  if (fresh.some((m) => m.kind === 'video' && m.fps >= 49)) draft.meta.fps = 60;
  normalize(draft);
  const names = fresh.map((m) => m.filename).join(', ');
  return {
    name: 'add_clips',
    args: { clips: fresh.map((m) => m.id) },
    summary: say(lang, `Added new upload(s) to the end: ${names}`, `把新上传的素材加到了末尾：${names}`),
  };
}
