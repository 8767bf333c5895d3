// Which one button an error gets (pure, tested in plain Node): the contract wants plain words plus the one
// action that fixes it. 402 (kind 'plan') is a plan limit: "See plans" with the plans link, never the
// credits wording the core's generic action carries.
import type { NemoError } from '../../core';
import { COMMANDS } from '../ids';
import type { Translate } from '../timeline/format';

export type ErrorButton =
  | { label: string; kind: 'open-url'; url: string }
  | { label: string; kind: 'command'; command: string; args?: unknown[] }
  | { label: string; kind: 'retry' };

export function errorButton(e: Pick<NemoError, 'kind' | 'action'>, t: Translate, canRetry: boolean): ErrorButton | undefined {
  const url = e.action.url;
  if (e.kind === 'plan') return url ? { label: t('See plans'), kind: 'open-url', url } : undefined;
  switch (e.action.id) {
    case 'register':
    case 'top-up':
      return url ? { label: e.action.label, kind: 'open-url', url } : undefined;
    case 'retry':
      return canRetry ? { label: e.action.label, kind: 'retry' } : undefined;
    case 'check-status':
    case 'new-session':
      return { label: t('Open Chat'), kind: 'command', command: COMMANDS.openChat };
    case 'set-token':
      return { label: e.action.label, kind: 'command', command: COMMANDS.setToken };
    case 'open-settings':
      return { label: e.action.label, kind: 'command', command: 'workbench.action.openSettings', args: ['generatorYoutube'] };
    default:
      return undefined;
  }
}
