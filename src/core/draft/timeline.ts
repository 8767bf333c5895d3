// The Timeline in words: the one-line summary the contract asks for, per-track descriptions, and the
// plain-language diff between two drafts. Decoding the compact draft lives in ./decode (re-exported here,
// so `draft/timeline` stays the one import for both).
import { t as msg, type Lang } from '../i18n';
import { isObj, type Timeline, type TimelineTrack } from './decode';

export * from './decode';

/** Seconds without a trailing ".0": 10000 → "10", 2500 → "2.5". */
function secs(ms: number): string {
  const s = Math.round(ms / 100) / 10;
  return Number.isInteger(s) ? String(s) : s.toFixed(1);
}

function span(track: TimelineTrack): string | null {
  if (track.startMs === null && track.endMs === null) return null;
  return `${secs(track.startMs ?? 0)}-${secs(track.endMs ?? track.startMs ?? 0)}s`;
}

function percent(v: number): string {
  return `${Math.round(v * 100)}%`;
}

/** One track as it appears in the summary: `BGM: Lo-fi (0-10s, 35%)`. */
export function describeTrack(track: TimelineTrack): string {
  const details: string[] = [];
  const sp = span(track);
  if (sp) details.push(sp);
  if (track.kind === 'audio' && track.volume !== null) details.push(percent(track.volume));
  return details.length ? `${track.label} (${details.join(', ')})` : track.label;
}

/**
 * The contract's summary form:
 * `Timeline (3 tracks): 1. Video: city timelapse (0-10s) 2. BGM: Lo-fi (0-10s, 35%) 3. Title: "Urban Dreams" (0-3s)`.
 */
export function summarizeTimeline(timeline: Timeline, lang: Lang = 'en'): string {
  const n = timeline.tracks.length;
  if (n === 0) return msg(lang, 'tl.empty');
  const head = msg(lang, 'tl.summary', { count: n, tracks: n === 1 ? msg(lang, 'tl.track') : msg(lang, 'tl.tracks') });
  const items = timeline.tracks.map((tr, i) => `${i + 1}. ${describeTrack(tr)}`);
  // Chinese punctuation carries its own spacing.
  return `${head}${head.endsWith('：') ? '' : ' '}${items.join(' ')}`;
}

/** Ready to export when at least one track has a non-empty segment list. */
export function isExportReady(timeline: Timeline): boolean {
  return timeline.tracks.some((tr) => tr.segments.length > 0);
}

function stableJson(v: unknown): string {
  return JSON.stringify(v, (_k, val: unknown) =>
    isObj(val) ? Object.fromEntries(Object.keys(val).sort().map((k) => [k, val[k]])) : val,
  );
}

/** True when two timelines hold the same draft (key order ignored). */
export function sameTimeline(a: Timeline, b: Timeline): boolean {
  return stableJson(a.raw) === stableJson(b.raw);
}

function trackChanges(a: TimelineTrack, b: TimelineTrack, lang: Lang): string[] {
  const what: string[] = [];
  if (a.label !== b.label) what.push(msg(lang, 'diff.renamed', { from: a.label }));
  if (a.segments.length !== b.segments.length) what.push(msg(lang, 'diff.segments', { from: a.segments.length, to: b.segments.length }));
  const sa = span(a);
  const sb = span(b);
  if (sa !== sb) what.push(msg(lang, 'diff.time', { from: sa ?? '?', to: sb ?? '?' }));
  if (a.volume !== b.volume) what.push(msg(lang, 'diff.volume', { from: a.volume === null ? '?' : percent(a.volume), to: b.volume === null ? '?' : percent(b.volume) }));
  if (what.length === 0 && stableJson(a.raw) !== stableJson(b.raw)) what.push(msg(lang, 'diff.other'));
  return what;
}

/**
 * Plain-language summary of what changed between two timelines, for turns that ended without text.
 * null when nothing changed. Tracks are compared by position (the draft has no track ids).
 */
export function diffTimelines(before: Timeline, after: Timeline, lang: Lang = 'en'): string | null {
  if (sameTimeline(before, after)) return null;
  const parts: string[] = [];
  const n = Math.max(before.tracks.length, after.tracks.length);
  for (let i = 0; i < n; i++) {
    const a = before.tracks[i];
    const b = after.tracks[i];
    if (!a && b) parts.push(msg(lang, 'diff.added', { label: describeTrack(b) }));
    else if (a && !b) parts.push(msg(lang, 'diff.removed', { label: describeTrack(a) }));
    else if (a && b) {
      const what = trackChanges(a, b, lang);
      if (what.length) parts.push(msg(lang, 'diff.changed', { label: b.label, what: what.join(', ') }));
    }
  }
  if (before.durationMs !== after.durationMs && before.durationMs !== null && after.durationMs !== null) {
    parts.push(msg(lang, 'diff.duration', { from: `${secs(before.durationMs)}s`, to: `${secs(after.durationMs)}s` }));
  }
  if (parts.length === 0) parts.push(msg(lang, 'diff.other'));
  return `${msg(lang, 'diff.header', { list: parts.join('; ') })} ${summarizeTimeline(after, lang)}`;
}
