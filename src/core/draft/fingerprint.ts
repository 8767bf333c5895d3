// A short fingerprint of a draft, to tell "the same timeline" from "changed since" (e.g. an export shown as
// the cloud's preview). Drafts sometimes arrive as a JSON string: both forms give the same fingerprint.
import { createHash } from 'node:crypto';

export function draftFingerprint(draft: unknown): string {
  let value = draft;
  if (typeof draft === 'string') {
    try {
      value = JSON.parse(draft) as unknown;
    } catch {
      value = draft;
    }
  }
  return createHash('sha256').update(JSON.stringify(value ?? null)).digest('hex').slice(0, 16);
}
