// Pure decoding of one `/run_sse` frame into what the client acts on. Two shapes are published and both are
// decoded: Google ADK Event JSON (`{"content":{"parts":[…]},"partial":…}`) and the older typed frames
// (`{"type":"text","content":"…"}`, tool_call/tool_result, heartbeat, done, error). No I/O, no timers:
// the stream reader (turn.ts) owns those.
import { isObj, parseJson } from '../api/envelope';

export interface ToolActivity {
  name: string;
  phase: 'call' | 'result';
}

export type DecodedFrame =
  /** Empty `data:` or {"type":"heartbeat"} (comment heartbeats never reach the decoder). */
  | { kind: 'heartbeat' }
  /** A frame that is not JSON: skipped and logged, never fatal. */
  | { kind: 'unparsable'; data: string }
  /** {"type":"done"}: the server says the turn is over (the connection may stay open). */
  | { kind: 'done' }
  /** {"error":"…"}, {"type":"error","message":"…"} or an ADK event with errorCode/errorMessage. */
  | { kind: 'error'; message: string; code?: string }
  | {
      kind: 'event';
      partial: boolean;
      author?: string;
      /** Visible text parts joined (thought parts removed). */
      text: string;
      tools: ToolActivity[];
      turnComplete: boolean;
      /**
       * ADK's customMetadata.plannerOutcome: what the local engine's planner made of the message (e.g.
       * 'not-understood'). The cloud does not send it; absent means "not said".
       */
      plannerOutcome?: string;
    };

function errorMessage(v: unknown): string {
  if (typeof v === 'string') return v;
  if (isObj(v) && typeof v.message === 'string') return v.message;
  return JSON.stringify(v);
}

function nameOf(ev: Record<string, unknown>): string {
  for (const v of [ev.name, ev.tool, ev.tool_name, isObj(ev.tool_call) ? ev.tool_call.name : undefined]) if (typeof v === 'string') return v;
  return '';
}

/**
 * The older typed frames. Text frames carry a chunk of the reply (`content`, or `text`/`delta`): they are
 * streamed like ADK's partial chunks. Tool frames are progress, never text; an unknown type is ignored
 * (never printed as raw JSON).
 */
function decodeTyped(type: string, ev: Record<string, unknown>): DecodedFrame {
  const event = (text: string, tools: ToolActivity[] = []): DecodedFrame => ({ kind: 'event', partial: true, text, tools, turnComplete: false });
  switch (type) {
    case 'heartbeat':
    case 'ping':
      return { kind: 'heartbeat' };
    case 'text':
    case 'message':
    case 'delta': {
      const text = [ev.content, ev.text, ev.delta].find((v): v is string => typeof v === 'string');
      return event(text ?? '');
    }
    case 'tool_call':
    case 'tool_use':
      return event('', [{ name: nameOf(ev), phase: 'call' }]);
    case 'tool_result':
      return event('', [{ name: nameOf(ev), phase: 'result' }]);
    case 'done':
    case 'end':
    case 'complete':
      return { kind: 'done' };
    case 'error':
      return { kind: 'error', message: errorMessage(ev.message ?? ev.error ?? ev.content ?? 'error'), code: typeof ev.code === 'string' ? ev.code : undefined };
    default:
      return event('');
  }
}

