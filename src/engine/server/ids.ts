// Random identifiers. Tokens are 32 random bytes (never guessable); session ids are long numeric strings
// like the cloud's; ids that become file names are checked against SAFE_ID before any path is built.
import { createHash, createHmac, randomBytes, randomInt } from 'node:crypto';

export const newToken = (): string => `nmv_usr_${randomBytes(32).toString('base64url')}`;
export const newClaimToken = (): string => `clm_${randomBytes(24).toString('base64url')}`;
export const newTaskId = (): string => `task_${randomBytes(12).toString('hex')}`;
export const newMediaId = (): string => `med_${randomBytes(6).toString('hex')}`;
export const newInvocationId = (): string => `e-${randomBytes(12).toString('hex')}`;
export const newEventId = (): string => randomBytes(12).toString('hex');
export const newCallId = (): string => `call_${randomBytes(8).toString('hex')}`;

/** 19 digits, first one non-zero: looks like the cloud's numeric session ids. */
export function newSessionId(): string {
  let s = String(randomInt(1, 10));
  for (let i = 0; i < 18; i++) s += String(randomInt(0, 10));
  return s;
}

export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** Ids accepted from clients that may end up in a file name (render ids): no dots, no slashes. */
export const SAFE_ID = /^[A-Za-z0-9_-]{1,100}$/;
export const SESSION_ID = /^[0-9]{1,40}$/;

export function hmac(secret: string, text: string): string {
  return createHmac('sha256', secret).update(text).digest('base64url').slice(0, 32);
}
