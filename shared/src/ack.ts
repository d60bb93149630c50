/**
 * The closed set of error codes a Hilo server can answer with, on sockets and over HTTP.
 * Clients switch on `code`; `message` is for people and logs.
 */
export const ERROR_CODES = [
  'bad_request',
  'unauthorized',
  'forbidden',
  'not_found',
  'conflict',
  'rate_limited',
  'unavailable',
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface AckError {
  code: ErrorCode;
  message: string;
  /** With `rate_limited` and `unavailable`: how long to wait before retrying. */
  retryAfterMs?: number;
}

/** Every socket acknowledgement has this shape. */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: AckError };

/** The callback a client passes as the last argument of an event that is acknowledged. */
export type AckCallback<T> = (response: Ack<T>) => void;

/** HTTP status used for each error code, so REST and socket errors stay in step. */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
};
