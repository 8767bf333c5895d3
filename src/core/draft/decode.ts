// The compact draft (`t` tracks, `tt` type, `sg` segments, `d` ms, `m` metadata) decoded into a typed
// Timeline. Segment fields are not published, so decoding is deliberately lenient: it never throws, keeps
// every unknown field in `raw`, and never drops a track because one field is odd.
import { t as msg, type Lang } from '../i18n';

export type TrackKind = 'video' | 'audio' | 'text' | 'other';

export interface TimelineSegment {
  index: number;
  startMs: number | null;
  endMs: number | null;
  /** File name or URL the segment plays, when the draft names one. */
  source: string | null;
  /** On-screen text (text tracks). */
  text: string | null;
  name: string | null;
  /** 0..1 */
  volume: number | null;
  raw: Record<string, unknown>;
}

export interface TimelineTrack {
  index: number;
  /** The draft's `tt` (0 video, 1 audio, 7 text; others kept). NaN-free: -1 when missing. */
  type: number;
  kind: TrackKind;
  /** Human label, e.g. 'Video: city timelapse', 'BGM: Lo-fi', 'Title: "Urban Dreams"'. */
  label: string;
  name: string | null;
  volume: number | null;
  startMs: number | null;
  endMs: number | null;
  segments: TimelineSegment[];
  raw: Record<string, unknown>;
}

export interface Timeline {
  tracks: TimelineTrack[];
  durationMs: number | null;
  title: string | null;
  width: number | null;
  height: number | null;
  raw: Record<string, unknown>;
}

type Obj = Record<string, unknown>;

export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Drafts sometimes arrive as a JSON string inside the state; accept both. */
function asObj(v: unknown): Obj | null {
  if (isObj(v)) return v;
  if (typeof v === 'string') {
    try {
      const parsed: unknown = JSON.parse(v);
      return isObj(parsed) ? parsed : null;
    } catch {
      return null;
    }
  }
  return null;
}

function num(v: unknown): number | null {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return null;
}

function str(v: unknown): string | null {
  if (typeof v === 'string' && v.trim() !== '') return v.trim();
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return null;
}

function firstNum(objs: Array<Obj | null>, keys: string[]): number | null {
  for (const o of objs) {
    if (!o) continue;
    for (const k of keys) {
      const n = num(o[k]);
      if (n !== null) return n;
    }
  }
  return null;
}

function firstStr(objs: Array<Obj | null>, keys: string[]): string | null {
  for (const o of objs) {
    if (!o) continue;
    for (const k of keys) {
      const s = str(o[k]);
      if (s !== null) return s;
    }
  }
  return null;
}

/** Volume as 0..1: accepts 0..1 fractions and 0..100 percentages (values above 1 are percentages). */
export function normaliseVolume(v: number | null): number | null {
  if (v === null || v < 0) return null;
  const f = v > 1 ? v / 100 : v;
  return Math.min(f, 4);
}

const NAME_KEYS = ['name', 'title', 'label'];
const TEXT_KEYS = ['text', 'content', 'caption', 'title'];
const SOURCE_KEYS = ['src', 'source', 'file', 'filename', 'file_name', 'path', 'url', 'cdn_url', 'media', 'asset'];
const START_KEYS = ['start', 'startMs', 'start_ms', 's', 'st', 'offset', 'o', 'at', 'begin', 'ts', 'timelineStart'];
const END_KEYS = ['end', 'endMs', 'end_ms', 'e', 'et', 'stop'];
const DUR_KEYS = ['d', 'duration', 'dur', 'durationMs', 'duration_ms', 'len', 'length'];
const VOLUME_KEYS = ['volume', 'vol', 'v', 'gain'];

function kindOf(tt: number): TrackKind {
  if (tt === 0) return 'video';
  if (tt === 1) return 'audio';
  if (tt === 7) return 'text';
  return 'other';
}

