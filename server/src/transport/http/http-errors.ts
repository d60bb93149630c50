import type { ErrorRequestHandler, RequestHandler } from 'express';
import { DomainError } from '../../domain/errors.js';
import type { Logger } from '../../logger.js';
import { httpStatusOf, toAckError } from '../error-mapping.js';

/** The one Express middleware that turns errors into `{ error: { code, message } }` responses. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err: unknown, _req, res, next) => {
    if (res.headersSent) return next(err);
    // body-parser's own errors (bad JSON, too large) carry a status and an `expose` flag.
    const parserError = err as { status?: number; type?: string; expose?: boolean; message?: string };
    if (parserError.expose && parserError.status && parserError.status < 500) {
      res.status(parserError.status).json({ error: { code: 'bad_request', message: parserError.type === 'entity.too.large' ? 'Body too large' : 'Malformed JSON body' } });
      return;
    }
    // The router's own error for a malformed %-escape in the path (found by the fuzz test).
    if (err instanceof URIError && parserError.status === 400) {
      res.status(400).json({ error: { code: 'bad_request', message: 'Malformed URL' } });
      return;
    }
    const error = toAckError(err, logger);
    res.status(httpStatusOf(error)).json({ error });
  };
}

export const notFound: RequestHandler = (_req, _res, next) => {
  next(new DomainError('not_found', 'No such route'));
};
