import type { RequestHandler } from 'express';
import { DomainError } from '../../domain/errors.js';

/**
 * State-changing cookie routes accept only JSON from the console's own origin. A cross-site form post
 * cannot send `application/json` without a CORS preflight, which this server never grants.
 */
export function csrfGuard(consoleOrigins: (host: string | undefined) => string[]): RequestHandler {
  return (req, _res, next) => {
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return next();
    if (!req.is('application/json')) return next(new DomainError('bad_request', 'Content-Type must be application/json'));
    const origin = req.get('origin');
    if (origin && !consoleOrigins(req.get('host')).includes(origin)) return next(new DomainError('forbidden', 'Cross-site request refused'));
    next();
  };
}
