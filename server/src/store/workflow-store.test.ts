import type { Conversation } from '@hilo/shared';
import { beforeEach, describe, expect, it } from 'vitest';
import { redisForStoreTests, scriptCalls } from '../../test/harness.js';
import { keys } from './keys.js';
import type { RedisClient } from './redis-client.js';
import { createWorkflowStore } from './workflow-store.js';

const env = redisForStoreTests();
let redis: RedisClient;
let siteId = '';
beforeEach(() => {
  redis = env.client();
  siteId = env.siteId();
});

const conversation = (over: Partial<Conversation> = {}): Conversation => ({
  id: 'c1', siteId, visitorId: 'v1', contactId: null, channel: 'chat', subject: null, status: 'open', assigneeId: null,
  createdAt: 1000, updatedAt: 2000, firstResponseAt: null, resolvedAt: null, lastOrder: 1, lastMessage: null, visitorName: null,
  teamId: null, labels: [], snoozedUntil: null, waitingSince: 1500, ...over,
});

/** Where the conversation is now: each status inbox and view it is in, with its score there. */
async function placement(): Promise<Record<string, number>> {
  const found: Record<string, number> = {};
  for (const status of ['open', 'pending', 'resolved']) {
    const score = await redis.zScore(keys.inbox(siteId, status), 'c1');
    if (score !== null) found[`inbox:${status}`] = score;
  }
  for (const view of ['all', 'unassigned', 'agent:a1', 'waiting', 'resolved', 'snoozed']) {
    const score = await redis.zScore(keys.view(siteId, view), 'c1');
    if (score !== null) found[view] = score;
  }
  return found;
}

describe('workflow store re-index', () => {
  it('files the conversation in its status inbox and its views, and moves it out of the ones it left', async () => {
    const store = createWorkflowStore(redis);
    await store.reindex(conversation());
    expect(await placement()).toEqual({ 'inbox:open': 2000, all: 2000, unassigned: 2000, waiting: 1500 });

    await store.reindex(conversation({ assigneeId: 'a1', updatedAt: 3000 }));
    expect(await placement()).toEqual({ 'inbox:open': 3000, all: 3000, 'agent:a1': 3000, waiting: 1500 });

    await store.reindex(conversation({ status: 'resolved', assigneeId: null, updatedAt: 4000, waitingSince: null }));
    expect(await placement()).toEqual({ 'inbox:resolved': 4000, resolved: 4000 });
  });

  it('re-indexes a routed conversation with its new activity, and leaves an unrouted one untouched', async () => {
    const store = createWorkflowStore(redis);
    await store.reindex(conversation());
    expect(await store.reindexIfRouted(conversation({ updatedAt: 5000 }))).toBe(false);
    expect(await placement()).toEqual({ 'inbox:open': 2000, all: 2000, unassigned: 2000, waiting: 1500 });

    await redis.zAdd(keys.routeQueue(siteId), { score: 2000, value: 'c1' });
    expect(await store.reindexIfRouted(conversation({ updatedAt: 5000 }))).toBe(true);
    expect(await placement()).toEqual({ 'inbox:open': 5000, all: 5000, unassigned: 5000, waiting: 1500 });
  });

  it('re-indexes the conversations of one turn in one script call, in call order, each caller with its own answer', async () => {
    const store = createWorkflowStore(redis);
    await store.reindex(conversation({ id: 'warm' }));
    await redis.zAdd(keys.routeQueue(siteId), { score: 1, value: 'c1' });
    const before = await scriptCalls(redis);
    const answers = await Promise.all([
      store.reindexIfRouted(conversation({ updatedAt: 6000 })),
      store.reindexIfRouted(conversation({ id: 'c2', updatedAt: 6000 })),
      store.reindex(conversation({ id: 'c3', updatedAt: 6100 })).then(() => 'done'),
      // The same conversation again, later in the turn: its second entry wins.
      store.reindexIfRouted(conversation({ assigneeId: 'a1', updatedAt: 7000 })),
    ]);
    expect((await scriptCalls(redis)) - before).toBe(1);
    expect(answers).toEqual([true, false, 'done', true]);
    expect(await placement()).toEqual({ 'inbox:open': 7000, all: 7000, 'agent:a1': 7000, waiting: 1500 });
    expect(await redis.zScore(keys.view(siteId, 'all'), 'c2')).toBeNull();
    expect(await redis.zScore(keys.view(siteId, 'all'), 'c3')).toBe(6100);
  });
});
