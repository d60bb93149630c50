import { Adapter, type BroadcastOptions, MessageType } from 'socket.io-adapter';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RedisClient } from '../src/store/redis-client.js';
import { createSoloMode, PEERS_CHANNEL, type SoloMode } from '../src/transport/socket/solo-mode.js';
import type { Conversation, Message } from '@hilo/shared';
import {
  agentClient, request, signIn, startTestRedis, startTestServer, testClient, uuid, visitorClient, whenConnected, whenReady, type TestRedis,
} from './harness.js';

// Solo mode on a real Redis: processes are pairs of node-redis clients (commands and Pub/Sub) with an
// in-memory adapter that broadcasts as the Redis adapter does (publish, then deliver locally) and
// records what would have gone to Redis.
let redis: TestRedis;
let clients: RedisClient[] = [];
let modes: SoloMode[] = [];

beforeAll(async () => {
  redis = await startTestRedis();
});
afterEach(async () => {
  for (const mode of modes) mode.stop();
  await Promise.all(clients.map((c) => c.close().catch(() => undefined)));
  clients = [];
  modes = [];
});
afterAll(async () => {
  await redis.dispose();
});

const broadcast = { type: MessageType.BROADCAST, data: { packet: { type: 2, data: ['message:new', { id: 'm1' }] }, opts: { rooms: ['site:s1'] } } };

async function startProcess(options: { joinTimeoutMs?: number } = {}) {
  const commands = await testClient(redis.url);
  const subscriber = await testClient(redis.url);
  clients.push(commands, subscriber);
  const events = { unannounced: 0, lateAcks: 0 };
  const mode = createSoloMode({
    redis: commands,
    subscriber,
    onUnannouncedPeer: () => (events.unannounced += 1),
    onLateAck: () => (events.lateAcks += 1),
    checkEveryMs: 50,
    ...options,
  });
  modes.push(mode);
  const published = vi.fn((_message: unknown) => Promise.resolve('sent'));
  const encode = vi.fn((packet: unknown) => [JSON.stringify(packet)]);
  const sockets = new Map<string, { client: { writeToEngine: ReturnType<typeof vi.fn> } }>();
  class ClusterLike extends Adapter {
    doPublish = published;
    override async broadcast(packet: never, opts: BroadcastOptions) {
      await this.doPublish({ type: MessageType.BROADCAST, data: { packet, opts } });
      super.broadcast(packet, opts);
    }
  }
  const adapter = new ClusterLike({ name: '/visitor', server: { encoder: { encode } }, sockets } as never);
  mode.own(adapter);
  /** A connected tab: its own room plus `rooms`. */
  const connect = (sid: string, ...rooms: string[]) => {
    const socket = { client: { writeToEngine: vi.fn() } };
    sockets.set(sid, socket);
    adapter.addAll(sid, new Set([sid, ...rooms]));
    return socket.client.writeToEngine;
  };
  return { mode, adapter, published, encode, connect, events, subscriber, started: mode.start() };
}

const echo = { type: 2, data: ['message:new', { id: 'm1' }] } as never;

