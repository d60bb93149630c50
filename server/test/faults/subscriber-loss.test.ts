import type { Conversation, Message } from '@hilo/shared';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectRedis, sendCommand, watchRedis, type RedisClient } from '../../src/store/redis-client.js';
import { onResubscribed } from '../../src/transport/socket/resync-hint.js';
import {
  agentClient, nextEvent, request, signIn, startTestRedis, startTestServer, uuid, visitorClient, whenConnected, whenReady,
  type AgentClient, type TestRedis, type TestServer, type VisitorClient,
} from '../harness.js';
import { startFaultyProxy, type FaultyProxy } from './tcp-proxy.js';

// Redis Pub/Sub keeps nothing for a subscriber that is away: broadcasts from the other processes while
// a process's subscriber reconnects never reach its sockets. The process must notice and make its
// sockets catch up from the store.
let redis: TestRedis;

beforeAll(async () => {
  redis = await startTestRedis();
});
afterAll(async () => {
  await redis.dispose();
});

describe('losing the adapter subscriber', () => {
  let a: TestServer;
  let b: TestServer;
  const open: Array<VisitorClient | AgentClient> = [];
  beforeAll(async () => {
    a = await startTestServer(redis.url);
    b = await startTestServer(redis.url);
  });
  afterAll(async () => {
    for (const socket of open) socket.disconnect();
    await Promise.all([a.close(), b.close()]);
  });

  it('asks every socket of the process to catch up once its subscriber is back, and delivers across processes again', async () => {
    const cookie = await signIn(b.url);
    const shopper = visitorClient(a.url, { siteKey: a.site.publicKey });
    const agent = agentClient(b.url, cookie);
    open.push(shopper, agent);
    const seesAgent = new Promise<void>((resolve) => shopper.on('agents:presence', (p: { online: number }) => p.online === 1 && resolve()));
    await Promise.all([whenReady(shopper), whenConnected(agent)]);
    await seesAgent;
    // The connect-time presence reply may still be on its way; it must not count as the one after the loss.
    await new Promise((resolve) => setTimeout(resolve, 300));

    const shopperHint = nextEvent<{ withinMs: number }>(shopper, 'sync:needed');
    const agentHint = nextEvent<{ withinMs: number }>(agent, 'sync:needed');
    // Presence pushes from the other process may have been missed too: the shopper is told again.
    const presenceAgain = nextEvent<{ online: number }>(shopper, 'agents:presence');
    // What Redis does to a subscriber that falls behind its output-buffer limit, or a network blip.
    const killer = await connectRedis({ url: redis.url, onError: () => undefined });
    try {
      expect(Number(await sendCommand(killer, 'any', ['CLIENT', 'KILL', 'TYPE', 'pubsub']))).toBeGreaterThanOrEqual(2);
    } finally {
      await killer.close();
    }
    expect(await shopperHint).toEqual({ withinMs: 1000 });
    expect(await agentHint).toEqual({ withinMs: 1000 });
    expect(await presenceAgain).toMatchObject({ online: 1 });
    for (const server of [a, b]) expect(await (await fetch(`${server.url}/metrics`)).text()).toMatch(/^hilo_resync_hints_total 1$/m);

    const seen = new Promise<Message>((resolve) => agent.on('message:new', (m: Message, c?: Conversation) => c && m.text === 'after the blip' && resolve(m)));
    const sent = await request<Message>(shopper, 'message:send', { clientId: uuid(), text: 'after the blip' });
    expect(sent.ok).toBe(true);
    expect((await seen).text).toBe('after the blip');
  });
});

describe('a subscriber on a connection that stops answering', () => {
  let proxy: FaultyProxy;
  let subscriber: RedisClient;
  let publisher: RedisClient;
  let stop: () => void = () => undefined;
  const errors: string[] = [];
  beforeAll(async () => {
    proxy = await startFaultyProxy(Number(new URL(redis.url).port));
    publisher = await connectRedis({ url: redis.url, onError: () => undefined });
  });
  afterAll(async () => {
    stop();
    subscriber.destroy();
    await publisher.close();
    await proxy.close();
  });

  it('is dropped by the watchdog, subscribes again and says so', async () => {
    const client = createClient({ url: proxy.url.replace('http:', 'redis:'), socket: { reconnectStrategy: () => 100 } });
    client.on('error', () => undefined);
    await client.connect();
    subscriber = client;
    watchRedis(subscriber, (err) => errors.push(err.message), { everyMs: 100, timeoutMs: 500 });
    let resubscribed = 0;
    stop = onResubscribed(subscriber, () => resubscribed++, 50);
    const got: string[] = [];
    await client.sSubscribe('shop', (message) => got.push(message));
    await publisher.sPublish('shop', 'before');
    await expect.poll(() => got).toEqual(['before']);

    // A half-open link: the subscriber's socket stays up, nothing comes through.
    proxy.blackhole('down');
    await publisher.sPublish('shop', 'lost in the gap');
    await expect.poll(() => errors.some((e) => e.startsWith('Redis stopped answering')), { timeout: 4000 }).toBe(true);
    // The network heals: the connection opened meanwhile lost its handshake in the blackhole, as no
    // real TCP link would, so it is reset too.
    proxy.blackhole(null);
    proxy.cut();
    await expect.poll(() => resubscribed, { timeout: 5000 }).toBeGreaterThan(0);
    await publisher.sPublish('shop', 'after');
    await expect.poll(() => got).toEqual(['before', 'after']);
  });
});
