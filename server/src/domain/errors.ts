import type { ErrorCode } from '@hilo/shared';

/** The one error the domain throws; transports turn it into an ack or an HTTP status. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
