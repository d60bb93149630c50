import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestRedis, testClient, type TestRedis } from '../../test/harness.js';
import { keys } from './keys.js';
import type { RedisClient } from './redis-client.js';
import { createRoutingStore } from './routing-store.js';

let server: TestRedis;
let redis: RedisClient;
let other: RedisClient;
let site = 0;
let siteId = '';
const NOW = 1_000_000;
const STALE_BEFORE = NOW - 45_000;

beforeAll(async () => {
  server = await startTestRedis();
  redis = await testClient(server.url);
  other = await testClient(server.url);
});
afterAll(async () => {
  redis.destroy();
  other.destroy();
  await server.dispose();
});
beforeEach(() => {
  site += 1;
  siteId = `s_${site}`;
});

async function online(store: ReturnType<typeof createRoutingStore>, ...agentIds: string[]): Promise<void> {
  for (const id of agentIds) await store.heartbeat(siteId, id, NOW);
}

async function queue(store: ReturnType<typeof createRoutingStore>, count: number, teamId: string | null = null, prefix = 'c'): Promise<string[]> {
  const ids = Array.from({ length: count }, (_, i) => `${prefix}_${String(i).padStart(4, '0')}`);
  for (const [i, id] of ids.entries()) await store.setAssignee(siteId, id, null, 'enqueue-if-free', NOW + i, teamId);
  return ids;
}

