// Byte counts for people ("500 B", "812 KB", "12.3 MB", "1.5 GB"), written once: the core's messages, the CLI,
// the extension and the chat webview all show sizes, and the webview may import only src/shared.

export function formatBytes(n: number): string {
  if (n >= 1024 ** 3) return `${(n / 1024 ** 3).toFixed(1)} GB`;
  if (n >= 1024 ** 2) return `${(n / 1024 ** 2).toFixed(1)} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} B`;
}
