// The agent tools' shared pieces (names, schemas, argument checks, result words). The front ends live in
// src/vscode/agents (language-model tools) and src/cli/mcp (the MCP server).
export { type AgentToolId, AGENT_TOOL_IDS, TOOL_NAMES, type AgentToolArgs, type ParsedArgs, parseToolArgs, inputSchema, modelDescription } from './tools';
export { type Aspect, ASPECTS, DEFAULT_PROMPT, promptWithAspect } from './prompt';
export { type TrackReport, type TimelineReport, timelineReport, jobLine, jobsText, type KitReport, kitReport } from './report';
export { agentMessage, type AgentMessageKey } from './messages';
export { RESTATE_LIMITS, restatePrompt, checkRestatement, type RestateCheck } from './restate';
