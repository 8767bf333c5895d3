// POST /run_sse: one chat turn as Google ADK's API server streams it. Frames are `data: <Event JSON>\n\n`
// with camelCase keys; tool work is a functionCall event then a functionResponse event (role user, the
// draft in actions.stateDelta); the reply text comes as a few partial chunks and then one aggregated
// non-partial event (whose customMetadata.plannerOutcome says what the planner made of the message); a silent
// edit has no text at all; the connection closing ends the turn.
// A `: heartbeat` comment goes out every heartbeatMs while the turn works. Closing the stream does not stop
// the turn (as with the cloud): the draft is still saved, so a client that lost the stream can poll the state.
import { langOfText } from '../../core/i18n';
import type { PlanResult } from '../model';
import { plan } from '../planner/index';
import { mediaInfo, type EngineContext } from './context';
import { EngineError, errors } from './errors';
import { readJsonBody, type Req, type Res } from './http';
import { newCallId, newEventId, newInvocationId } from './ids';
import type { SessionRecord } from './sessions';

const AUTHOR = 'nemo_agent';

interface AdkPart {
  text?: string;
  functionCall?: { id: string; name: string; args: Record<string, unknown> };
  functionResponse?: { id: string; name: string; response: Record<string, unknown> };
}

function messageText(body: Record<string, unknown>): string {
  const msg = body.new_message ?? body.newMessage;
  const parts = msg && typeof msg === 'object' ? (msg as { parts?: unknown }).parts : undefined;
  if (!Array.isArray(parts)) throw errors.badRequest('Missing new_message.parts: send {"new_message":{"parts":[{"text":"…"}]}}. / 缺少消息内容。');
  const text = parts
    .map((p) => (p && typeof p === 'object' && typeof (p as { text?: unknown }).text === 'string' ? (p as { text: string }).text : ''))
    .join('\n')
    .trim();
  if (!text) throw errors.badRequest('The message has no text. / 消息为空。');
  if (text.length > 20_000) throw errors.badRequest('The message is too long (over 20000 characters). / 消息过长。');
  return text;
}

/** Splits a reply into up to three partial chunks on word boundaries. */
export function chunksOf(text: string): string[] {
  const words = text.split(/(?<=\s)/);
  if (words.length < 3) return [text];
  const size = Math.ceil(words.length / 3);
  const out: string[] = [];
  for (let i = 0; i < words.length; i += size) out.push(words.slice(i, i + size).join(''));
  return out;
}

class SseWriter {
  private open = true;

  constructor(private readonly res: Res) {
    res.on('close', () => { this.open = false; });
  }

  get connected(): boolean {
    return this.open && !this.res.writableEnded;
  }

  frame(obj: unknown): void {
    if (this.connected) this.res.write(`data: ${JSON.stringify(obj)}\n\n`);
  }

  comment(text: string): void {
    if (this.connected) this.res.write(`: ${text}\n\n`);
  }

  end(): void {
    if (this.connected) this.res.end();
  }
}

export async function handleRunSse(ctx: EngineContext, req: Req, res: Res, userId: string): Promise<void> {
  const body = await readJsonBody(req);
  const session = ctx.sessions.get(userId, body.session_id ?? body.sessionId);
  const text = messageText(body);
  if (ctx.busyTurns.has(session.sessionId)) throw errors.turnInProgress();
  ctx.ledger.require(userId, 1);
  ctx.busyTurns.add(session.sessionId);

  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-cache, no-transform',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
  });
  res.flushHeaders();
  const sse = new SseWriter(res);
  const heartbeat = setInterval(() => sse.comment('heartbeat'), ctx.heartbeatMs);
  const turn = runTurn(ctx, session, userId, text, sse)
    .catch((e: unknown) => {
      const message = e instanceof Error ? e.message : String(e);
      ctx.log(`turn ${session.sessionId}: error: ${message}`);
      // The contract's mid-stream error line; the business code rides along when there is one (e.g. 2001).
      sse.frame(e instanceof EngineError ? { error: message, code: e.code } : { error: message });
    })
    .finally(() => {
      clearInterval(heartbeat);
      ctx.busyTurns.delete(session.sessionId);
      sse.end();
    });
  ctx.runningTurns.add(turn);
  void turn.finally(() => ctx.runningTurns.delete(turn));
  await turn;
}

async function runTurn(ctx: EngineContext, session: SessionRecord, userId: string, text: string, sse: SseWriter): Promise<void> {
  const invocationId = newInvocationId();
  const event = (content: { role: string; parts: AdkPart[] } | undefined, extra: Record<string, unknown> = {}) => ({
    ...(content ? { content } : {}),
    author: AUTHOR,
    invocationId,
    id: newEventId(),
    timestamp: Date.now() / 1000,
    partial: false,
    actions: { stateDelta: {}, artifactDelta: {}, requestedAuthConfigs: {} },
    ...extra,
  });

  // Logged on arrival (the request log line comes only when the stream ends): says the message got here.
  ctx.log(`turn ${session.sessionId}: message received`);
  if (ctx.turnDelayMs > 0) await new Promise((r) => setTimeout(r, ctx.turnDelayMs));
  const sid = session.sessionId;
  const result: PlanResult = await plan(text, {
    draft: session.draft,
    media: session.media.map((m) => mediaInfo(ctx, sid, m)),
    language: langOfText(text, session.language),
    // Usually detected already, right after the upload (silenceAnalyses.ts).
    detectSilences: (m) => ctx.silences.silences(session, m),
  });

  // Charge before applying: an edit the user cannot pay for changes nothing.
  if (result.credits > 0) await ctx.ledger.spend(userId, result.credits);
  const changed = result.draft !== session.draft;
  session.draft = result.draft;
  session.turns += 1;
  await ctx.sessions.save(session);

  result.toolCalls.forEach((call, i) => {
    const id = newCallId();
    const last = i === result.toolCalls.length - 1;
    sse.frame(event({ role: 'model', parts: [{ functionCall: { id, name: call.name, args: call.args } }] }, { longRunningToolIds: [] }));
    sse.frame(event(
      { role: 'user', parts: [{ functionResponse: { id, name: call.name, response: { status: 'success', summary: call.summary } } }] },
      { actions: { stateDelta: last && changed ? { draft: result.draft } : {}, artifactDelta: {}, requestedAuthConfigs: {} } },
    ));
  });
  if (result.reply) {
    for (const chunk of chunksOf(result.reply)) {
      sse.frame(event({ role: 'model', parts: [{ text: chunk }] }, { partial: true }));
    }
    // ADK's customMetadata (free-form labels on an event; unknown keys are ignored by clients, so this stays
    // within the cloud's contract) carries what the planner made of the message. The cloud never sends it;
    // the extension uses 'not-understood' to offer the user's language model as a helper (src/vscode/agents).
    sse.frame(event({ role: 'model', parts: [{ text: result.reply }] }, { turnComplete: true, customMetadata: { plannerOutcome: result.kind } }));
  }
  ctx.log(`turn ${sid}: ${result.toolCalls.length} tool call(s), ${result.credits} credit(s)${result.reply ? '' : ', silent'}`);
}
