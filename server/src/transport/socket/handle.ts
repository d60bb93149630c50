import type { Ack } from '@hilo/shared';
import type { z } from 'zod';
import type { Logger } from '../../logger.js';
import { toAckError } from '../error-mapping.js';

/**
 * Wraps an event handler: validates the payload, runs the action, and always answers with an Ack.
 * A client that sends no callback still gets validation; the answer is just dropped.
 */
export function handle<S extends z.ZodType, T>(schema: S, logger: Logger, action: (input: z.output<S>) => Promise<T>) {
  return async (payload: unknown, ack?: unknown): Promise<void> => {
    const reply = typeof ack === 'function' ? (ack as (response: Ack<T>) => void) : () => undefined;
    try {
      const input = schema.parse(payload);
      reply({ ok: true, data: await action(input) });
    } catch (err) {
      reply({ ok: false, error: toAckError(err, logger) });
    }
  };
}
