import { visitorAuthSchema } from '@hilo/shared';
import type { ExtendedError } from 'socket.io';
import { newId } from '../../domain/ids.js';
import type { SiteRepository } from '../../domain/ports.js';
import { issueVisitorToken, verifyVisitorToken } from '../../domain/visitor-token.js';
import type { Logger } from '../../logger.js';
import { requestOrigin } from './origin.js';
import type { VisitorSocket } from './typed-namespaces.js';

function refuse(code: string): ExtendedError {
  return new Error(code);
}

/**
 * Admits a visitor socket only for a known site, from an allowed page origin. A valid token keeps the
 * visitor's identity; a missing or forged one gets a brand-new visitor (never someone else's).
 */
export function createVisitorAuth({ sites, logger }: { sites: SiteRepository; logger: Logger }) {
  return async (socket: VisitorSocket, next: (err?: ExtendedError) => void): Promise<void> => {
    try {
      const auth = visitorAuthSchema.safeParse(socket.handshake.auth);
      if (!auth.success) return next(refuse('bad_request'));
      const site = await sites.findByPublicKey(auth.data.siteKey);
      if (!site) return next(refuse('unknown_site'));
      const origin = requestOrigin(socket.handshake.headers);
      if (!origin || !site.allowedOrigins.includes(origin)) return next(refuse('forbidden_origin'));
      const claims = auth.data.token ? verifyVisitorToken(auth.data.token, site.id, site.secret) : null;
      const visitorId = claims?.visitorId ?? newId('v');
      const token = claims && auth.data.token ? auth.data.token : issueVisitorToken({ siteId: site.id, visitorId, issuedAt: Date.now() }, site.secret);
      socket.data = { site, visitorId, token };
      next();
    } catch (err) {
      logger.warn({ err }, 'visitor handshake failed');
      next(refuse('unavailable'));
    }
  };
}
