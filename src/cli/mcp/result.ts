// Tool results as MCP wants them: words first (what the model reads), the same facts as structured data,
// and failures as tool errors (isError) in plain words — never a thrown exception, never a stack trace,
// never the token (everything passes through redact).
import { isNemoError, NemoError, redact, type Lang } from '../../core/index';
import { agentMessage } from '../../core/agent/index';

export interface ToolResult {
  [key: string]: unknown;
  content: Array<{ type: 'text'; text: string }>;
  structuredContent?: Record<string, unknown>;
  isError?: boolean;
}

export function ok(lines: Array<string | undefined | false>, data?: Record<string, unknown>): ToolResult {
  const text = redact(lines.filter((l): l is string => typeof l === 'string' && l.length > 0).join('\n'));
  return data ? { content: [{ type: 'text', text }], structuredContent: JSON.parse(redact(JSON.stringify(data))) as Record<string, unknown> } : { content: [{ type: 'text', text }] };
}

export function toolError(text: string): ToolResult {
  return { content: [{ type: 'text', text: redact(text) }], isError: true };
}

/**
 * A stop the tool can name (a chat turn sent or not, generate's session or upload step): its sentence is the
 * core's and is said as is, instead of the generic "stopped before it finished".
 */
export class StoppedCall extends NemoError {
  constructor(text: string, detail: string) {
    super({ kind: 'cancelled', userMessage: text, action: { id: 'none', label: '' }, detail });
  }
}

/** Any failure → one plain sentence plus the fix when there is one. Unknown errors keep only their message. */
export function errorResult(e: unknown, lang: Lang, statusTool: string): ToolResult {
  if (isNemoError(e)) {
    if (e instanceof StoppedCall) return toolError(e.userMessage);
    if (e.kind === 'cancelled') return toolError(agentMessage(lang, 'cancelled', { status: statusTool }));
    const fix = e.action.id !== 'none' && e.action.label ? ` (${e.action.label}${e.action.url ? `: ${e.action.url}` : ''})` : '';
    return toolError(`${e.userMessage}${fix}`);
  }
  const message = e instanceof Error ? e.message : String(e);
  return toolError(agentMessage(lang, 'failed', { message: message.split('\n')[0] ?? '' }));
}
