import { describe, expect, it } from 'vitest';
import { guardSubscriptions } from '../src/store/guard-subscriptions.js';

describe('guardSubscriptions', () => {
  it('reports a failed subscription instead of leaving an unhandled rejection, and still returns the promise', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const client = {
        calls: 0,
        sSubscribe(this: { calls: number }, channel: string) {
          this.calls += 1;
          return Promise.reject(new Error(`Disconnects client (${channel})`));
        },
      };
      const reported: unknown[] = [];
      const guarded = guardSubscriptions(client, (err) => reported.push(err));
      // The adapter's way: fire and forget.
      void guarded.sSubscribe('room-1');
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(client.calls).toBe(1);
      expect(reported.map((e) => (e as Error).message)).toEqual(['Disconnects client (room-1)']);
      expect(unhandled).toEqual([]);
      await expect(guarded.sSubscribe('room-2')).rejects.toThrow('room-2');
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
