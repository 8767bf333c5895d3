// Opening and revealing an exported video, the same way from the Render Jobs view, its notifications and
// the chat's render cards.
import * as vscode from 'vscode';

/** The system player: VS Code's own webview media stack has no AAC, so an MP4 would play silent there. */
export async function openInSystemPlayer(filePath: string): Promise<void> {
  await vscode.env.openExternal(vscode.Uri.file(filePath));
}

/** The OS file manager; the browser build (code-server) has none, so the Explorer shows it instead. */
export async function revealFile(filePath: string): Promise<void> {
  const uri = vscode.Uri.file(filePath);
  try {
    await vscode.commands.executeCommand('revealFileInOS', uri);
  } catch {
    await vscode.commands.executeCommand('revealInExplorer', uri);
  }
}
