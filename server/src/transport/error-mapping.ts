import type { AckError } from '@hilo/shared';
import { HTTP_STATUS } from '@hilo/shared';
import { ZodError } from 'zod';
import { DomainError } from '../domain/errors.js';
import type { Logger } from '../logger.js';

function isRedisUnavailable(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const names = ['ClientClosedError', 'ClientOfflineError', 'ConnectionTimeoutError', 'SocketClosedUnexpectedlyError'];
  // node-redis sets the class, not always `name`; a Redis node dying mid-command surfaces as ECONNRESET.
  return names.includes(err.name) || names.includes(err.constructor.name)
    // LOADING: Redis is replaying its AOF after a restart; READONLY: the connection is still on a
    // primary that was demoted (the watchdog moves it); the others are Redis Cluster failing over.
    || /client is (closed|offline)|Socket closed unexpectedly|ECONNREFUSED|ECONNRESET|EPIPE|LOADING|READONLY|CLUSTERDOWN|TRYAGAIN|MASTERDOWN/.test(err.message);
}

/** The one place that turns any thrown value into a client-facing error. */
export function toAckError(err: unknown, logger: Logger): AckError {
  if (err instanceof DomainError) return { code: err.code, message: err.message };
  if (err instanceof ZodError) {
    const detail = err.issues.map((i) => `${i.path.join('.') || 'payload'}: ${i.message}`).join('; ');
    return { code: 'bad_request', message: `Invalid payload: ${detail}` };
  }
  if (isRedisUnavailable(err)) {
    logger.warn({ err }, 'storage unavailable');
    return { code: 'unavailable', message: 'Storage is temporarily unavailable; retry shortly' };
  }
  logger.error({ err }, 'unexpected error');
  return { code: 'internal', message: 'Internal error' };
}

export function httpStatusOf(error: AckError): number {
  return HTTP_STATUS[error.code];
}
