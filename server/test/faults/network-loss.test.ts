import type { ConversationHistory, Message } from '@hilo/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConversationStore } from '../../src/store/conversation-store.js';
import { request, startTestRedis, startTestServer, uuid, visitorClient, whenReady, type TestRedis, type TestServer } from '../harness.js';
import { startFaultyProxy, type FaultyProxy } from './tcp-proxy.js';

/** The network fails in the middle of a send; the widget re-sends with the same clientId. */
let redis: TestRedis;
let server: TestServer;
let proxy: FaultyProxy;

beforeAll(async () => {
  redis = await startTestRedis();
  server = await startTestServer(redis.url);
  proxy = await startFaultyProxy(Number(new URL(server.url).port));
});
afterAll(async () => {
  await proxy.close();
  await server.close();
  await redis.dispose();
});

async function storedWith(conversationId: string | null, clientId: string): Promise<Message[]> {
  if (!conversationId) return [];
  const all = await createConversationStore(server.redis).messagesAfter(conversationId, 0, 1000);
  return all.filter((m) => m.clientId === clientId);
}

describe('network loss mid-send', () => {
  it('stores a message whose ack was lost exactly once when it is re-sent', async () => {
    const first = visitorClient(proxy.url, { siteKey: server.site.publicKey });
    const { token } = await whenReady(first);
    const opening = await request<Message>(first, 'message:send', { clientId: uuid(), text: 'opening' });
    const conversationId = opening.ok ? opening.data.conversationId : null;

    // The server gets the message and answers, but the answer never comes back.
    proxy.blackhole('down');
    const clientId = uuid();
    await expect(first.timeout(800).emitWithAck('message:send', { clientId, text: 'did it arrive?' })).rejects.toThrow();
    await expect.poll(() => storedWith(conversationId, clientId).then((m) => m.length), { timeout: 5000 }).toBe(1);
    proxy.cut();
    proxy.blackhole(null);
    first.disconnect();

    // Reconnected (through the healed network), the outbox sends the same clientId again.
    const second = visitorClient(proxy.url, { siteKey: server.site.publicKey, token });
    await whenReady(second);
    const resent = await request<Message>(second, 'message:send', { clientId, text: 'did it arrive?' });
    const stored = await storedWith(conversationId, clientId);
    expect(stored).toHaveLength(1);
    expect(resent).toMatchObject({ ok: true, data: { id: stored[0]?.id, order: 2 } });
    const history = await request<ConversationHistory>(second, 'conversation:sync', { afterOrder: 0 });
    expect(history.ok && history.data.messages.map((m) => m.text)).toEqual(['opening', 'did it arrive?']);
    second.disconnect();
  });

  it('stores a message lost on the way to the server once it is re-sent, and no more than once', async () => {
    const first = visitorClient(proxy.url, { siteKey: server.site.publicKey });
    const { token } = await whenReady(first);
    const opening = await request<Message>(first, 'message:send', { clientId: uuid(), text: 'opening' });
    const conversationId = opening.ok ? opening.data.conversationId : null;

    proxy.blackhole('up');
    const clientId = uuid();
    await expect(first.timeout(500).emitWithAck('message:send', { clientId, text: 'lost on the way' })).rejects.toThrow();
    expect(await storedWith(conversationId, clientId)).toHaveLength(0);
    proxy.cut();
    proxy.blackhole(null);
    first.disconnect();

    const second = visitorClient(proxy.url, { siteKey: server.site.publicKey, token });
    await whenReady(second);
    // A nervous outbox re-sends twice in a row; one copy is kept.
    const [a, b] = await Promise.all([
      request<Message>(second, 'message:send', { clientId, text: 'lost on the way' }),
      request<Message>(second, 'message:send', { clientId, text: 'lost on the way' }),
    ]);
    expect(a.ok && b.ok && a.data.id === b.data.id).toBe(true);
    expect(await storedWith(conversationId, clientId)).toHaveLength(1);
    second.disconnect();
  });
});