/** Last path component of a file path or URL, without query. */
function baseName(s: string): string {
  const noQuery = s.split(/[?#]/)[0] ?? s;
  const parts = noQuery.split(/[\\/]/).filter(Boolean);
  return parts[parts.length - 1] ?? s;
}

function decodeSegment(rawSeg: unknown, index: number): TimelineSegment {
  const raw = asObj(rawSeg) ?? { value: rawSeg };
  const m = asObj(raw.m) ?? asObj(raw.meta) ?? asObj(raw.metadata);
  const layers = [m, raw];
  const startMs = firstNum([raw, m], START_KEYS);
  let endMs = firstNum([raw, m], END_KEYS);
  const dur = firstNum([raw, m], DUR_KEYS);
  if (endMs === null && dur !== null) endMs = (startMs ?? 0) + dur;
  const source = firstStr([raw, m], SOURCE_KEYS);
  return {
    index,
    startMs: startMs ?? (endMs !== null ? 0 : null),
    endMs,
    source,
    text: firstStr(layers, TEXT_KEYS),
    name: firstStr(layers, NAME_KEYS),
    volume: normaliseVolume(firstNum(layers, VOLUME_KEYS)),
    raw,
  };
}

function minOf(values: Array<number | null>): number | null {
  const v = values.filter((x): x is number => x !== null);
  return v.length ? Math.min(...v) : null;
}

function maxOf(values: Array<number | null>): number | null {
  const v = values.filter((x): x is number => x !== null);
  return v.length ? Math.max(...v) : null;
}

function decodeTrack(rawTrack: unknown, index: number, lang: Lang): TimelineTrack {
  const raw = asObj(rawTrack) ?? { value: rawTrack };
  const m = asObj(raw.m) ?? asObj(raw.meta) ?? asObj(raw.metadata);
  const type = num(raw.tt) ?? num(raw.type) ?? -1;
  const kind = kindOf(type);
  const sgRaw = Array.isArray(raw.sg) ? raw.sg : Array.isArray(raw.segments) ? raw.segments : [];
  const segments = sgRaw.map((s, i) => decodeSegment(s, i));
  let startMs = minOf(segments.map((s) => s.startMs));
  let endMs = maxOf(segments.map((s) => s.endMs));
  const d = firstNum([raw], DUR_KEYS);
  if (endMs === null && d !== null) {
    startMs = startMs ?? 0;
    endMs = startMs + d;
  }
  const name = firstStr([m, raw], NAME_KEYS) ?? (kind === 'text' ? firstStr([m], TEXT_KEYS) : null);
  const volume = normaliseVolume(firstNum([m, raw], VOLUME_KEYS)) ?? (kind === 'audio' ? segments.find((s) => s.volume !== null)?.volume ?? null : null);
  const track: TimelineTrack = { index, type, kind, label: '', name, volume, startMs, endMs, segments, raw };
  track.label = trackLabel(track, lang);
  return track;
}

/** 'Video: city timelapse', 'BGM: Lo-fi', 'Title: "Urban Dreams"', 'Track (type 5)'. */
export function trackLabel(track: TimelineTrack, lang: Lang = 'en'): string {
  const first = track.segments[0];
  const realName = track.name && !GENERIC_NAMES.has(track.name.toLowerCase()) ? track.name : null;
  if (track.kind === 'text') {
    const text = realName ?? first?.text ?? first?.name ?? null;
    return text ? `${msg(lang, 'tl.text')}: "${text}"` : msg(lang, 'tl.text');
  }
  const prefix = track.kind === 'video' ? msg(lang, 'tl.video') : track.kind === 'audio' ? msg(lang, 'tl.audio') : msg(lang, 'tl.other', { type: track.type });
  if (realName) return `${prefix}: ${realName}`;
  // No real track name: list what plays on it (first three segments by name or file).
  const names = track.segments.map((sg) => sg.name ?? (sg.source ? baseName(sg.source) : null)).filter((n): n is string => !!n);
  if (names.length === 0) return prefix;
  const more = names.length > 3 ? ` (+${names.length - 3})` : '';
  return `${prefix}: ${names.slice(0, 3).join(', ')}${more}`;
}

/** Track names that only repeat the kind ("Video", "BGM"): not worth showing as a name. */
const GENERIC_NAMES = new Set(['video', 'videos', 'audio', 'bgm', 'music', 'text', 'title', 'titles', 'track', 'main', '视频', '音频', '音乐', '背景音乐', '文字', '标题']);

/** Decodes whatever the state holds as `draft`. Never throws: garbage gives an empty timeline. */
export function decodeDraft(draft: unknown, lang: Lang = 'en'): Timeline {
  const raw = asObj(draft) ?? {};
  const m = asObj(raw.m) ?? asObj(raw.meta) ?? asObj(raw.metadata);
  const tracksRaw = Array.isArray(raw.t) ? raw.t : Array.isArray(raw.tracks) ? raw.tracks : [];
  const tracks = tracksRaw.map((tr, i) => decodeTrack(tr, i, lang));
  const durationMs = firstNum([raw], DUR_KEYS) ?? maxOf(tracks.map((tr) => tr.endMs));
  return {
    tracks,
    durationMs,
    title: firstStr([m, raw], ['title', 'name']),
    width: firstNum([m, raw], ['width', 'w']),
    height: firstNum([m, raw], ['height', 'h']),
    raw,
  };
}
