// Times as people type them: "0:30", "1:02:03", "10 seconds", "10s", "1.5 sec", "2 minutes",
// "1 min 30 s", "1m30s", "10秒", "2分钟", "1分30秒". Everything becomes integer milliseconds.

/** A regex source that matches one time expression (used inside the intent patterns). */
export const TIME =
  '(?:\\d{1,2}:\\d{1,2}:\\d{1,2}(?:\\.\\d+)?' +
  '|\\d{1,3}:\\d{2}(?:\\.\\d+)?' +
  '|\\d+(?:\\.\\d+)?\\s*(?:minutes?|mins|min|m(?![a-z])|分钟?|分)(?![a-z])\\s*(?:\\d+(?:\\.\\d+)?\\s*(?:seconds?|secs|sec|s|秒)(?![a-z]))?' +
  '|\\d+(?:\\.\\d+)?\\s*(?:seconds?|secs|sec|s|秒)(?![a-z])' +
  '|\\d+(?:\\.\\d+)?)';

/** Parses one time expression; bare numbers are seconds. Returns null when it is not a time. */
export function parseTime(text: string): number | null {
  const t = text.trim().toLowerCase();
  let m = /^(\d{1,2}):(\d{1,2}):(\d{1,2}(?:\.\d+)?)$/.exec(t);
  if (m) return Math.round((Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3])) * 1000);
  m = /^(\d{1,3}):(\d{2}(?:\.\d+)?)$/.exec(t);
  if (m) return Math.round((Number(m[1]) * 60 + Number(m[2])) * 1000);
  m = /^(\d+(?:\.\d+)?)\s*(?:m|min|mins|minutes?|分钟?|分)\s*(?:(\d+(?:\.\d+)?)\s*(?:s|sec|secs|seconds?|秒))?$/.exec(t);
  if (m) return Math.round((Number(m[1]) * 60 + (m[2] ? Number(m[2]) : 0)) * 1000);
  m = /^(\d+(?:\.\d+)?)\s*(?:s|sec|secs|seconds?|秒)?$/.exec(t);
  if (m) return Math.round(Number(m[1]) * 1000);
  return null;
}

/** "1:05" style for replies; tenths when the value is not whole seconds. */
export function formatTime(ms: number): string {
  const totalTenths = Math.round(ms / 100);
  const tenths = totalTenths % 10;
  const secs = Math.floor(totalTenths / 10);
  const mm = Math.floor(secs / 60);
  const ss = secs % 60;
  return `${mm}:${String(ss).padStart(2, '0')}${tenths ? `.${tenths}` : ''}`;
}

/** "3 s" / "1.5 s" for durations in replies. */
export function formatSeconds(ms: number): string {
  const s = Math.round(ms / 100) / 10;
  return `${s} s`;
}
