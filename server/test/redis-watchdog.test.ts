import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectRedis, type RedisClient } from '../src/store/redis-client.js';
import { startTestRedis, type TestRedis } from './harness.js';
import { outcomeWithin } from './stalled-command.js';

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
    const stuck = outcomeWithin(() => client.get('k'), 4000);
    try {
      // Without the watchdog this waits for as long as Redis is stopped.
      const { outcome, ms } = await stuck;
      expect(outcome).not.toBe('still waiting');
      expect(outcome).not.toBe('answered');
      expect(ms).toBeLessThan(4000);
      expect(errors.some((message) => message.startsWith('Redis stopped answering'))).toBe(true);
      // While it reconnects, commands fail fast instead of queueing.
      await expect(client.get('k')).rejects.toThrow();
    } finally {
      process.kill(redis.pid, 'SIGCONT');
    }
    await expect.poll(() => client.get('k').catch(() => null), { timeout: 10_000, interval: 100 }).toBe('v');
  });
});
