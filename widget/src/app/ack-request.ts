import type { Ack } from '@hilo/shared';

export interface AckRequests {
  /** Runs `start` and resolves with its ack, or with `unavailable` on timeout or `abortAll`. */
  request<T>(start: (done: (ack: Ack<T>) => void) => void): Promise<Ack<T>>;
  /** The socket dropped: settle everything in flight now rather than at its timeout. */
  abortAll(): void;
}

export function createAckRequests(timeoutMs: number): AckRequests {
  const inFlight = new Set<() => void>();
  return {
    request: <T>(start: (done: (ack: Ack<T>) => void) => void) =>
      new Promise<Ack<T>>((resolve) => {
        let settled = false;
        const finish = (ack: Ack<T>) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          inFlight.delete(abort);
          resolve(ack);
        };
        const abort = () => finish({ ok: false, error: { code: 'unavailable', message: 'disconnected' } });
        const timer = setTimeout(() => finish({ ok: false, error: { code: 'unavailable', message: 'timeout' } }), timeoutMs);
        inFlight.add(abort);
        start(finish);
      }),
    abortAll: () => inFlight.forEach((abort) => abort()),
  };
}
