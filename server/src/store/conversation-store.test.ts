import type { Conversation, MessageAuthor } from '@hilo/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRedis, testClient, type TestRedis } from '../../test/harness.js';
import type { AppendResult, ConversationRepository } from '../domain/ports.js';
import { createConversationStore } from './conversation-store.js';
import { keys } from './keys.js';
import type { RedisClient } from './redis-client.js';
import { createWorkflowStore } from './workflow-store.js';

let server: TestRedis;
let redis: RedisClient;

beforeAll(async () => {
  server = await startTestRedis();
  redis = await testClient(server.url);
});
afterAll(async () => {
  redis.destroy();
  await server.dispose();
});

function conversation(id: string): Conversation {
  return {
    id, siteId: 's_1', visitorId: 'v_1', contactId: null, subject: null, channel: 'chat', status: 'open', assigneeId: null,
    createdAt: 1, updatedAt: 1, firstResponseAt: null, resolvedAt: null, lastOrder: 0, lastMessage: null, visitorName: null,
  };
}

const visitor = { kind: 'visitor' as const, id: 'v_1' };

describe('conversation store', () => {
  it('stores one message per client id even when the same send races with itself', async () => {
    const store = createConversationStore(redis);
    await store.create(conversation('c_race'));
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        store.append('c_race', { id: `m_${i}`, clientId: 'client-0001', author: visitor, text: 'hello', createdAt: 10 + i }, false),
      ),
    );
    expect(results.filter((r) => r?.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r?.message.id)).size).toBe(1);
    expect(await store.messagesAfter('c_race', 0, 100)).toHaveLength(1);
  });

  it('answers a new message exactly as it reads back, and a resend as the stored one', async () => {
    const store = createConversationStore(redis);
    await store.create(conversation('c_shape'));
    const plain = await store.append('c_shape', { id: 'm_1', clientId: 'k1', author: visitor, text: 'hi', createdAt: 10 }, false);
    const agent = { kind: 'agent' as const, id: 'a_1', name: 'Ana' };
    const delivery = { status: 'pending' as const, attempts: 0, error: null, nextAttemptAt: null };
    const rich = await store.append('c_shape', { id: 'm_2', clientId: 'k2', author: agent, text: 'see this', createdAt: 20, delivery, bot: undefined }, true);
    const again = await store.append('c_shape', { id: 'm_3', clientId: 'k2', author: agent, text: 'see this', createdAt: 30, delivery }, true);
    const stored = await store.messagesAfter('c_shape', 0, 10);
    expect(stored).toHaveLength(2);
    expect(plain?.message).toStrictEqual(stored[0]);
    expect(rich?.message).toStrictEqual(stored[1]);
    expect(again).toMatchObject({ created: false });
    expect(again?.message).toStrictEqual(stored[1]);
  });

  it('gives concurrent distinct messages dense increasing orders', async () => {
    const store = createConversationStore(redis);
    await store.create(conversation('c_dense'));
    await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        store.append('c_dense', { id: `m_${i}`, clientId: `client-${1000 + i}`, author: visitor, text: `n${i}`, createdAt: i }, false),
      ),
    );
    const messages = await store.messagesAfter('c_dense', 0, 1000);
    expect(messages.map((m) => m.order)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    expect((await store.get('c_dense'))?.lastOrder).toBe(100);
    expect((await store.messagesAfter('c_dense', 95, 10)).map((m) => m.order)).toEqual([96, 97, 98, 99, 100]);
  });

  it('keeps the same client id from different authors apart', async () => {
    const store = createConversationStore(redis);
    await store.create(conversation('c_authors'));
    const a = await store.append('c_authors', { id: 'm_a', clientId: 'shared-client-id', author: visitor, text: 'a', createdAt: 1 }, false);
    const b = await store.append('c_authors', { id: 'm_b', clientId: 'shared-client-id', author: { kind: 'agent', id: 'a_1' }, text: 'b', createdAt: 2 }, true);
    expect(a?.created && b?.created).toBe(true);
    expect((await store.get('c_authors'))?.firstResponseAt).toBe(2);
  });

  it('refuses to append to a conversation that does not exist', async () => {
    const store = createConversationStore(redis);
    expect(await store.append('c_missing', { id: 'm', clientId: 'client-x-1', author: visitor, text: 'x', createdAt: 1 }, false)).toBeNull();
    expect(await redis.exists('hilo:conv:{c_missing}:msgs')).toBe(0);
  });

  it('round-trips text that looks like JSON or Lua', async () => {
    const store = createConversationStore(redis);
    await store.create(conversation('c_text'));
    const text = '"},{"order":999,"x":"\\u0000 ]] .. redis.call(\'FLUSHALL\') -- ñ 🚀';
    const stored = await store.append('c_text', { id: 'm', clientId: 'client-text-1', author: visitor, text, createdAt: 5 }, false);
    expect(stored?.message).toMatchObject({ text, order: 1 });
    expect((await store.messagesAfter('c_text', 0, 10))[0]?.text).toBe(text);
  });

  it('answers the conversation as it is after the append, whatever its fields hold', async () => {
    const store = createConversationStore(redis);
    const visitorName = 'Zoë "the \\ Ñandú" </script> 🚀\u2028';
    await store.create({ ...conversation('c_fields'), visitorName, subject: '{"not":"json"', createdAt: 3 });
    const text = 'línea 1\nlínea 2\t🚀';
    const stored = await store.append('c_fields', { id: 'm', clientId: 'client-fields-1', author: visitor, text, createdAt: 7 }, false);
    expect(stored?.conversation).toMatchObject({ id: 'c_fields', visitorName, subject: '{"not":"json"', createdAt: 3, updatedAt: 7, lastOrder: 1, lastMessage: { text, authorKind: 'visitor', createdAt: 7 } });
    expect(stored?.conversation).toEqual(await store.get('c_fields'));
    // A retry answers the same, from the dedupe path.
    const again = await store.append('c_fields', { id: 'm2', clientId: 'client-fields-1', author: visitor, text, createdAt: 9 }, false);
    expect(again).toMatchObject({ created: false, conversation: stored?.conversation });
  });

  it('answers from its own copy while the hash is unchanged, and from the hash after any other write', async () => {
    const store = createConversationStore(redis);
    const otherProcess = createConversationStore(redis);
    const workflow = createWorkflowStore(redis);
    await store.create(conversation('c_copy'));
    const agent = { kind: 'agent' as const, id: 'a_1', name: 'Ana' };
    const say = (from: ConversationRepository, n: number, author: MessageAuthor = visitor) =>
      from.append('c_copy', { id: `m_${n}`, clientId: `copy-${n}`, author, text: `text ${n}`, createdAt: 100 + n }, author.kind === 'agent');
    const answersAsStored = async (reply: AppendResult | null) => {
      expect(reply?.created).toBe(true);
      expect(reply?.conversation).toEqual(await store.get('c_copy'));
      return reply?.conversation;
    };

    expect(await answersAsStored(await say(store, 1))).toMatchObject({ lastOrder: 1, updatedAt: 101, firstResponseAt: null });
    expect(await answersAsStored(await say(store, 2, agent))).toMatchObject({ lastOrder: 2, firstResponseAt: 102 });
    expect(await answersAsStored(await say(store, 3, agent))).toMatchObject({ lastOrder: 3, firstResponseAt: 102 });
    await say(otherProcess, 4);
    expect(await answersAsStored(await say(store, 5))).toMatchObject({ lastOrder: 5, lastMessage: { text: 'text 5' } });
    await store.setStatus('c_copy', 'resolved', 106);
    expect(await answersAsStored(await say(store, 7))).toMatchObject({ status: 'resolved', resolvedAt: 106 });
    await otherProcess.setFields('c_copy', { visitorName: 'Zoë', contactId: 'k_1' });
    expect(await answersAsStored(await say(store, 8))).toMatchObject({ visitorName: 'Zoë', contactId: 'k_1' });
    await workflow.setFields('c_copy', { status: 'open', assigneeId: 'a_1', labels: ['vip'] });
    expect(await answersAsStored(await say(store, 9))).toMatchObject({ status: 'open', assigneeId: 'a_1', labels: ['vip'] });

    // A write that skips the rev goes unseen: proof that the copy, not a read of the hash, answered.
    await redis.hSet(keys.conversation('c_copy'), 'subject', 'written behind the rev');
    expect((await say(store, 10))?.conversation?.subject).toBeNull();
    expect((await store.get('c_copy'))?.subject).toBe('written behind the rev');
    // After a reconnect (maybe to a Redis that lost writes) the copy is not trusted.
    redis.emit('ready');
    expect(await answersAsStored(await say(store, 11))).toMatchObject({ subject: 'written behind the rev', lastOrder: 10 });
  });

  it('lists a site inbox by last activity and moves conversations between statuses', async () => {
    const store = createConversationStore(redis);
    const older = { ...conversation('c_old'), siteId: 's_inbox', updatedAt: 100 };
    const newer = { ...conversation('c_new'), siteId: 's_inbox', updatedAt: 200 };
    for (const c of [older, newer]) {
      await store.create(c);
      await store.index(c);
    }
    expect((await store.list('s_inbox', 'open', 10)).map((c) => c.id)).toEqual(['c_new', 'c_old']);
    await store.setStatus('c_new', 'resolved', 300);
    await store.index({ ...newer, status: 'resolved', updatedAt: 300 });
    expect((await store.list('s_inbox', 'open', 10)).map((c) => c.id)).toEqual(['c_old']);
    expect((await store.list('s_inbox', 'resolved', 10))[0]).toMatchObject({ id: 'c_new', resolvedAt: 300 });
  });
});
