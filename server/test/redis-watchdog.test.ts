import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectRedis, type RedisClient } from '../src/store/redis-client.js';
import { startTestRedis, type TestRedis } from './harness.js';

// Commands carry no timeout of their own (it cost too much CPU per message); this is what keeps a
// silent Redis from holding them forever. SIGSTOP is a Redis that accepts bytes and never answers.
let redis: TestRedis;
let client: RedisClient;
const errors: string[] = [];

beforeAll(async () => {
  redis = await startTestRedis();
  client = await connectRedis({ url: redis.url, onError: (err) => errors.push(err.message), watchdog: { everyMs: 100, timeoutMs: 500 } });
});
afterAll(async () => {
  process.kill(redis.pid, 'SIGCONT');
  await client.close().catch(() => undefined);
  await redis.dispose();
});

describe('Redis watchdog', () => {
  it('fails the commands waiting on a Redis that stopped answering, then reconnects when it answers again', async () => {
    await client.set('k', 'v');
    process.kill(redis.pid, 'SIGSTOP');
    const started = Date.now();
    const stuck = client.get('k').then(
      () => 'answered',
      (err: unknown) => (err instanceof Error ? err.message : String(err)),
    );
    try {
      // Without the watchdog this waits for as long as Redis is stopped.
      const outcome = await Promise.race([stuck, new Promise((resolve) => setTimeout(() => resolve('still waiting'), 4000))]);
      expect(outcome).not.toBe('still waiting');
      expect(outcome).not.toBe('answered');
      expect(Date.now() - started).toBeLessThan(4000);
      expect(errors.some((message) => message.startsWith('Redis stopped answering'))).toBe(true);
      // While it reconnects, commands fail fast instead of queueing.
      await expect(client.get('k')).rejects.toThrow();
    } finally {
      process.kill(redis.pid, 'SIGCONT');
    }
    await expect.poll(() => client.get('k').catch(() => null), { timeout: 10_000, interval: 100 }).toBe('v');
  });
});
