import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConversationStore } from '../../src/store/conversation-store.js';
import type { RedisClient } from '../../src/store/redis-client.js';
import { startTestRedis, testClient, type TestRedis } from '../harness.js';
import { expectExactlyOnce } from './assertions.js';
import { startHiloProcess, stopAll, type HiloProcess } from './hilo-processes.js';
import { ReliableAgent, ReliableVisitor } from './reliable-clients.js';

/** SIGTERM to a process serving several busy shoppers: it exits cleanly and they carry on elsewhere. */
let redis: TestRedis;
let client: RedisClient;
const processes: HiloProcess[] = [];

beforeAll(async () => {
  redis = await startTestRedis({ appendonly: true });
  client = await testClient(redis.url);
  processes.push(await startHiloProcess(redis.url));
  processes.push(await startHiloProcess(redis.url));
}, 60_000);
afterAll(async () => {
  await stopAll(processes);
  await client.close();
  await redis.dispose();
});

describe('graceful shutdown during load', () => {
  it('exits with 0 within the grace period; no acknowledged message lost or doubled', { timeout: 60_000 }, async () => {
    const [p1, p2] = processes as [HiloProcess, HiloProcess];
    const agent = await ReliableAgent.signIn(() => [p2.url]);
    const visitors = Array.from({ length: 6 }, () => new ReliableVisitor(() => [p1.url, p2.url], p1.siteKey));
    const conversations: string[] = [];
    for (const visitor of visitors) {
      const first = await visitor.say('hello');
      conversations.push(first.conversationId);
      await agent.watch(first.conversationId);
    }

    let exitCode: number | null | undefined;
    const stopping = (async () => {
      await new Promise((resolve) => setTimeout(resolve, 300));
      const started = Date.now();
      exitCode = await p1.kill('SIGTERM');
      expect(Date.now() - started).toBeLessThan(8000);
    })();
    await Promise.all([
      stopping,
      ...visitors.map(async (visitor, v) => {
        for (let i = 1; i <= 25; i += 1) {
          await visitor.say(`visitor ${v} message ${i}`);
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      }),
    ]);
    expect(exitCode).toBe(0);
    expect(p1.output()).toContain('shutting down');

    await agent.catchUp();
    const store = createConversationStore(client);
    for (const [v, visitor] of visitors.entries()) {
      await visitor.catchUp();
      const conversationId = conversations[v] as string;
      const stored = await store.messagesAfter(conversationId, 0, 1000);
      expect(stored).toHaveLength(26);
      expectExactlyOnce(conversationId, stored, [visitor.acked], [visitor]);
      expect(agent.seen.get(conversationId)?.size).toBe(26);
      visitor.close();
    }
    expect(visitors.some((v) => v.reconnects > 0)).toBe(true);
    agent.close();
  });
});
