import type { Conversation, ConversationHistory, Message } from '@hilo/shared';
import { LIMITS } from '@hilo/shared';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { monitorRedis } from './redis-monitor.js';
import {
  agentClient, nextEvent, request, signIn, startTestRedis, startTestServer, uuid, visitorClient, whenConnected, whenReady,
  type AgentClient, type TestRedis, type TestServer, type VisitorClient,
} from './harness.js';

let redis: TestRedis;
let server: TestServer;
const open: Array<VisitorClient | AgentClient> = [];

beforeAll(async () => {
  redis = await startTestRedis();
  server = await startTestServer(redis.url);
});
afterEach(() => {
  for (const socket of open.splice(0)) socket.disconnect();
});
afterAll(async () => {
  await server.close();
  await redis.dispose();
});

function visitor(token?: string): VisitorClient {
  const socket = visitorClient(server.url, { siteKey: server.site.publicKey, ...(token ? { token } : {}) });
  open.push(socket);
  return socket;
}

async function agent(): Promise<AgentClient> {
  const socket = agentClient(server.url, await signIn(server.url));
  open.push(socket);
  await whenConnected(socket);
  return socket;
}

describe('shopper and agent chat', () => {
  it('delivers a shopper message to the agent, the reply back, and replays on reconnect', async () => {
    const staff = await agent();
    const shopper = visitor();
    const session = await whenReady(shopper);
    expect(session.visitorId).toMatch(/^v_/);

    const agentSees = nextEvent<Message>(staff, 'message:new');
    const inboxUpdate = nextEvent<Conversation>(staff, 'conversation:updated');
    const sent = await request<Message>(shopper, 'message:send', { clientId: uuid(), text: 'Is the linen shirt in M?' });
    expect(sent).toMatchObject({ ok: true, data: { order: 1, text: 'Is the linen shirt in M?', author: { kind: 'visitor', id: session.visitorId } } });
    expect(await agentSees).toMatchObject({ order: 1, text: 'Is the linen shirt in M?' });
    const conversation = await inboxUpdate;
    expect(conversation).toMatchObject({ status: 'open', lastOrder: 1, lastMessage: { text: 'Is the linen shirt in M?' } });

    const inbox = await request<Conversation[]>(staff, 'inbox:list', {});
    expect(inbox.ok && inbox.data.map((c) => c.id)).toContain(conversation.id);

    const shopperSees = nextEvent<Message>(shopper, 'message:new');
    const reply = await request<Message>(staff, 'message:send', { conversationId: conversation.id, clientId: uuid(), text: 'Yes, two left.' });
    expect(reply).toMatchObject({ ok: true, data: { order: 2, author: { kind: 'agent', name: 'Alex Admin' } } });
    expect(await shopperSees).toMatchObject({ order: 2, text: 'Yes, two left.' });

    // The shopper comes back (reload) with the stored token and the last order it had.
    shopper.disconnect();
    const back = visitor(session.token);
    expect((await whenReady(back)).visitorId).toBe(session.visitorId);
    const missed = await request<ConversationHistory>(back, 'conversation:sync', { afterOrder: 1 });
    expect(missed.ok && missed.data.messages.map((m) => m.text)).toEqual(['Yes, two left.']);
    const all = await request<ConversationHistory>(back, 'conversation:sync', { afterOrder: 0 });
    expect(all.ok && all.data.messages.map((m) => m.order)).toEqual([1, 2]);
  });

  it('stores a re-sent message once and answers with the first stored copy', async () => {
    const shopper = visitor();
    await whenReady(shopper);
    const clientId = uuid();
    const first = await request<Message>(shopper, 'message:send', { clientId, text: 'only once' });
    const again = await request<Message>(shopper, 'message:send', { clientId, text: 'only once' });
    expect(first.ok && again.ok && again.data.id === first.data.id).toBe(true);
    const history = await request<ConversationHistory>(shopper, 'conversation:sync', { afterOrder: 0 });
    expect(history.ok && history.data.messages).toHaveLength(1);
  });

  it('keeps racing first messages of one visitor in a single conversation', async () => {
    const shopper = visitor();
    await whenReady(shopper);
    const acks = await Promise.all(Array.from({ length: 10 }, (_, i) => request<Message>(shopper, 'message:send', { clientId: uuid(), text: `m${i}` })));
    const ids = new Set(acks.map((a) => (a.ok ? a.data.conversationId : 'failed')));
    expect(ids.size).toBe(1);
    expect([...ids][0]).not.toBe('failed');
    const orders = acks.map((a) => (a.ok ? a.data.order : 0)).sort((x, y) => x - y);
    expect(orders).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('pages a long history with hasMore', async () => {
    const shopper = visitor();
    await whenReady(shopper);
    const total = LIMITS.syncPage + 5;
    for (let i = 0; i < total; i += 25) {
      await Promise.all(Array.from({ length: Math.min(25, total - i) }, (_, j) => request(shopper, 'message:send', { clientId: uuid(), text: `n${i + j}` })));
    }
    const page1 = await request<ConversationHistory>(shopper, 'conversation:sync', { afterOrder: 0 });
    expect(page1.ok && page1.data.hasMore).toBe(true);
    expect(page1.ok && page1.data.messages).toHaveLength(LIMITS.syncPage);
    const page2 = await request<ConversationHistory>(shopper, 'conversation:sync', { afterOrder: LIMITS.syncPage });
    expect(page2.ok && page2.data).toMatchObject({ hasMore: false });
    expect(page2.ok && page2.data.messages).toHaveLength(5);
  });

  it('shows a message from one tab in the visitor\u2019s other tabs, and no echo in the tab that sent it', async () => {
    const tab1 = visitor();
    const { token } = await whenReady(tab1);
    const tab2 = visitor(token);
    await whenReady(tab2);
    const echoes: Message[] = [];
    tab1.on('message:new', (m) => echoes.push(m));
    const seen = nextEvent<Message>(tab2, 'message:new');
    const sent = await request<Message>(tab1, 'message:send', { clientId: uuid(), text: 'from tab 1' });
    expect((await seen).text).toBe('from tab 1');
    // The ack carries the stored message; an agent's reply still reaches both tabs.
    expect(sent.ok && sent.data.text).toBe('from tab 1');
    const staff = await agent();
    const replyInTab1 = nextEvent<Message>(tab1, 'message:new');
    if (!sent.ok) throw new Error('send failed');
    await request(staff, 'message:send', { conversationId: sent.data.conversationId, clientId: uuid(), text: 'hello both' });
    expect((await replyInTab1).text).toBe('hello both');
    expect(echoes.map((m) => m.text)).toEqual(['hello both']);
  });

  it('sends a connection\u2019s further messages straight to its conversation, without looking up the link', async () => {
    const tab1 = visitor();
    const { token } = await whenReady(tab1);
    const send = async (socket: VisitorClient, text: string) => {
      const answer = await request<Message>(socket, 'message:send', { clientId: uuid(), text });
      if (!answer.ok) throw new Error(answer.error.message);
      return answer.data;
    };
    const first = await send(tab1, 'first');
    const watch = await monitorRedis(redis.url);
    const second = await send(tab1, 'second');
    const lookups = (await watch.stop()).split('\n').filter((line) => line.includes('"HGET" "hilo:visitor:'));
    expect(lookups).toEqual([]);
    expect(second).toMatchObject({ conversationId: first.conversationId, order: first.order + 1 });
    // Another tab knows nothing yet: it reads the link once, and lands in the same conversation.
    const tab2 = visitor(token);
    await whenReady(tab2);
    expect((await send(tab2, 'third')).conversationId).toBe(first.conversationId);
  });

  it('tells visitors how many agents are online, live', async () => {
    const shopper = visitor();
    const first = nextEvent<{ online: number }>(shopper, 'agents:presence');
    await whenReady(shopper);
    const before = (await first).online;
    const update = nextEvent<{ online: number; agents: { name: string }[] }>(shopper, 'agents:presence');
    const staff = await agent();
    expect(await update).toMatchObject({ online: before + 1, agents: expect.arrayContaining([{ id: expect.any(String), name: 'Alex Admin' }]) });
    const gone = nextEvent<{ online: number }>(shopper, 'agents:presence');
    staff.disconnect();
    expect((await gone).online).toBe(before);
  });

  it('answers a visitor with no conversation yet with null', async () => {
    const shopper = visitor();
    await whenReady(shopper);
    expect(await request(shopper, 'conversation:sync', { afterOrder: 0 })).toEqual({ ok: true, data: null });
  });
});
