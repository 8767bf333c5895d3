// A throwaway extension used only by the e2e harness self-test: opens a webview panel whose content the
// harness must find two iframes deep (workbench → VS Code's webview host → the extension's HTML).
const vscode = require('vscode');

exports.activate = function activate(context) {
  // preserveFocus: the panel opens whenever activation gets to it (late on a loaded machine) and must not take
  // the focus from whatever a test is doing then — a focused webview closes an open command palette.
  const panel = vscode.window.createWebviewPanel('webviewProbe', 'Webview Probe', { viewColumn: vscode.ViewColumn.One, preserveFocus: true }, {});
  panel.webview.html = '<!DOCTYPE html><html><body><h1 id="probe">webview probe says hello</h1></body></html>';
  context.subscriptions.push(panel);
};
