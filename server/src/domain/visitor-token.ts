import { createHmac, timingSafeEqual } from 'node:crypto';

export interface VisitorClaims {
  siteId: string;
  visitorId: string;
  issuedAt: number;
}

const VERSION = 'v1';

function sign(body: string, secret: string): Buffer {
  return createHmac('sha256', secret).update(`${VERSION}.${body}`).digest();
}

/** `v1.<claims base64url>.<HMAC-SHA256 base64url>`, signed with the site's secret. */
export function issueVisitorToken(claims: VisitorClaims, secret: string): string {
  const body = Buffer.from(JSON.stringify({ s: claims.siteId, v: claims.visitorId, t: claims.issuedAt })).toString('base64url');
  return `${VERSION}.${body}.${sign(body, secret).toString('base64url')}`;
}

/** Returns the claims when the signature is valid for this site, otherwise null. Never throws. */
export function verifyVisitorToken(token: string, siteId: string, secret: string): VisitorClaims | null {
  const [version, body, mac] = token.split('.');
  if (version !== VERSION || !body || !mac) return null;
  const expected = sign(body, secret);
  const given = Buffer.from(mac, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const raw: unknown = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    if (typeof raw !== 'object' || raw === null) return null;
    const { s, v, t } = raw as Record<string, unknown>;
    if (s !== siteId || typeof v !== 'string' || !/^v_[A-Za-z0-9_-]{1,40}$/.test(v) || typeof t !== 'number') return null;
    return { siteId: s, visitorId: v, issuedAt: t };
  } catch {
    return null;
  }
}
