import type { Message } from '@hilo/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConversationStore } from '../../src/store/conversation-store.js';
import { startTestRedis, testClient, type TestRedis } from '../harness.js';
import { expectExactlyOnce } from './assertions.js';
import { startHiloProcess, stopAll, type HiloProcess } from './hilo-processes.js';
import { ReliableAgent, ReliableVisitor } from './reliable-clients.js';

/**
 * Redis (AOF on) stops and comes back on the same port and data while two processes keep serving a
 * chat that crosses them. Afterwards: no acknowledged message lost or doubled, and the Socket.IO
 * adapter's subscriptions are back (a message from process 1 reaches an agent on process 2 live).
 */
let redis: TestRedis;
const processes: HiloProcess[] = [];

beforeAll(async () => {
  redis = await startTestRedis({ appendonly: true });
  processes.push(await startHiloProcess(redis.url));
  processes.push(await startHiloProcess(redis.url));
}, 60_000);
afterAll(async () => {
  await stopAll(processes);
  await redis.dispose();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('Redis restarted while clients keep sending', () => {
  it('keeps every acknowledged message exactly once and restores cross-process delivery', { timeout: 90_000 }, async () => {
    const [p1, p2] = processes as [HiloProcess, HiloProcess];
    const visitor = new ReliableVisitor(() => [p1.url], p1.siteKey);
    const agent = await ReliableAgent.signIn(() => [p2.url]);
    await agent.ensureConnected();
    const first = await visitor.say('before the restart');
    await agent.watch(first.conversationId);
    await expect.poll(() => agent.liveCount.get(first.id)).toBe(1);

    let restarted = false;
    const visitorSends = (async () => {
      for (let i = 1; i <= 30; i += 1) {
        await visitor.say(`visitor ${i}`);
        await sleep(30);
      }
    })();
    const agentSends = (async () => {
      for (let i = 1; i <= 20; i += 1) {
        await agent.reply(first.conversationId, `agent ${i}`);
        await sleep(40);
      }
    })();
    const outage = (async () => {
      await sleep(300);
      await redis.stop();
      await sleep(1500);
      // Same port and data folder: the restarted server replays the AOF.
      redis = await startTestRedis({ appendonly: true, port: redis.port, dir: redis.dir });
      restarted = true;
    })();
    await Promise.all([visitorSends, agentSends, outage]);
    expect(restarted).toBe(true);
    expect(visitor.retries + agent.retries, 'some sends met the outage and were retried').toBeGreaterThan(0);

    // A message sent now crosses from process 1 to process 2 through the re-established adapter.
    await sleep(500);
    const crossing = await visitor.say('after the restart');
    await expect.poll(() => agent.liveCount.get(crossing.id), { timeout: 10_000 }).toBe(1);
    const reply = await agent.reply(first.conversationId, 'heard you');
    await expect.poll(() => visitor.liveCount.get(reply.id), { timeout: 10_000 }).toBe(1);

    await visitor.catchUp();
    await agent.catchUp();
    const client = await testClient(redis.url);
    const stored: Message[] = await createConversationStore(client).messagesAfter(first.conversationId, 0, 1000);
    await client.close();
    expect(stored).toHaveLength(1 + 30 + 20 + 2);
    expectExactlyOnce(first.conversationId, stored, [visitor.acked, agent.acked], [visitor, agent]);
    // Both processes' subscribers lost Redis; each asked its own sockets to catch up.
    expect(visitor.resyncHints).toBeGreaterThan(0);
    expect(agent.resyncHints).toBeGreaterThan(0);
    visitor.close();
    agent.close();
  });
});
