// What the upload kit needs from a connection: caption files attached in the chat (checked, then
// remembered; the backend never receives them) and the store/state the kit reads the exported edit from.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { NemoClient } from '../api/client';
import { badInput } from '../api/errors';
import { t, type Lang } from '../i18n';
import { parseCaptions } from '../kit/captions';
import type { KitJobDeps } from '../kit/forJob';
import { mediaRefs, rememberAttachedCaptions } from '../kit/records';
import { ks } from '../kit/strings';
import type { StateStore } from '../session/stores';
import type { CurrentSession } from './session';

export function kitDeps(client: NemoClient, state: StateStore, session: CurrentSession): KitJobDeps {
  return {
    store: state,
    backendKey: client.backendKey,
    currentState: async (signal) => {
      await session.refresh(signal);
      return { draft: session.draft, media: mediaRefs(session.media) };
    },
  };
}

/** Checks each caption file (a malformed one is refused with its line number) and remembers them for the kit. */
export async function attachCaptions(client: NemoClient, state: StateStore, session: CurrentSession, lang: Lang, files: string[]): Promise<string> {
  for (const f of files) {
    let text: string;
    try {
      text = fs.readFileSync(f, 'utf8');
    } catch (e) {
      throw badInput(lang, t(lang, 'err.fileMissing', { path: f }) + ` (${(e as Error).message})`);
    }
    try {
      parseCaptions(text, path.basename(f));
    } catch (e) {
      throw badInput(lang, ks(lang, 'kit.captionError', { file: f, detail: (e as Error).message }));
    }
  }
  const s = await session.ensure();
  await rememberAttachedCaptions(state, client.backendKey, s.sessionId, files);
  return ks(lang, 'kit.captionsAttached', { files: files.map((f) => path.basename(f)).join(', ') });
}
