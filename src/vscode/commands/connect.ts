// The one way commands get the Workflow: refuses the local engine in an untrusted workspace with a clear
// sentence (before anything starts), and turns a failed connection into the usual one-button message.
import type { Workflow } from '../../core';
import type { CommandEnv } from './env';
import { engineRefused, presentError } from '../ui/errors';

export async function connect(env: CommandEnv, what: string): Promise<Workflow | undefined> {
  const { services, tr } = env;
  if (engineRefused(services)) {
    services.logger.warn(`${what}: refused, the local engine is off in untrusted workspaces`);
    await presentError(services, tr, new Error('untrusted workspace'), { what });
    return undefined;
  }
  try {
    return await services.backend.workflow();
  } catch (err) {
    await presentError(services, tr, err, { what });
    return undefined;
  }
}