describe('routing store (Lua, one real Redis)', () => {
  it('assigns round-robin among online agents, oldest conversation first', async () => {
    const store = createRoutingStore(redis);
    await online(store, 'a_1', 'a_2', 'a_3');
    await queue(store, 6);
    const assigned = await store.autoAssign(siteId, STALE_BEFORE, 5);
    expect(assigned.map((p) => `${p.conversationId}>${p.agentId}`)).toEqual([
      'c_0000>a_1', 'c_0001>a_2', 'c_0002>a_3', 'c_0003>a_1', 'c_0004>a_2', 'c_0005>a_3',
    ]);
    // The cursor survives between runs: the next conversation goes to the agent after the last one.
    await store.setAssignee(siteId, 'c_next', null, 'enqueue-if-free', NOW + 100, null);
    expect(await store.autoAssign(siteId, STALE_BEFORE, 5)).toEqual([{ conversationId: 'c_next', agentId: 'a_1' }]);
  });

  it('never goes past an agent capacity and leaves the rest queued', async () => {
    const store = createRoutingStore(redis);
    await online(store, 'a_1', 'a_2');
    await store.setCapacity(siteId, 'a_1', 1);
    await store.setCapacity(siteId, 'a_2', 2);
    await queue(store, 5);
    const assigned = await store.autoAssign(siteId, STALE_BEFORE, 5);
    expect(assigned).toHaveLength(3);
    const states = await store.agentStates(siteId);
    expect(states.load.get('a_1')).toBe(1);
    expect(states.load.get('a_2')).toBe(2);
    expect(await redis.zCard(keys.routeQueue(siteId))).toBe(2);
    // Releasing one (resolved) frees a slot for the next in line.
    await store.setAssignee(siteId, assigned[0]?.conversationId ?? '', null, 'release', NOW, null);
    expect(await store.autoAssign(siteId, STALE_BEFORE, 5)).toEqual([{ conversationId: 'c_0003', agentId: 'a_1' }]);
  });

  it('skips away agents and agents whose tabs stopped sending heartbeats', async () => {
    const store = createRoutingStore(redis);
    await online(store, 'a_1', 'a_2');
    await store.heartbeat(siteId, 'a_3', STALE_BEFORE - 1);
    await store.setStatus(siteId, 'a_1', 'away');
    await queue(store, 2);
    const assigned = await store.autoAssign(siteId, STALE_BEFORE, 5);
    expect(assigned.map((p) => p.agentId)).toEqual(['a_2', 'a_2']);
  });

  it('gives a team conversation only to members of that team', async () => {
    const store = createRoutingStore(redis);
    await online(store, 'a_1', 'a_2', 'a_3');
    await store.saveTeam(siteId, { id: 't_billing', name: 'Billing', memberIds: ['a_2'] });
    await store.saveTeam(siteId, { id: 't_sales', name: 'Sales', memberIds: ['a_3', 'a_1'] });
    await queue(store, 3, 't_billing', 'bill');
    await queue(store, 2, 't_sales', 'sale');
    const assigned = await store.autoAssign(siteId, STALE_BEFORE, 5);
    const byConv = Object.fromEntries(assigned.map((p) => [p.conversationId, p.agentId]));
    expect([byConv.bill_0000, byConv.bill_0001, byConv.bill_0002]).toEqual(['a_2', 'a_2', 'a_2']);
    expect([byConv.sale_0000, byConv.sale_0001]).toEqual(['a_1', 'a_3']);
  });

  it('waits in the queue when no member of the team is online', async () => {
    const store = createRoutingStore(redis);
    await online(store, 'a_1');
    await store.saveTeam(siteId, { id: 't_vip', name: 'VIP', memberIds: ['a_9'] });
    await queue(store, 1, 't_vip');
    expect(await store.autoAssign(siteId, STALE_BEFORE, 5)).toEqual([]);
    expect(await redis.zCard(keys.routeQueue(siteId))).toBe(1);
  });

  it('moves load on manual assign, transfer and unassign', async () => {
    const store = createRoutingStore(redis);
    await store.setAssignee(siteId, 'c_1', 'a_1', 'assign', NOW, null);
    expect(await store.setAssignee(siteId, 'c_1', 'a_2', 'assign', NOW, null)).toBe('a_1');
    let states = await store.agentStates(siteId);
    expect([states.load.get('a_1'), states.load.get('a_2')]).toEqual([0, 1]);
    expect(await store.setAssignee(siteId, 'c_1', null, 'queue', NOW, 't_x')).toBe('a_2');
    states = await store.agentStates(siteId);
    expect(states.load.get('a_2')).toBe(0);
    expect(await redis.hGet(keys.routeQueueTeam(siteId), 'c_1')).toBe('t_x');
    // A conversation somebody holds is not put back in the queue by a late "new conversation" call.
    await store.setAssignee(siteId, 'c_2', 'a_1', 'assign', NOW, null);
    expect(await store.setAssignee(siteId, 'c_2', null, 'enqueue-if-free', NOW, null)).toBe('a_1');
    expect(await redis.zScore(keys.routeQueue(siteId), 'c_2')).toBeNull();
  });

  it('two concurrent assigners on separate connections never assign one conversation twice', async () => {
    const a = createRoutingStore(redis);
    const b = createRoutingStore(other);
    const agents = ['a_1', 'a_2', 'a_3', 'a_4', 'a_5'];
    await online(a, ...agents);
    for (const id of agents) await a.setCapacity(siteId, id, 40);
    const ids = await queue(a, 300);
    // Both "processes" drain the queue at the same time, as fast as they can.
    const drain = async (store: ReturnType<typeof createRoutingStore>) => {
      const mine: Array<{ conversationId: string; agentId: string }> = [];
      for (let i = 0; i < 20; i++) mine.push(...(await store.autoAssign(siteId, STALE_BEFORE, 5)));
      return mine;
    };
    const [fromA, fromB] = await Promise.all([drain(a), drain(b)]);
    const all = [...fromA, ...fromB];
    expect(all).toHaveLength(200);
    expect(new Set(all.map((p) => p.conversationId)).size).toBe(200);
    const states = await a.agentStates(siteId);
    for (const id of agents) {
      expect(states.load.get(id)).toBe(40);
      expect(all.filter((p) => p.agentId === id)).toHaveLength(40);
    }
    expect(await redis.hLen(keys.routeAssignee(siteId))).toBe(200);
    expect(await redis.zCard(keys.routeQueue(siteId))).toBe(ids.length - 200);
  });
});
