// Offers the bundled MCP server (dist/cli.js mcp) to VS Code's own MCP support, which exists from 1.101.
// Our typings are 1.96 (engines ^1.96), so the API is typed here and looked up at run time: on 1.96–1.100
// the function is missing and nothing is registered (the language-model tools work there all the same).
// The server gets no token: it keeps its own (the CLI's store or NEMO_TOKEN), so nothing secret is written
// into a server definition VS Code may show or store.
import * as vscode from 'vscode';
import type { Services } from '../services';

export const MCP_PROVIDER_ID = 'generatorYoutube.mcp';

interface McpStdioServerDefinitionCtor {
  new (label: string, command: string, args?: string[], env?: Record<string, string | number | null>, version?: string): object;
}

interface McpApi {
  registerMcpServerDefinitionProvider(id: string, provider: { onDidChangeMcpServerDefinitions?: vscode.Event<void>; provideMcpServerDefinitions(): object[] }): vscode.Disposable;
}

/** The definition VS Code starts: this VS Code's own Node (Electron as Node) running the CLI bundle. */
export function mcpServerArgs(extensionPath: string, backend: 'cloud' | 'local', ffmpegPath: string): string[] {
  const args = [vscode.Uri.joinPath(vscode.Uri.file(extensionPath), 'dist', 'cli.js').fsPath, 'mcp'];
  if (backend === 'local') args.push('--local');
  if (backend === 'local' && ffmpegPath) args.push('--ffmpeg', ffmpegPath);
  return args;
}

/** Registers the provider when this VS Code has the API; returns whether it did. */
export function registerMcpServerProvider(context: vscode.ExtensionContext, services: Services): boolean {
  const lm = vscode.lm as unknown as Partial<McpApi>;
  const Definition = (vscode as unknown as { McpStdioServerDefinition?: McpStdioServerDefinitionCtor }).McpStdioServerDefinition;
  if (typeof lm.registerMcpServerDefinitionProvider !== 'function' || typeof Definition !== 'function') {
    services.logger.info('MCP server definitions need VS Code 1.101 or newer; the language-model tools are available without them');
    return false;
  }
  const changed = new vscode.EventEmitter<void>();
  let registration: vscode.Disposable;
  try {
    registration = lm.registerMcpServerDefinitionProvider(MCP_PROVIDER_ID, {
      onDidChangeMcpServerDefinitions: changed.event,
      provideMcpServerDefinitions: () => {
        const s = services.config.settings;
        // ELECTRON_RUN_AS_NODE makes VS Code's executable behave as plain Node (no-op for a real Node).
        return [new Definition('Generator YouTube', process.execPath, mcpServerArgs(context.extensionPath, s.backend, s.ffmpegPath), { ELECTRON_RUN_AS_NODE: '1' }, context.extension.packageJSON.version as string)];
      },
    });
  } catch (e) {
    // 1.100 has the function as a proposal that wants another contribution point: never let it stop activation.
    changed.dispose();
    services.logger.info(`MCP server definitions are not available in this VS Code (${e instanceof Error ? e.message.split('\n')[0] : String(e)})`);
    return false;
  }
  context.subscriptions.push(changed, registration, services.config.onDidChange(() => changed.fire()));
  return true;
}
