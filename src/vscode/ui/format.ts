// Small pure formatters shared by the Timeline and Render Jobs node builders (no `vscode` import, so they
// are tested in plain Node). Labels go through the shared translator (ui/l10n.ts).

/**
 * A time on the timeline: "0", "2.5", "10" (seconds) below a minute, "1:05" / "1:05.5" from a minute on.
 * Tenths are kept because short edits (trim 0.5 s) must stay visible.
 */
export function formatTime(ms: number): string {
  const tenths = Math.round(Math.max(0, ms) / 100);
  const whole = Math.floor(tenths / 10);
  const frac = tenths % 10;
  if (whole < 60) return frac ? `${whole}.${frac}` : String(whole);
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = whole % 60;
  const mmss = `${h > 0 ? `${h}:${String(m).padStart(2, '0')}` : m}:${String(s).padStart(2, '0')}`;
  return frac ? `${mmss}.${frac}` : mmss;
}

/** A duration: "12.5s", "1:05". */
export function formatDuration(ms: number): string {
  const t = formatTime(ms);
  return t.includes(':') ? t : `${t}s`;
}

/** "0–10s", "1:00–1:30"; an open end reads "2.5s–?". */
export function formatSpan(startMs: number | null, endMs: number | null): string | null {
  if (startMs === null && endMs === null) return null;
  const a = formatTime(startMs ?? 0);
  const b = endMs === null ? '?' : formatTime(endMs);
  return b.includes(':') || a.includes(':') ? `${a}–${b}` : `${a}–${b}s`;
}

/** 0..1 (or more when boosted) → "35%". */
export function formatPercent(v: number): string {
  return `${Math.round(v * 100)}%`;
}

const COMMON_ASPECTS: Array<[number, number]> = [[16, 9], [9, 16], [1, 1], [4, 3], [3, 4], [4, 5], [5, 4], [21, 9], [2, 1], [3, 2], [2, 3]];

/** "16:9", "9:16", "1:1"; near-common ratios snap (1366×768 → 16:9); anything else "1.85:1". */
export function aspectRatio(width: number, height: number): string | null {
  if (!(width > 0 && height > 0) || !Number.isFinite(width) || !Number.isFinite(height)) return null;
  const r = width / height;
  for (const [a, b] of COMMON_ASPECTS) if (Math.abs(r - a / b) / (a / b) < 0.01) return `${a}:${b}`;
  return r >= 1 ? `${r.toFixed(2)}:1` : `1:${(1 / r).toFixed(2)}`;
}

/** Local date and time, "2026-11-24 21:30" (sortable, language-neutral). */
export function formatWhen(ms: number): string {
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return '?';
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** Escapes text from the draft before it goes into a markdown tooltip (names are user/agent content). */
export function escapeMarkdown(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
}

/** Shortens long one-line text for labels and descriptions. */
export function clip(s: string, max = 60): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

/** Last path component of a file path or URL, without query: what a person recognises. */
export function baseName(s: string): string {
  const noQuery = s.split(/[?#]/)[0] ?? s;
  const parts = noQuery.split(/[\\/]/).filter(Boolean);
  return parts[parts.length - 1] ?? s;
}
