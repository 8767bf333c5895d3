// The one place the webviews' HTML, CSP and options are made (chat panel and preview panel). Strict CSP: nothing but our own
// nonce'd script and our stylesheet; no connect-src (only the host talks to the backend and holds the token),
// no inline styles, no eval. Resources load only from dist/webview and media.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { contentSecurityPolicy } from './csp';

/** `extraRoots`: one more folder the page may load from (the preview's proxy folder); nothing else. */
export function webviewOptions(extensionUri: vscode.Uri, extraRoots: vscode.Uri[] = []): vscode.WebviewOptions {
  return {
    enableScripts: true,
    enableCommandUris: false,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(extensionUri, 'media'), ...extraRoots],
  };
}

export function chatHtml(webview: vscode.Webview, extensionUri: vscode.Uri, lang: string): string {
  return webviewHtml(webview, extensionUri, { script: 'chat.js', style: 'chat.css', lang });
}

export interface WebviewPage {
  /** File in dist/webview. */
  script: string;
  /** File in media/. */
  style: string;
  lang: string;
  /** The page plays audio/video (adds media-src from the webview resource origin). */
  media?: boolean;
}

export function webviewHtml(webview: vscode.Webview, extensionUri: vscode.Uri, page: WebviewPage): string {
  const lang = page.lang;
  // 128 bits from the OS CSPRNG, fresh for every page.
  const nonce = randomBytes(16).toString('base64');
  const script = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', page.script));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', page.style));
  return `<!DOCTYPE html>
<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(webview.cspSource, nonce, { media: page.media })}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${style.toString()}">
<title>Generator YouTube</title>
</head>
<body>
<main id="app"></main>
<script nonce="${nonce}" src="${script.toString()}"></script>
</body>
</html>`;
}
