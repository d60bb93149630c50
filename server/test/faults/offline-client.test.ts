import type { ConversationHistory, Message } from '@hilo/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '@hilo/shared';
import { startTestRedis, startTestServer, type TestRedis, type TestServer } from '../harness.js';
import { ReliableAgent, ReliableVisitor } from './reliable-clients.js';

/**
 * A shopper goes offline while the agent keeps writing (more than one sync page), then comes back with
 * the same token and gets every message exactly once. The absence lasts seconds here, not a minute:
 * messages are durable in Redis, so the length of the absence does not change the code path.
 */
let redis: TestRedis;
let server: TestServer;

beforeAll(async () => {
  redis = await startTestRedis();
  server = await startTestServer(redis.url);
});
afterAll(async () => {
  await server.close();
  await redis.dispose();
});

describe('a client offline while the agent keeps writing', () => {
  it('replays everything it missed, in order, once', { timeout: 60_000 }, async () => {
    const visitor = new ReliableVisitor(() => [server.url], server.site.publicKey);
    const agent = await ReliableAgent.signIn(() => [server.url]);
    const first = await visitor.say('anyone there?');
    await agent.watch(first.conversationId);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(visitor.seen.get(first.conversationId)?.size).toBe(1);

    visitor.close();
    const missed = LIMITS.syncPage + 30;
    for (let i = 1; i <= missed; i += 1) await agent.reply(first.conversationId, `reply ${i}`);

    const back = new ReliableVisitor(() => [server.url], server.site.publicKey);
    back.token = visitor.token;
    back.conversationId = first.conversationId;
    back.record(first);
    await back.ensureConnected(); // replays from order 1, in pages of LIMITS.syncPage
    const seen = back.seen.get(first.conversationId) as Map<number, Message>;
    expect(seen.size).toBe(missed + 1);
    expect([...seen.keys()].sort((a, b) => a - b)).toEqual(Array.from({ length: missed + 1 }, (_, i) => i + 1));
    expect(seen.get(missed + 1)?.text).toBe(`reply ${missed}`);

    // And it is live again.
    await agent.reply(first.conversationId, 'welcome back');
    await expect.poll(() => back.seen.get(first.conversationId)?.size).toBe(missed + 2);
    const full = (await (back.socket as NonNullable<typeof back.socket>).emitWithAck('conversation:sync', { afterOrder: 0 })) as { ok: true; data: ConversationHistory };
    expect(full.data.messages).toHaveLength(LIMITS.syncPage);
    expect(full.data.hasMore).toBe(true);
    back.close();
    agent.close();
  });
});
