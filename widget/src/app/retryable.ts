import type { ErrorCode } from '@hilo/shared';

// Worth trying again later; any other refusal (bad_request, forbidden…) will not change by retrying.
const RETRYABLE: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['rate_limited', 'unavailable', 'internal']);

export const isRetryable = (code: ErrorCode): boolean => RETRYABLE.has(code);
