import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConversationStore } from '../../src/store/conversation-store.js';
import type { RedisClient } from '../../src/store/redis-client.js';
import { startTestRedis, testClient, type TestRedis } from '../harness.js';
import { expectExactlyOnce } from './assertions.js';
import { startHiloProcess, stopAll, type HiloProcess } from './hilo-processes.js';
import { ReliableVisitor } from './reliable-clients.js';

/**
 * A burst far past what one process answers at once: every shopper fires all its messages without
 * waiting. The process must stay up and healthy, shed what it cannot take (clients retry), and still
 * store every message exactly once. The in-flight cap is lowered so shedding certainly happens.
 */
let redis: TestRedis;
let client: RedisClient;
const processes: HiloProcess[] = [];

beforeAll(async () => {
  redis = await startTestRedis({ appendonly: true });
  client = await testClient(redis.url);
  processes.push(await startHiloProcess(redis.url, { OVERLOAD_MAX_IN_FLIGHT: '40' }));
}, 60_000);
afterAll(async () => {
  await stopAll(processes);
  await client.close();
  await redis.dispose();
});

describe('overload', () => {
  it('sheds a burst with unavailable, never crashes, and stores every retried message once', { timeout: 60_000 }, async () => {
    const [hilo] = processes as [HiloProcess];
    const visitors = Array.from({ length: 30 }, () => new ReliableVisitor(() => [hilo.url], hilo.siteKey));
    await Promise.all(visitors.map((v) => v.ensureConnected()));
    // All at once, first messages included: concurrent first sends must still end in one conversation each.
    await Promise.all(visitors.flatMap((v, n) => Array.from({ length: 30 }, (_, i) => v.say(`visitor ${n} message ${i}`))));

    expect(hilo.child.exitCode).toBeNull();
    expect((await fetch(`${hilo.url}/healthz`)).status).toBe(200);
    const metrics = await (await fetch(`${hilo.url}/metrics`)).text();
    const shed = Number(/^hilo_shed_total\{reason="in_flight",transport="socket"\} (\d+)$/m.exec(metrics)?.[1] ?? 0);
    expect(shed).toBeGreaterThan(0);
    expect(visitors.reduce((sum, v) => sum + v.retries, 0)).toBeGreaterThanOrEqual(shed);

    const store = createConversationStore(client);
    for (const visitor of visitors) {
      await visitor.catchUp();
      const conversationId = visitor.conversationId as string;
      const stored = await store.messagesAfter(conversationId, 0, 1000);
      expect(stored).toHaveLength(30);
      expectExactlyOnce(conversationId, stored, [visitor.acked], [visitor]);
      visitor.close();
    }
  });
});
