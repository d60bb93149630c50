import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isValidUserHash, userHashFor } from './user-hash.js';

describe('userHash', () => {
  const secret = 'sk_site_secret';

  it('is the hex HMAC-SHA256 of the lower-cased email, as the README tells sites to compute it', () => {
    const expected = createHmac('sha256', secret).update('ana@example.com').digest('hex');
    expect(userHashFor(secret, 'Ana@Example.com')).toBe(expected);
    expect(isValidUserHash(secret, 'ana@example.com', expected)).toBe(true);
    expect(isValidUserHash(secret, 'ana@example.com', expected.toUpperCase())).toBe(true);
  });

  it('refuses another email, another secret, a truncated or garbage hash', () => {
    const hash = userHashFor(secret, 'ana@example.com');
    expect(isValidUserHash(secret, 'eva@example.com', hash)).toBe(false);
    expect(isValidUserHash('other', 'ana@example.com', hash)).toBe(false);
    expect(isValidUserHash(secret, 'ana@example.com', hash.slice(0, 62))).toBe(false);
    expect(isValidUserHash(secret, 'ana@example.com', 'zz'.repeat(32))).toBe(false);
  });
});
