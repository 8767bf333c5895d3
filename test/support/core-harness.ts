// Builds a NemoClient + Workflow wired to a test server with in-memory stores and a log that tests can read.
import { NemoClient, type NemoClientOptions } from '../../src/core/api/client';
import type { Logger } from '../../src/core/api/logger';
import { globalFetchTransport } from '../../src/core/api/transport';
import type { Lang } from '../../src/core/i18n';
import { MemorySecretStore, MemoryStateStore } from '../../src/core/session/stores';
import { Workflow, type TurnEvent, type WorkflowOptions } from '../../src/core/workflow/index';

export interface Harness {
  client: NemoClient;
  workflow: Workflow;
  secrets: MemorySecretStore;
  state: MemoryStateStore;
  logs: string[];
  sleeps: number[];
  /** Resolves with the first log line matching `re` — at once if one was logged already, else as it is logged. */
  logged(re: RegExp): Promise<string>;
}

export function harness(
  apiUrl: string,
  opts: { lang?: Lang; env?: Record<string, string | undefined>; client?: Partial<NemoClientOptions>; workflow?: Partial<WorkflowOptions> } = {},
): Harness {
  const secrets = new MemorySecretStore();
  const state = new MemoryStateStore();
  const logs: string[] = [];
  const sleeps: number[] = [];
  const waiters = new Set<(line: string) => void>();
  const push = (line: string): void => {
    logs.push(line);
    for (const w of [...waiters]) w(line);
  };
  const log: Logger = {
    info: (m) => push(`info ${m}`),
    warn: (m) => push(`warn ${m}`),
    error: (m) => push(`error ${m}`),
    debug: (m) => push(`debug ${m}`),
  };
  const logged = (re: RegExp): Promise<string> =>
    new Promise((resolve) => {
      const already = logs.find((l) => re.test(l));
      if (already !== undefined) return resolve(already);
      const w = (line: string): void => {
        if (!re.test(line)) return;
        waiters.delete(w);
        resolve(line);
      };
      waiters.add(w);
    });
  const client = new NemoClient({
    apiUrl,
    platform: 'cli',
    transport: globalFetchTransport,
    secrets,
    state,
    lang: opts.lang ?? 'en',
    log,
    env: opts.env ?? {},
    // Record requested waits instead of sleeping: recovery tests assert on the wait, not on time.
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    ...opts.client,
  });
  const workflow = new Workflow({ client, state, statePoll: { firstMs: 5, nextMs: 5, maxUnchanged: 5 }, exportPollMs: 5, ...opts.workflow });
  return { client, workflow, secrets, state, logs, sleeps, logged };
}

/** Runs one message to completion and returns all its events. */
export async function collect(events: AsyncIterable<TurnEvent>): Promise<TurnEvent[]> {
  const out: TurnEvent[] = [];
  for await (const e of events) out.push(e);
  return out;
}

export function outcome(events: TurnEvent[]): string | undefined {
  const last = events[events.length - 1];
  return last?.type === 'done' ? last.outcome : undefined;
}
