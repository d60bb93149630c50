import { describe, expect, it } from 'vitest';
import { issueVisitorToken, verifyVisitorToken } from './visitor-token.js';

const claims = { siteId: 's_1', visitorId: 'v_abc', issuedAt: 1_700_000_000_000 };

describe('visitor tokens', () => {
  it('round-trips for the site that issued it', () => {
    const token = issueVisitorToken(claims, 'secret-a');
    expect(verifyVisitorToken(token, 's_1', 'secret-a')).toEqual(claims);
  });

  it('refuses another site, another secret, and any edit', () => {
    const token = issueVisitorToken(claims, 'secret-a');
    expect(verifyVisitorToken(token, 's_2', 'secret-a')).toBeNull();
    expect(verifyVisitorToken(token, 's_1', 'secret-b')).toBeNull();
    const [version, , mac] = token.split('.');
    const forgedBody = Buffer.from(JSON.stringify({ s: 's_1', v: 'v_someone_else', t: 1 })).toString('base64url');
    expect(verifyVisitorToken(`${version}.${forgedBody}.${mac}`, 's_1', 'secret-a')).toBeNull();
  });

  it('never throws on garbage', () => {
    for (const junk of ['', '.', 'v1..', 'v1.%%%.###', 'v1.e30.AAAA', 'x'.repeat(500)]) {
      expect(verifyVisitorToken(junk, 's_1', 'secret-a')).toBeNull();
    }
  });
});
