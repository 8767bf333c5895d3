// The chat webview's Content-Security-Policy, as a pure function so the unit tests can check it. Only our
// nonce'd script runs; styles, images and fonts come from the webview resource origin only (no data: images:
// the chat's thumbnails are files in our own storage folder, a resource root); there is no
// connect-src (the webview never talks to the network: the host does, and only the host holds the token);
// no 'unsafe-inline', no 'unsafe-eval'. A page that plays video (the preview) also gets media-src, from the
// same webview resource origin only (which localResourceRoots limit to the extension and the proxy folder).
export function contentSecurityPolicy(cspSource: string, nonce: string, opts: { media?: boolean } = {}): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource}`,
    `img-src ${cspSource}`,
    `font-src ${cspSource}`,
    ...(opts.media ? [`media-src ${cspSource}`] : []),
  ].join('; ');
}
