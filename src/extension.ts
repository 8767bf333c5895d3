// activate() reads like a table of contents: build the services once, then let each feature register
// itself. No network or disk work happens here; everything heavy is lazy (first command, first view).
import * as vscode from 'vscode';
import { createServices } from './vscode/services';
import { registerRenders } from './vscode/renders/register';
import { registerTimeline } from './vscode/timeline/register';
import { registerOpenChat } from './vscode/commands/openChat';
import { registerChat } from './vscode/chat';
import { registerCommands } from './vscode/commands';
import { registerStatusBar } from './vscode/statusBar/creditsStatusBar';
import { registerPreview } from './vscode/preview/register';
import { createPlannerHelper, registerAgents } from './vscode/agents';

/** What activate() returns: the extension's parts, for the integration tests (not a public API). */
export interface TestApi {
  readonly services: ReturnType<typeof createServices>;
  readonly renders: ReturnType<typeof registerRenders>;
  readonly timeline: ReturnType<typeof registerTimeline>;
  readonly chat: ReturnType<typeof registerChat>;
  readonly statusBar: ReturnType<typeof registerStatusBar>;
  readonly preview: ReturnType<typeof registerPreview>;
  readonly agents: ReturnType<typeof registerAgents>;
}

export function activate(context: vscode.ExtensionContext): TestApi {
  const started = performance.now(); // bench/activation reads the "activated in" line (issue 9)
  const services = createServices(context);
  const renders = registerRenders(context, services);
  const timeline = registerTimeline(context, services);
  const chat = registerChat(context, services, { renders, plannerHelper: createPlannerHelper(services) });
  const preview = registerPreview(context, services, { renders, timelineView: timeline.treeView });
  registerOpenChat(context, services);
  const statusBar = registerStatusBar(context, services);
  registerCommands(context, services, { chat, renders, statusBar });
  const agents = registerAgents(context, services, { chat, renders, statusBar });
  services.logger.info(`activated in ${(performance.now() - started).toFixed(1)} ms`);
  return { services, renders, timeline, chat, statusBar, preview, agents };
}

export function deactivate(): void {
  // Everything is owned by context.subscriptions and disposed by VS Code.
}
