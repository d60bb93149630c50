import { beforeEach, describe, expect, it } from 'vitest';
import { redisForStoreTests, scriptCalls } from '../../test/harness.js';
import { keys } from './keys.js';
import type { RedisClient } from './redis-client.js';
import { BODY_CHARS, createSearchStore } from './search-store.js';

const env = redisForStoreTests();
let redis: RedisClient;
let siteId = '';
beforeEach(() => {
  redis = env.client();
  siteId = env.siteId();
});

describe('search store', () => {
  it('finds a conversation by its customer part and by its messages, case-insensitively', async () => {
    const store = createSearchStore(redis);
    await store.update(siteId, 'c1', 'Ana Pérez ana@shop.example', 'Where is my Parcel ZX-99?');
    await store.update(siteId, 'c2', 'Bob', 'hello');
    await store.update(siteId, 'c1', null, 'thanks');
    expect(await store.find(siteId, 'ANA@SHOP', 10)).toEqual(['c1']);
    expect(await store.find(siteId, 'parcel zx-99', 10)).toEqual(['c1']);
    expect(await store.find(siteId, 'thanks', 10)).toEqual(['c1']);
    expect(await store.find(siteId, 'bob', 10)).toEqual(['c2']);
    // Text is matched as text, never as a Lua pattern.
    expect(await store.find(siteId, '.*', 10)).toEqual([]);
    expect(await store.find(siteId, '%a', 10)).toEqual([]);
  });

  it('replaces the customer part when given and keeps it when not', async () => {
    const store = createSearchStore(redis);
    await store.update(siteId, 'c1', 'visitor 12', 'hi');
    await store.update(siteId, 'c1', 'Ana', 'me again');
    await store.update(siteId, 'c1', null, 'still me');
    expect(await store.find(siteId, 'visitor 12', 10)).toEqual([]);
    expect(await store.find(siteId, 'ana', 10)).toEqual(['c1']);
    expect(await store.find(siteId, 'hi', 10)).toEqual(['c1']);
  });

  it('keeps the newest message text, between one and two windows of it, so a message never rewrites the window', async () => {
    const store = createSearchStore(redis);
    await store.update(siteId, 'c1', 'Ana', 'oldest-words');
    const line = 'x'.repeat(99);
    const lengths: number[] = [];
    for (let i = 0; i < 60; i += 1) {
      await store.update(siteId, 'c1', null, `${line}${i % 10}`);
      lengths.push(await redis.strLen(keys.searchBody(siteId, 'c1')));
    }
    await store.update(siteId, 'c1', null, 'newest-words');
    for (const length of lengths) expect(length).toBeLessThanOrEqual(2 * BODY_CHARS);
    // Each message added only itself (plus a space), except the few that cut the window back.
    const grewByOne = lengths.slice(1).filter((length, i) => length - (lengths[i] as number) === 101).length;
    expect(grewByOne).toBeGreaterThanOrEqual(lengths.length - 4);
    expect(Math.min(...lengths.slice(20))).toBeGreaterThanOrEqual(BODY_CHARS);
    expect(await store.find(siteId, 'newest-words', 10)).toEqual(['c1']);
    expect(await store.find(siteId, 'oldest-words', 10)).toEqual([]);
  });

  it('reads a customer part stored with its messages (before bodies had their own key) and moves them out', async () => {
    const store = createSearchStore(redis);
    await redis.hSet(keys.searchText(siteId), 'old', 'ana\u0001 the blue parcel');
    expect(await store.find(siteId, 'blue parcel', 10)).toEqual(['old']);
    await store.update(siteId, 'old', 'ana pérez', 'red box');
    expect(await redis.hGet(keys.searchText(siteId), 'old')).toBe('ana pérez');
    expect(await store.find(siteId, 'blue parcel', 10)).toEqual(['old']);
    expect(await store.find(siteId, 'red box', 10)).toEqual(['old']);
  });

  it('stops at the limit and keeps sites apart', async () => {
    const store = createSearchStore(redis);
    for (let i = 0; i < 5; i += 1) await store.update(siteId, `c${i}`, 'same name', 'same words');
    expect(await store.find(siteId, 'same words', 3)).toHaveLength(3);
    expect(await store.find(`${siteId}-other`, 'same', 10)).toEqual([]);
  });

  it('sends the updates made in one turn as one script call, each message in order, and answers every caller', async () => {
    const store = createSearchStore(redis);
    await store.update(siteId, 'warm', 'warm', 'up');
    const before = await scriptCalls(redis);
    const updates = Array.from({ length: 30 }, (_, i) => store.update(siteId, `c${i % 10}`, i < 10 ? `customer ${i}` : null, `word-${i}`));
    await expect(Promise.all(updates)).resolves.toHaveLength(30);
    expect((await scriptCalls(redis)) - before).toBe(1);
    expect(await redis.get(keys.searchBody(siteId, 'c3'))).toBe(' word-3 word-13 word-23');
    expect(await store.find(siteId, 'customer 7', 10)).toEqual(['c7']);
    // A later turn is a new call.
    await store.update(siteId, 'c1', null, 'later');
    expect((await scriptCalls(redis)) - before).toBe(3);
  });
});
