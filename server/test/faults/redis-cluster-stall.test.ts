import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectRedisCluster, sendCommand, type RedisClient } from '../../src/store/redis-client.js';
import { startTestCluster, type TestCluster } from './redis-cluster.js';
import { outcomeWithin } from '../stalled-command.js';

// A master that accepts bytes and never answers (SIGSTOP; a wedged or half-partitioned node looks the
// same). Cluster node connections have the same watchdog as a single Redis: without it a command
// already written to that node waits for as long as the node is stopped.
let cluster: TestCluster;
let client: RedisClient;
const errors: string[] = [];

beforeAll(async () => {
  cluster = await startTestCluster();
  client = await connectRedisCluster({ urls: cluster.urls, onError: (err) => errors.push(err.message), watchdog: { everyMs: 100, timeoutMs: 500 } });
}, 60_000);
afterAll(async () => {
  for (const node of cluster.nodes) process.kill(node.pid, 'SIGCONT');
  await client.close().catch(() => undefined);
  await cluster.dispose();
});

/** The index of the master that serves `key`'s slot. */
async function ownerOf(key: string): Promise<number> {
  const slot = Number(await sendCommand(client, key, ['CLUSTER', 'KEYSLOT', key]));
  const shards = (await sendCommand(client, key, ['CLUSTER', 'SLOTS'])) as Array<[number, number, [string, number]]>;
  const shard = shards.find(([from, to]) => slot >= from && slot <= to);
  const port = Number(shard?.[2][1]);
  return cluster.nodes.findIndex((n) => n.port === port);
}

describe('Redis Cluster watchdog', () => {
  it('fails commands waiting on a stalled master, keeps the other masters working, and recovers', { timeout: 60_000 }, async () => {
    const key = '{stall}k';
    await client.set(key, 'v');
    const owner = await ownerOf(key);
    const other = ['{a}k', '{b}k', '{c}k', '{d}k', '{e}k'];
    const owners = await Promise.all(other.map(ownerOf));
    const elsewhere = other[owners.findIndex((o) => o !== owner)] as string;
    const pid = (cluster.nodes[owner] as { pid: number }).pid;
    process.kill(pid, 'SIGSTOP');
    const stuck = outcomeWithin(() => client.get(key), 4000);
    try {
      const { outcome, ms } = await stuck;
      expect(outcome).not.toBe('still waiting');
      expect(outcome).not.toBe('answered');
      expect(ms).toBeLessThan(4000);
      expect(errors.some((message) => message.startsWith('Redis stopped answering'))).toBe(true);
      // The masters that answer are not held up by the one that does not.
      await client.set(elsewhere, 'still here');
      expect(await client.get(elsewhere)).toBe('still here');
    } finally {
      process.kill(pid, 'SIGCONT');
    }
    await expect.poll(() => client.get(key).catch(() => null), { timeout: 20_000, interval: 200 }).toBe('v');
  });
});
