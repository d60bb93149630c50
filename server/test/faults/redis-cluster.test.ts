import type { Message } from '@hilo/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConversationStore } from '../../src/store/conversation-store.js';
import { connectRedisCluster, type RedisClient } from '../../src/store/redis-client.js';
import { ADMIN, SHOP_ORIGIN, signIn } from '../harness.js';
import { expectExactlyOnce } from './assertions.js';
import { startHiloProcess, stopAll, type HiloProcess } from './hilo-processes.js';
import { startTestCluster, type TestCluster } from './redis-cluster.js';
import { ReliableAgent, ReliableVisitor } from './reliable-clients.js';

/**
 * Redis Cluster for real: three masters on loopback, two Hilo processes (sharded Pub/Sub adapter,
 * hash-tagged keys), a chat crossing the processes, and a master restarted in the middle of it.
 */
let cluster: TestCluster;
const processes: HiloProcess[] = [];

beforeAll(async () => {
  cluster = await startTestCluster();
  const env = { REDIS_CLUSTER_URLS: cluster.urls.join(',') };
  // The first start seeds the demo (articles, a 30-day activity history, teams) through the cluster too.
  processes.push(await startHiloProcess('', { ...env, DEMO_SEED: 'true' }));
  processes.push(await startHiloProcess('', env));
  // The chat below counts every stored message: no answer bot in it.
  const [first] = processes;
  if (!first) throw new Error('no process');
  const cookie = await signIn(first.url, ADMIN);
  const off = await fetch(`${first.url}/api/kb/bot`, { method: 'PUT', headers: { 'content-type': 'application/json', origin: first.url, cookie }, body: JSON.stringify({ enabled: false }) });
  expect(off.status).toBe(200);
}, 90_000);
afterAll(async () => {
  await stopAll(processes);
  await cluster?.dispose();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('Redis Cluster', () => {
  it('carries a chat across two processes and survives a master restart', { timeout: 90_000 }, async () => {
    const [p1, p2] = processes as [HiloProcess, HiloProcess];
    const visitor = new ReliableVisitor(() => [p1.url], p1.siteKey);
    const agent = await ReliableAgent.signIn(() => [p2.url]);
    await agent.ensureConnected();
    const first = await visitor.say('hello, cluster');
    await agent.watch(first.conversationId);
    await expect.poll(() => agent.liveCount.get(first.id), { timeout: 10_000 }).toBe(1);
    const reply = await agent.reply(first.conversationId, 'hello from the other process');
    await expect.poll(() => visitor.liveCount.get(reply.id), { timeout: 10_000 }).toBe(1);
    expect((await fetch(`${p1.url}/healthz`)).status).toBe(200);
    expect(await (await fetch(`${p2.url}/metrics`)).text()).toMatch(/^hilo_messages_stored_total\{author="agent"\} 1$/m);

    // Restart every master in turn, so the one holding this conversation's slot is certainly among them.
    const sends = (async () => {
      for (let i = 1; i <= 30; i += 1) {
        await visitor.say(`visitor ${i}`);
        await agent.reply(first.conversationId, `agent ${i}`);
        await sleep(30);
      }
    })();
    for (let n = 0; n < 3; n += 1) {
      await sleep(200);
      await cluster.restart(n);
      await cluster.waitHealthy();
    }
    await sends;

    const crossing = await visitor.say('after the restarts');
    await expect.poll(() => agent.liveCount.get(crossing.id), { timeout: 15_000 }).toBe(1);
    await visitor.catchUp();
    await agent.catchUp();
    const client: RedisClient = await connectRedisCluster({ urls: cluster.urls, onError: () => undefined });
    const stored: Message[] = await createConversationStore(client).messagesAfter(first.conversationId, 0, 1000);
    await client.close();
    expect(stored).toHaveLength(2 + 60 + 1);
    expectExactlyOnce(first.conversationId, stored, [visitor.acked, agent.acked], [visitor, agent]);
    // Both processes' subscribers lost Redis; each asked its own sockets to catch up.
    expect(visitor.resyncHints).toBeGreaterThan(0);
    expect(agent.resyncHints).toBeGreaterThan(0);
    visitor.close();
    agent.close();
  });

  it('serves the knowledge base and the reports from the cluster, on either process', async () => {
    const [p1, p2] = processes as [HiloProcess, HiloProcess];
    const search = await fetch(`${p2.url}/widget/kb/search?site=${p1.siteKey}&q=devolver`, { headers: { origin: SHOP_ORIGIN } });
    expect(search.status).toBe(200);
    expect(((await search.json()) as { results: Array<{ title: string }> }).results[0]?.title).toBe('Devolución de pedidos');
    const cookie = await signIn(p2.url, ADMIN);
    const to = new Date().toISOString().slice(0, 10);
    const from = new Date(Date.now() - 29 * 86_400_000).toISOString().slice(0, 10);
    const report = await fetch(`${p2.url}/api/reports?from=${from}&to=${to}`, { headers: { cookie } });
    expect(report.status).toBe(200);
    expect(((await report.json()) as { totals: { conversations: number } }).totals.conversations).toBeGreaterThan(100);
  });
});
