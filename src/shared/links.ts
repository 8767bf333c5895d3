// The one rule for links in chat replies, used by the webview (what becomes a link) and again by the host
// (what it agrees to open): absolute https URLs that parse, nothing else (no javascript:, command:, data:,
// file:, http:).
export function isSafeLink(url: string): boolean {
  const s = url.trim();
  if (!/^https:\/\//i.test(s) || /[\s\u0000-\u001f]/.test(s)) return false;
  try {
    return new URL(s).protocol === 'https:';
  } catch {
    return false;
  }
}