export function decodeFrame(data: string): DecodedFrame {
  const trimmed = data.trim();
  if (trimmed === '') return { kind: 'heartbeat' };
  const ev = parseJson(trimmed);
  if (!isObj(ev)) return { kind: 'unparsable', data: trimmed.slice(0, 200) };
  // A typed frame has a `type` and no ADK `content` object (ADK events have no `type`).
  if (typeof ev.type === 'string' && !isObj(ev.content)) return decodeTyped(ev.type.toLowerCase(), ev);
  if (ev.error !== undefined && ev.error !== null && ev.content === undefined) return { kind: 'error', message: errorMessage(ev.error) };
  const errorCode = ev.errorCode ?? ev.error_code;
  const errMsg = ev.errorMessage ?? ev.error_message;
  if ((typeof errorCode === 'string' && errorCode) || (typeof errMsg === 'string' && errMsg)) {
    return { kind: 'error', message: typeof errMsg === 'string' && errMsg ? errMsg : String(errorCode), code: typeof errorCode === 'string' ? errorCode : undefined };
  }
  const content = isObj(ev.content) ? ev.content : undefined;
  const parts = content && Array.isArray(content.parts) ? content.parts : [];
  const texts: string[] = [];
  const tools: ToolActivity[] = [];
  for (const p of parts) {
    if (!isObj(p)) continue;
    const call = p.functionCall ?? p.function_call;
    const result = p.functionResponse ?? p.function_response;
    if (isObj(call)) tools.push({ name: typeof call.name === 'string' ? call.name : '', phase: 'call' });
    else if (isObj(result)) tools.push({ name: typeof result.name === 'string' ? result.name : '', phase: 'result' });
    else if (typeof p.text === 'string' && p.thought !== true) texts.push(p.text);
  }
  // Tool results come back with role "user"; they are never text for the user.
  const role = content && typeof content.role === 'string' ? content.role : undefined;
  const meta = ev.customMetadata ?? ev.custom_metadata;
  const outcome = isObj(meta) ? meta.plannerOutcome : undefined;
  return {
    kind: 'event',
    partial: ev.partial === true,
    author: typeof ev.author === 'string' ? ev.author : undefined,
    text: role === 'user' && tools.length > 0 ? '' : texts.join(''),
    tools,
    turnComplete: ev.turnComplete === true || ev.turn_complete === true,
    ...(typeof outcome === 'string' ? { plannerOutcome: outcome } : {}),
  };
}

/**
 * Streamed text with ADK's partial semantics: `partial:true` chunks append to the current message; the
 * following non-partial event carries the whole message and REPLACES what was streamed. Several messages
 * in one turn (text, tool work, more text) are kept as separate paragraphs.
 */
export class TextAccumulator {
  // The finished messages already joined, and the streamed one in progress. Kept incrementally (string
  // concatenation is cheap in V8) so a long reply of thousands of partial chunks costs O(1) per event
  // instead of re-joining everything received so far two or three times per event.
  private doneText = '';
  private pending = '';
  private pendingVisible = false;

  /** Applies one decoded event; returns true when the visible text changed. */
  apply(frame: DecodedFrame): boolean {
    if (frame.kind !== 'event') return false;
    if (frame.partial) {
      if (frame.text === '') return false;
      const wasVisible = this.pendingVisible;
      this.pending += frame.text;
      this.pendingVisible ||= frame.text.trim() !== '';
      // Trailing whitespace on an invisible chunk changes nothing the user sees.
      return this.pendingVisible && (wasVisible || frame.text.trim() !== '');
    }
    if (frame.text !== '') {
      // The aggregated event REPLACES the streamed chunks; usually it is the same text (no visible change).
      const changed = this.pendingVisible ? this.pending !== frame.text : frame.text.trim() !== '';
      this.appendDone(frame.text);
      this.clearPending();
      return changed;
    }
    if (frame.tools.length === 0 && this.pending !== '') {
      // A non-partial event without text closes the streamed message as it stands: already shown.
      this.appendDone(this.pending);
      this.clearPending();
    }
    return false;
  }

  text(): string {
    if (!this.pendingVisible) return this.doneText;
    return this.doneText === '' ? this.pending : `${this.doneText}\n\n${this.pending}`;
  }

  private appendDone(message: string): void {
    if (message.trim() === '') return;
    this.doneText = this.doneText === '' ? message : `${this.doneText}\n\n${message}`;
  }

  private clearPending(): void {
    this.pending = '';
    this.pendingVisible = false;
  }
}
