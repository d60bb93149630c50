import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MAX_BATCH, runBatched, slotTag } from '../src/store/batched-script.js';
import { sendCommand, type RedisClient } from '../src/store/redis-client.js';
import { startTestRedis, testClient, type TestRedis } from './harness.js';

let redis: TestRedis;
let client: RedisClient;

/** Appends ARGV[1] to a list and returns what the caller asked for: its length, nothing, or a table. */
const PUSH = `
local n = redis.call('RPUSH', KEYS[1], ARGV[1])
if ARGV[2] == 'nil' then return nil end
if ARGV[2] == 'table' then return {n, ARGV[1]} end
if ARGV[2] == 'fail' then return redis.call('INCR', KEYS[1]) end
return n`;

/** Script runs Redis has served since the last reset (EVALSHA, plus EVAL the first time). */
async function scriptCommands(): Promise<number> {
  const info = String(await sendCommand(client, 'x', ['INFO', 'commandstats']));
  return [...info.matchAll(/cmdstat_eval(?:sha)?:calls=(\d+)/g)].reduce((sum, m) => sum + Number(m[1]), 0);
}

beforeAll(async () => {
  redis = await startTestRedis();
  client = await testClient(redis.url);
});

afterAll(async () => {
  await client.quit();
  await redis.dispose();
});

beforeEach(async () => {
  await client.flushAll();
  // Loads both forms of the script, so the counts below are one EVALSHA per batch.
  await Promise.all([runBatched(client, PUSH, ['warm'], ['x', '']), runBatched(client, PUSH, ['warm'], ['y', ''])]);
  await runBatched(client, PUSH, ['warm'], ['z', '']);
  await sendCommand(client, 'x', ['CONFIG', 'RESETSTAT']);
});

describe('batched scripts', () => {
  it('runs the calls made in one turn as one script, in call order, each with its own reply', async () => {
    const replies = await Promise.all([
      runBatched(client, PUSH, ['{site:a}:list'], ['one', '']),
      runBatched(client, PUSH, ['{site:a}:list'], ['two', 'nil']),
      runBatched(client, PUSH, ['{site:a}:list'], ['three', 'table']),
      runBatched(client, PUSH, ['{site:a}:other'], ['four', '']),
    ]);
    expect(replies).toEqual([1, null, [3, 'three'], 1]);
    expect(await client.lRange('{site:a}:list', 0, -1)).toEqual(['one', 'two', 'three']);
    expect(await scriptCommands()).toBe(1);
  });

  it('keeps each slot in its own batch, and a call alone runs the plain script', async () => {
    const replies = await Promise.all([
      runBatched(client, PUSH, ['{site:a}:list'], ['a1', '']),
      runBatched(client, PUSH, ['{site:b}:list'], ['b1', '']),
      runBatched(client, PUSH, ['{site:a}:list'], ['a2', '']),
    ]);
    expect(replies).toEqual([1, 1, 2]);
    expect(await scriptCommands()).toBe(2);
    expect(await runBatched(client, PUSH, ['{site:b}:list'], ['b2', ''])).toBe(2);
    expect(await scriptCommands()).toBe(3);
  });

  it('splits a crowd into scripts of at most MAX_BATCH calls, still in order', async () => {
    const count = MAX_BATCH * 2 + 5;
    const replies = await Promise.all(Array.from({ length: count }, (_, i) => runBatched(client, PUSH, ['{site:a}:list'], [String(i), ''])));
    expect(replies).toEqual(Array.from({ length: count }, (_, i) => i + 1));
    expect(await scriptCommands()).toBe(3);
  });

  it('fails only the call whose script fails: the calls before and after it in the batch run and answer', async () => {
    const settled = await Promise.allSettled([
      runBatched(client, PUSH, ['{site:a}:list'], ['ok', '']),
      runBatched(client, PUSH, ['{site:a}:list'], ['bad', 'fail']),
      runBatched(client, PUSH, ['{site:a}:list'], ['after', '']),
      runBatched(client, PUSH, ['{site:b}:list'], ['fine', '']),
    ]);
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect(settled[1]).toMatchObject({ reason: expect.objectContaining({ message: expect.stringMatching(/WRONGTYPE/) }) });
    expect(settled[2]).toEqual({ status: 'fulfilled', value: 3 });
    expect(await client.lRange('{site:a}:list', 0, -1)).toEqual(['ok', 'bad', 'after']);
    expect(await scriptCommands()).toBe(2);
  });

  it('fails every call of a batch that Redis refuses as a whole', async () => {
    // A script Redis cannot compile fails the whole EVALSHA, as an unreachable Redis would.
    const settled = await Promise.allSettled([
      runBatched(client, 'return (', ['{site:a}:list'], ['x']),
      runBatched(client, 'return (', ['{site:a}:list'], ['y']),
    ]);
    expect(settled.map((s) => s.status)).toEqual(['rejected', 'rejected']);
  });

  it('groups by the hash tag Redis Cluster uses', () => {
    expect(slotTag('hilo:site:{s_1}:inbox:open')).toBe('s_1');
    expect(slotTag('hilo:site:{s_1}:view:{x}')).toBe('s_1');
    expect(slotTag('plain')).toBe('plain');
    expect(slotTag('empty:{}:tag')).toBe('empty:{}:tag');
  });
});
