import { createShardedAdapter } from '@socket.io/redis-adapter';
import { Server } from 'socket.io';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectRedis, type RedisClient } from '../src/store/redis-client.js';
import { skipOwnPublishes, type OwnPublishFilter } from '../src/store/skip-own-publishes.js';
import { startTestRedis, type TestRedis } from './harness.js';

// Two "processes" (two Socket.IO servers with the sharded adapter) on one real Redis, without HTTP:
// each one's broadcasts must reach the other and come back to itself only to be dropped unread.
let redis: TestRedis;
const clients: RedisClient[] = [];
const servers: Server[] = [];

async function startProcess(): Promise<{ io: Server; filter: OwnPublishFilter<RedisClient>; heard: () => number }> {
  const pub = await connectRedis({ url: redis.url, onError: () => undefined });
  const sub = await connectRedis({ url: redis.url, onError: () => undefined });
  clients.push(pub, sub);
  const filter = skipOwnPublishes(sub);
  const io = new Server({ adapter: createShardedAdapter(pub, filter.subscriber) });
  servers.push(io);
  const adapter = io.of('/agent').adapter;
  filter.own(adapter);
  // What reaches the adapter after the filter.
  let heard = 0;
  const onMessage = (adapter as unknown as { onMessage: (...args: unknown[]) => void }).onMessage.bind(adapter);
  (adapter as unknown as { onMessage: (...args: unknown[]) => void }).onMessage = (...args) => {
    heard += 1;
    onMessage(...args);
  };
  // A socket of this process in the site's room: the adapter subscribes to the room's channel.
  adapter.addAll(`sid-${servers.length}`, new Set(['site:s1']));
  return { io, filter, heard: () => heard };
}

beforeAll(async () => {
  redis = await startTestRedis();
});
afterAll(async () => {
  // No HTTP server is attached, so only the adapters have something to close.
  await Promise.all(servers.map((io) => io.of('/agent').adapter.close()));
  await Promise.all(clients.map((c) => c.close().catch(() => undefined)));
  await redis.dispose();
});

describe('skipOwnPublishes', () => {
  it("drops this process's own broadcasts unread and passes the other process's to the adapter", async () => {
    const a = await startProcess();
    const b = await startProcess();
    await new Promise((resolve) => setTimeout(resolve, 100));
    a.io.of('/agent').to('site:s1').emit('message:new', { id: 'm1', text: 'a "quoted" text ending in "}' }, { id: 'c1', uid: 'x' });
    await expect.poll(() => b.heard()).toBe(1);
    expect(a.filter.skipped()).toBe(1);
    expect(a.heard()).toBe(0);

    b.io.of('/agent').to('site:s1').emit('message:new', { id: 'm2', text: 'back' });
    await expect.poll(() => a.heard()).toBe(1);
    expect(b.filter.skipped()).toBe(1);
    expect(b.heard()).toBe(1);
  });
});
