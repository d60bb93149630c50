import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConversationStore } from '../../src/store/conversation-store.js';
import type { RedisClient } from '../../src/store/redis-client.js';
import { startTestRedis, testClient, type TestRedis } from '../harness.js';
import { expectExactlyOnce } from './assertions.js';
import { startHiloProcess, stopAll, type HiloProcess } from './hilo-processes.js';
import { ReliableAgent, ReliableVisitor } from './reliable-clients.js';

/** Two Hilo processes on one Redis; the shopper's process dies with SIGKILL in the middle of a chat. */
let redis: TestRedis;
let client: RedisClient;
const processes: HiloProcess[] = [];

beforeAll(async () => {
  redis = await startTestRedis({ appendonly: true });
  client = await testClient(redis.url);
  // One at a time: both bootstrap the same site, and the second must find the first's.
  processes.push(await startHiloProcess(redis.url));
  processes.push(await startHiloProcess(redis.url));
}, 60_000);
afterAll(async () => {
  await stopAll(processes);
  await client.close();
  await redis.dispose();
});

describe('kill -9 of a server process mid-conversation', () => {
  it('moves clients to the other process and loses or duplicates no acknowledged message', { timeout: 60_000 }, async () => {
    const [p1, p2] = processes as [HiloProcess, HiloProcess];
    expect(p2.siteKey).toBe(p1.siteKey);
    const visitor = new ReliableVisitor(() => [p1.url, p2.url], p1.siteKey);
    const agent = await ReliableAgent.signIn(() => [p2.url, p1.url]);
    await visitor.ensureConnected();
    await agent.ensureConnected();
    const first = await visitor.say('hello from process 1');
    await agent.watch(first.conversationId);

    let killed = false;
    const visitorSends = (async () => {
      for (let i = 1; i <= 40; i += 1) {
        await visitor.say(`visitor ${i}`);
        if (i === 12) {
          // Crash the shopper's process with messages still flowing both ways.
          expect(await p1.kill('SIGKILL')).toBe(null);
          killed = true;
        }
        await new Promise((resolve) => setTimeout(resolve, 15));
      }
    })();
    const agentSends = (async () => {
      for (let i = 1; i <= 25; i += 1) {
        await agent.reply(first.conversationId, `agent ${i}`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    })();
    await Promise.all([visitorSends, agentSends]);
    expect(killed).toBe(true);
    expect(visitor.reconnects).toBeGreaterThanOrEqual(1);

    await visitor.catchUp();
    await agent.catchUp();
    const stored = await createConversationStore(client).messagesAfter(first.conversationId, 0, 1000);
    expect(stored).toHaveLength(66);
    expectExactlyOnce(first.conversationId, stored, [visitor.acked, agent.acked], [visitor, agent]);
    visitor.close();
    agent.close();
  });
});
