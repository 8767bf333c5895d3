// Where to send a user who is low on credits: an anonymous user registers (binding the anonymous account,
// so the session and its work are kept), a registered user tops up. Same links as the core's 2001 errors.
import type { TokenInfo } from '../../core';

/** Below this many available credits the status bar turns to a warning and "Register / Top up" is offered. */
export const LOW_CREDITS = 10;

export function registerUrl(webUrl: string, identity: Pick<TokenInfo, 'userId'>): string {
  const base = webUrl.replace(/\/+$/, '');
  return identity.userId ? `${base}/register?bind=${encodeURIComponent(identity.userId)}` : `${base}/register`;
}

export function topUpUrl(webUrl: string): string {
  return `${webUrl.replace(/\/+$/, '')}/pricing`;
}

/** The link for this user: register when anonymous, top up otherwise. */
export function accountUrl(webUrl: string, identity: Pick<TokenInfo, 'userId' | 'anonymous'>): string {
  return identity.anonymous ? registerUrl(webUrl, identity) : topUpUrl(webUrl);
}