describe('solo mode', () => {
  it('keeps plain broadcasts off Redis while alone, but never requests that wait for answers', async () => {
    const a = await startProcess();
    await a.started;
    await expect.poll(() => a.mode.isSolo()).toBe(true);

    expect(await a.adapter.doPublish(broadcast)).toBe('');
    expect(a.published).not.toHaveBeenCalled();
    expect(a.mode.skipped()).toBe(1);

    await a.adapter.doPublish({ type: MessageType.FETCH_SOCKETS, data: { requestId: 'r1', opts: { rooms: [] } } });
    await a.adapter.doPublish({ ...broadcast, data: { ...broadcast.data, requestId: 'r2' } });
    expect(a.published).toHaveBeenCalledTimes(2);
  });

  it('while alone, delivers a broadcast to its own sockets at once, and encodes none that no socket of it would get', async () => {
    const a = await startProcess();
    await a.started;
    await expect.poll(() => a.mode.isSolo()).toBe(true);
    const sender = a.connect('s1', 'visitor:v1');
    const otherTab = a.connect('s2', 'visitor:v1');

    // The echo of a shopper's message to their other tabs, not to the tab that sent it.
    void a.adapter.broadcast(echo, { rooms: new Set(['visitor:v1']), except: new Set(['s1']) });
    expect(otherTab).toHaveBeenCalledTimes(1);
    expect(sender).not.toHaveBeenCalled();

    a.adapter.delAll('s2');
    a.encode.mockClear();
    void a.adapter.broadcast(echo, { rooms: new Set(['visitor:v1']), except: new Set(['s1']) });
    void a.adapter.broadcast(echo, { rooms: new Set(['visitor:nobody']), except: new Set() });
    expect(a.encode).not.toHaveBeenCalled();
    expect(a.published).not.toHaveBeenCalled();
    expect(a.mode.skipped()).toBe(3);
  });

  it('with a peer, sends every broadcast through Redis before its own sockets get it', async () => {
    const a = await startProcess();
    await a.started;
    const b = await startProcess();
    await b.started;
    const tab = a.connect('s1', 'agents:site1');
    const delivered = a.adapter.broadcast(echo, { rooms: new Set(['agents:site1']), except: new Set() });
    expect(tab).not.toHaveBeenCalled();
    await delivered;
    expect(a.published).toHaveBeenCalledTimes(1);
    expect(tab).toHaveBeenCalledTimes(1);
    // Nothing skipped, even for a room with no socket here: the peer may have some.
    await a.adapter.broadcast(echo, { rooms: new Set(['visitor:v9']), except: new Set() });
    expect(a.published).toHaveBeenCalledTimes(2);
  });

  it('makes every running process publish before a newcomer finishes starting, and back to solo when it leaves', async () => {
    const a = await startProcess();
    await a.started;
    await expect.poll(() => a.mode.isSolo()).toBe(true);

    const b = await startProcess();
    await b.started;
    // B takes sockets only now: A must already be sending it every broadcast.
    expect(a.mode.isSolo()).toBe(false);
    await a.adapter.doPublish(broadcast);
    expect(a.published).toHaveBeenCalledTimes(1);
    // Neither goes solo while the other is there.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect([a.mode.isSolo(), b.mode.isSolo()]).toEqual([false, false]);
    expect(a.events).toEqual({ unannounced: 0, lateAcks: 0 });

    b.mode.stop();
    await b.subscriber.close();
    await expect.poll(() => a.mode.isSolo()).toBe(true);
  });

  it('makes the whole cluster catch up when it finds a peer it was not told about', async () => {
    const a = await startProcess();
    await a.started;
    await expect.poll(() => a.mode.isSolo()).toBe(true);
    // A process whose hello A never heard (A's subscriber was away then): it only subscribes.
    const quiet = await testClient(redis.url);
    clients.push(quiet);
    await quiet.sSubscribe(PEERS_CHANNEL, () => undefined);

    await expect.poll(() => a.events.unannounced).toBe(1);
    expect(a.mode.isSolo()).toBe(false);
    await a.adapter.doPublish(broadcast);
    expect(a.published).toHaveBeenCalledTimes(1);
  });

  it('tells its own sockets to catch up when a peer answers the hello after it stopped waiting', async () => {
    // A peer so busy that its answer comes after the newcomer's wait.
    const slow = await testClient(redis.url);
    const slowCommands = await testClient(redis.url);
    clients.push(slow, slowCommands);
    await slow.sSubscribe(PEERS_CHANNEL, (raw) => {
      const signal = JSON.parse(raw) as { hello?: string };
      if (signal.hello) setTimeout(() => void slowCommands.sPublish(PEERS_CHANNEL, JSON.stringify({ ack: signal.hello, from: 'slow' })), 300);
    });

    const b = await startProcess({ joinTimeoutMs: 50 });
    const startedAt = Date.now();
    await b.started;
    expect(Date.now() - startedAt).toBeLessThan(300);
    expect(b.events.lateAcks).toBe(0);
    await expect.poll(() => b.events.lateAcks).toBe(1);
  });

  it('does not go solo while its own subscriber is away, even when exactly one other process listens', async () => {
    const a = await startProcess();
    await a.started;
    await expect.poll(() => a.mode.isSolo()).toBe(true);
    await a.subscriber.close();
    await expect.poll(() => a.mode.isSolo()).toBe(false);
    // One subscriber again, but not this process: its probes reach the other one, never itself.
    const other = await testClient(redis.url);
    clients.push(other);
    await other.sSubscribe(PEERS_CHANNEL, () => undefined);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(a.mode.isSolo()).toBe(false);
  });
});

describe('solo mode in Hilo processes', () => {
  const soloGauge = async (url: string) => (await (await fetch(`${url}/metrics`)).text()).match(/^hilo_adapter_solo (\d)$/m)?.[1];

  it('a second process started next to a solo one gets its pushes at once, and the first is solo again once it leaves', async () => {
    const a = await startTestServer(redis.url);
    await expect.poll(() => soloGauge(a.url), { timeout: 5000 }).toBe('1');
    const b = await startTestServer(redis.url);
    try {
      expect(await soloGauge(a.url)).toBe('0');
      const agent = agentClient(b.url, await signIn(b.url));
      const shopper = visitorClient(a.url, { siteKey: a.site.publicKey });
      await Promise.all([whenConnected(agent), whenReady(shopper)]);
      const pushed = new Promise<Message>((resolve) => agent.on('message:new', (m: Message, c?: Conversation) => c && m.text === 'across' && resolve(m)));
      expect((await request<Message>(shopper, 'message:send', { clientId: uuid(), text: 'across' })).ok).toBe(true);
      expect((await pushed).text).toBe('across');
      agent.disconnect();
      shopper.disconnect();
    } finally {
      await b.close();
    }
    await expect.poll(() => soloGauge(a.url), { timeout: 5000 }).toBe('1');
    await a.close();
  });
});
