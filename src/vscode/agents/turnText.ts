// One message through the chat panel, as the agent tools need it: the transcript shows it like a typed
// message, and the tool gets the reply text, the notices and the error (if any) in words.
import type { TurnEvent, TurnOutcome } from '../../core';
import type { ChatController } from '../contracts';

export interface TurnText {
  outcome: TurnOutcome;
  reply: string;
  notes: string[];
  error?: string;
}

/** `signal`: the agent's cancellation, the chat's Stop (the turn ends 'stopped'; nothing is re-sent). */
export async function collectTurn(chat: ChatController, text: string, signal?: AbortSignal): Promise<TurnText> {
  let reply = '';
  const notes: string[] = [];
  let error: string | undefined;
  const onEvent = (ev: TurnEvent): void => {
    if (ev.type === 'text') reply = ev.text;
    else if (ev.type === 'intent') reply = ev.text;
    else if (ev.type === 'summary' || ev.type === 'notice') notes.push(ev.text);
    else if (ev.type === 'error') error = ev.error.userMessage;
  };
  const outcome = await chat.send(text, { onEvent, signal });
  return { outcome, reply, notes, error };
}
