import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectRedis, sendCommand, type RedisClient } from '../../src/store/redis-client.js';
import { startTestRedis, type TestRedis } from '../harness.js';
import { startFaultyProxy, type FaultyProxy } from './tcp-proxy.js';

// A managed Redis failover: the replica is promoted, the old primary becomes its replica, and the
// endpoint's name now leads to the new primary (here: a proxy that sends new connections there). The
// connection Hilo already holds still reaches the old node, which answers everything but refuses writes.
let primary: TestRedis;
let replica: TestRedis;
let proxy: FaultyProxy;
let client: RedisClient;
const admin: RedisClient[] = [];
const errors: string[] = [];
const port = (redis: TestRedis) => Number(new URL(redis.url).port);

beforeAll(async () => {
  [primary, replica] = await Promise.all([startTestRedis(), startTestRedis()]);
  proxy = await startFaultyProxy(port(primary));
  client = await connectRedis({ url: proxy.url.replace('http:', 'redis:'), onError: (err) => errors.push(err.message), watchdog: { everyMs: 100, timeoutMs: 500 } });
  for (const redis of [primary, replica]) admin.push(await connectRedis({ url: redis.url, onError: () => undefined }));
});
afterAll(async () => {
  await Promise.all([client, ...admin].map((c) => c.close().catch(() => undefined)));
  await proxy.close();
  await Promise.all([primary.dispose(), replica.dispose()]);
});

describe('a managed Redis failing over', () => {
  it('moves the command connection to the promoted replica, so writes work again within seconds', async () => {
    const [onPrimary, onReplica] = admin as [RedisClient, RedisClient];
    await sendCommand(onReplica, 'x', ['REPLICAOF', '127.0.0.1', String(port(primary))]);
    await client.set('before', '1');
    await expect.poll(() => onReplica.get('before'), { timeout: 10_000 }).toBe('1');

    await sendCommand(onReplica, 'x', ['REPLICAOF', 'NO', 'ONE']);
    await sendCommand(onPrimary, 'x', ['REPLICAOF', '127.0.0.1', String(port(replica))]);
    proxy.retarget(port(replica));
    // Refused by the old node, or failed as the role check drops that connection (under load it may
    // get there first): never written to the demoted node.
    await expect(client.set('during', '1')).rejects.toThrow(/READONLY|Disconnects client/);

    // Without the role check the old connection answers PING forever and every write fails.
    await expect.poll(() => client.set('after', '1').then(() => 'written', (err: Error) => err.message), { timeout: 5000, interval: 100 }).toBe('written');
    expect(await onReplica.get('after')).toBe('1');
    expect(errors.some((message) => message.includes('read-only replica'))).toBe(true);
  });
});
