// The agents feature: the five language-model tools (Copilot agent mode and any extension can call them
// with vscode.lm.invokeTool), the MCP server definition for VS Code 1.101+, and the language model that helps
// the local planner understand requests its rules miss. Everything drives the same controllers as the UI.
import * as vscode from 'vscode';
import { AGENT_TOOL_IDS, type AgentToolId, TOOL_NAMES } from '../../core/agent';
import { translator } from '../ui/l10n';
import type { ChatController, CreditsDisplay, RenderController } from '../contracts';
import type { Services } from '../services';

import { editTool } from './editTool';
import { exportTool } from './exportTool';
import { generateTool } from './generateTool';
import { creditsTool, statusTool } from './infoTools';
import { registerMcpServerProvider } from './mcpProvider';
import type { AgentEnv } from './toolKit';

export { createPlannerHelper } from './restater';

export interface AgentsRegistration {
  /** The tool objects as registered (tests call prepareInvocation on them to see the confirmations). */
  readonly tools: Readonly<Record<AgentToolId, vscode.LanguageModelTool<unknown>>>;
  readonly mcpProvider: boolean;
}

export function registerAgents(context: vscode.ExtensionContext, services: Services, deps: { chat: ChatController; renders: RenderController; statusBar: CreditsDisplay }): AgentsRegistration {
  const env: AgentEnv = { services, ...deps, tr: translator(services) };
  const tools = {
    generate: generateTool(env),
    edit: editTool(env),
    status: statusTool(env),
    export: exportTool(env),
    credits: creditsTool(env),
  } as Record<AgentToolId, vscode.LanguageModelTool<unknown>>;
  for (const id of AGENT_TOOL_IDS) {
    const name = TOOL_NAMES[id].vscode;
    const tool = tools[id];
    context.subscriptions.push(
      vscode.lm.registerTool(name, {
        prepareInvocation: tool.prepareInvocation?.bind(tool),
        invoke: async (options, token) => {
          const started = Date.now();
          services.logger.info(`agent tool ${name}`);
          try {
            return await tool.invoke(options, token);
          } catch (e) {
            services.logger.warn(`agent tool ${name} failed: ${e instanceof Error ? e.message : String(e)}`);
            throw e;
          } finally {
            services.logger.info(`agent tool ${name} finished in ${Date.now() - started} ms`);
          }
        },
      }),
    );
  }
  return { tools, mcpProvider: registerMcpServerProvider(context, services) };
}
