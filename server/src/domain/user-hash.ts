import { createHmac, timingSafeEqual } from 'node:crypto';

/** The hash a site's backend computes to vouch for an email: hex HMAC-SHA256(site identity secret, email). */
export function userHashFor(secret: string, email: string): string {
  return createHmac('sha256', secret).update(email.trim().toLowerCase()).digest('hex');
}

/** Constant-time check of a userHash sent by the widget. */
export function isValidUserHash(secret: string, email: string, userHash: string): boolean {
  const expected = Buffer.from(userHashFor(secret, email), 'hex');
  const given = Buffer.from(userHash.toLowerCase(), 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
