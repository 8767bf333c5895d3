// A language model behind the local planner. When the planner's rules miss a request (the turn ends with
// `notUnderstood`) and VS Code has a language model (vscode.lm.selectChatModels: e.g. the user's Copilot),
// the model restates the request as the planner's own explicit instructions; they are checked with the
// planner's parser, shown to the user and sent to the planner like any message, which applies them
// deterministically. The model sees only the request (redacted): never the draft, the token or the media,
// and it never edits anything itself. Bounded in time, cancelled with the chat's Stop. Without a model
// nothing changes.
import * as vscode from 'vscode';
import { checkRestatement, restatePrompt } from '../../core/agent';
import type { PlannerHelper, Restatement } from '../contracts';
import type { Services } from '../services';

/** How long the model may take before the request is left as the planner answered it. */
export const RESTATE_TIMEOUT_MS = 20_000;
/** Far past anything acceptable (5 lines of 240 characters): stop reading the model's answer. */
const MAX_ANSWER_CHARS = 4000;
const GAVE_UP = Symbol('gave up');

export function createPlannerHelper(services: Services, timeoutMs = RESTATE_TIMEOUT_MS): PlannerHelper {
  return {
    timeoutMs,
    async restate(request, { signal, onAsking }): Promise<Restatement | undefined> {
      // The check is the local planner's own parser: only a local backend's misses are restated.
      if (services.backend.kind !== 'local' || signal.aborted) return undefined;
      const models = await vscode.lm.selectChatModels().then(
        (m) => m,
        () => [] as vscode.LanguageModelChat[],
      );
      const model = models[0];
      if (!model || signal.aborted) return undefined; // no language model: the planner's answer stands, exactly as before
      onAsking?.(model.name);
      // The same bundle the local engine runs from (already loaded: the backend is local).
      const { helpText, plannerUnderstands } = await import('../../engine/index.js');
      // The client's redaction knows the exact token in use, besides the token patterns restatePrompt removes.
      const safeRequest = (await services.backend.workflow()).client.redact(request);
      const cts = new vscode.CancellationTokenSource();
      const onAbort = (): void => cts.cancel();
      signal.addEventListener('abort', onAbort, { once: true });
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        cts.cancel();
      }, timeoutMs);
      const started = Date.now();
      const justification = vscode.l10n.t('Generator YouTube asks the model to restate an editing request the local editor did not understand.');
      // The wait ends on Stop or the time limit even when the model ignores its cancellation token (a
      // provider that never answers must not keep the chat busy): the read is raced, not trusted to stop.
      const gaveUp = new Promise<typeof GAVE_UP>((resolve) => {
        if (cts.token.isCancellationRequested) resolve(GAVE_UP);
        cts.token.onCancellationRequested(() => resolve(GAVE_UP));
      });
      const read = (async (): Promise<string> => {
        const response = await model.sendRequest([vscode.LanguageModelChatMessage.User(restatePrompt(safeRequest, helpText('en')))], { justification }, cts.token);
        let answer = '';
        for await (const chunk of response.text) {
          if (cts.token.isCancellationRequested) break;
          answer += chunk;
          if (answer.length > MAX_ANSWER_CHARS) break;
        }
        return answer;
      })();
      read.catch(() => undefined); // after giving up, a late failure is nobody's business
      try {
        const answer = await Promise.race([read, gaveUp]);
        if (signal.aborted) return undefined;
        if (answer === GAVE_UP || timedOut) {
          services.logger.warn(`planner help: ${model.name} did not answer within ${timeoutMs} ms`);
          return { ok: false, model: model.name, reason: 'timeout' };
        }
        const checked = checkRestatement(answer, plannerUnderstands);
        services.logger.info(`planner help: ${model.name} answered in ${Date.now() - started} ms: ${checked.ok ? `${checked.lines.length} instruction(s)` : `refused (${checked.reason})`}`);
        return checked.ok ? { ok: true, model: model.name, instructions: checked.lines } : { ok: false, model: model.name, reason: checked.reason };
      } catch (e) {
        if (signal.aborted) return undefined;
        services.logger.warn(`planner help: ${model.name} failed: ${e instanceof Error ? e.message : String(e)}`);
        return { ok: false, model: model.name, reason: timedOut ? 'timeout' : 'failed' };
      } finally {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        cts.dispose();
      }
    },
  };
}
