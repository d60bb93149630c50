import type { ActivityEvent, ConversationHistory, Message } from '@hilo/shared';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoArticles } from '../src/demo/demo-articles.js';
import { createActivityStore, utcDay } from '../src/store/activity-store.js';
import {
  agentClient, nextEvent, request, signIn, startTestRedis, startTestServer, uuid, visitorClient, whenConnected, whenReady,
  type TestRedis, type TestServer, type VisitorClient,
} from './harness.js';

let redis: TestRedis;
let server: TestServer;
let cookie: string;
const open: Socket[] = [];
const articleId: Record<string, string> = {};
/** Long enough for the bot's few Redis round trips; used only to check that it said nothing. */
const SETTLE_MS = 400;

beforeAll(async () => {
  redis = await startTestRedis();
  server = await startTestServer(redis.url);
  cookie = await signIn(server.url);
  await seedDemoArticles(server.app.services.knowledge, server.site.id);
  for (const a of await server.app.services.knowledge.listPublished(server.site.id)) articleId[a.title] = a.id;
});
afterAll(async () => {
  for (const socket of open) socket.disconnect();
  await server.close();
  await redis.dispose();
});

async function shopper(): Promise<VisitorClient> {
  const socket = visitorClient(server.url, { siteKey: server.site.publicKey });
  open.push(socket);
  await whenReady(socket);
  return socket;
}

async function say(socket: VisitorClient, text: string): Promise<Message> {
  const ack = await request<Message>(socket, 'message:send', { clientId: uuid(), text });
  if (!ack.ok) throw new Error(ack.error.message);
  return ack.data;
}

function nextBotMessage(socket: VisitorClient): Promise<Message> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no bot message')), 5000);
    const listener = (m: Message) => {
      if (m.author.kind !== 'bot') return;
      clearTimeout(timer);
      socket.off('message:new', listener);
      resolve(m);
    };
    socket.on('message:new', listener);
  });
}

async function botMessages(socket: VisitorClient): Promise<Message[]> {
  const ack = await request<ConversationHistory | null>(socket, 'conversation:sync', { afterOrder: 0 });
  if (!ack.ok) throw new Error(ack.error.message);
  return (ack.data?.messages ?? []).filter((m) => m.author.kind === 'bot');
}

const settle = () => new Promise((resolve) => setTimeout(resolve, SETTLE_MS));

/** The per-day activity log reports read (today and yesterday, in case the test runs over midnight UTC). */
async function logged(conversationId: string): Promise<ActivityEvent[]> {
  const now = Date.now();
  const events = await createActivityStore(server.redis).days(server.site.id, [utcDay(now - 24 * 3600_000), utcDay(now)]);
  return events.filter((e) => 'conversationId' in e && e.conversationId === conversationId);
}

async function setHours(enabled: boolean): Promise<void> {
  const res = await fetch(`${server.url}/api/widget-settings`, {
    method: 'PUT',
    headers: { cookie, 'content-type': 'application/json' },
    // Enabled with no opening ranges: closed all week.
    body: JSON.stringify({ businessHours: { enabled, timeZone: 'UTC', ranges: [] } }),
  });
  expect(res.status).toBe(200);
}

describe('answer bot', () => {
  it('answers a question once with the best article and records bot.answered', async () => {
    const socket = await shopper();
    const answered = nextBotMessage(socket);
    const question = await say(socket, 'How long does shipping take?');
    const reply = await answered;
    expect(reply).toMatchObject({
      conversationId: question.conversationId,
      clientId: `bot-${question.id}`,
      author: { kind: 'bot', id: 'bot', name: `${server.site.name} assistant` },
      text: 'This article may help: Shipping times and costs',
      bot: { articleId: articleId['Shipping times and costs'], title: 'Shipping times and costs' },
    });
    expect(reply.bot?.excerpt).toMatch(/^Orders placed before 14:00/);

    // The same message heard again (a retried run) stores nothing new.
    await server.app.services.activity.record({
      type: 'message.created', siteId: server.site.id, conversationId: question.conversationId, channel: 'chat', contactId: null, agentId: null, teamId: null,
      messageId: question.id, authorKind: 'visitor', text: question.text,
    });
    await settle();
    expect(await botMessages(socket)).toHaveLength(1);
    const events = await logged(question.conversationId);
    expect(events.filter((e) => e.type === 'bot.answered')).toEqual([expect.objectContaining({ articleId: articleId['Shipping times and costs'], channel: 'chat' })]);
  });

  it('stays quiet without a good article and answers at most twice per conversation', async () => {
    const socket = await shopper();
    await say(socket, 'I love your store');
    await settle();
    expect(await botMessages(socket)).toEqual([]);

    let next = nextBotMessage(socket);
    await say(socket, 'Can I return it for a refund?');
    expect((await next).bot?.articleId).toBe(articleId['Returns and refunds']);
    next = nextBotMessage(socket);
    await say(socket, '¿Cuánto tarda el envío?');
    expect(await next).toMatchObject({ text: 'Este artículo puede ayudarte: Envíos y plazos de entrega', bot: { articleId: articleId['Envíos y plazos de entrega'] } });

    await say(socket, 'How do I wash my merino throw?');
    await settle();
    expect(await botMessages(socket)).toHaveLength(2);
  });

  it('resolves on "this helped" and records the resolution as the bot’s (a deflection)', async () => {
    const socket = await shopper();
    const next = nextBotMessage(socket);
    const question = await say(socket, 'I want a refund');
    await next;
    const resolved = nextEvent<{ conversationId: string }>(socket, 'conversation:resolved');
    expect(await request(socket, 'bot:reply', { helped: true })).toEqual({ ok: true, data: null });
    expect((await resolved).conversationId).toBe(question.conversationId);
    const events = await logged(question.conversationId);
    expect(events.find((e) => e.type === 'conversation.resolved')).toMatchObject({ by: 'bot', humanReplied: false });

    const again = await request(socket, 'bot:reply', { helped: true });
    expect(again.ok ? null : again.error.code).toBe('conflict');
  });

  it('hands off on "talk to a person", records bot.handoff and stays quiet afterwards', async () => {
    const socket = await shopper();
    let next = nextBotMessage(socket);
    const question = await say(socket, 'Can I cancel my order?');
    expect((await next).bot?.articleId).toBe(articleId['Changing or cancelling an order']);
    next = nextBotMessage(socket);
    expect(await request(socket, 'bot:reply', { helped: false })).toEqual({ ok: true, data: null });
    expect(await next).toMatchObject({ text: 'OK, a person will reply here.', author: { kind: 'bot' } });
    expect((await next).bot).toBeUndefined();
    expect((await logged(question.conversationId)).map((e) => e.type)).toContain('bot.handoff');

    await say(socket, 'How long does shipping take?');
    await settle();
    expect(await botMessages(socket)).toHaveLength(2);
    const again = await request(socket, 'bot:reply', { helped: false });
    expect(again.ok ? null : again.error.code).toBe('conflict');
  });

  it('refuses a reply with nothing to answer, and a malformed one', async () => {
    const socket = await shopper();
    const none = await request(socket, 'bot:reply', { helped: true });
    expect(none.ok ? null : none.error.code).toBe('conflict');
    for (const payload of [{ helped: 'yes' }, {}, null]) {
      const bad = await request(socket, 'bot:reply', payload);
      expect(bad.ok ? null : bad.error.code).toBe('bad_request');
    }
  });

  it('outside business hours with nobody online, asks once for the email', async () => {
    await setHours(true);
    try {
      const socket = await shopper();
      const offer = nextEvent<{ email: string | null }>(socket, 'followup:offer');
      let next = nextBotMessage(socket);
      await say(socket, 'Hello, is anybody there?');
      expect((await offer).email).toBeNull();
      expect((await next).text).toMatch(/^We're away right now\. Leave your email/);
      await say(socket, 'Anyone?');
      await settle();
      expect(await botMessages(socket)).toHaveLength(1);

      // An article still helps at night; asking for a person then asks for the email again.
      next = nextBotMessage(socket);
      await say(socket, 'How do I wash the merino throw?');
      expect((await next).bot?.articleId).toBe(articleId['Caring for your merino throw']);
      const handoffOffer = nextEvent<{ email: string | null }>(socket, 'followup:offer');
      next = nextBotMessage(socket);
      expect(await request(socket, 'bot:reply', { helped: false })).toEqual({ ok: true, data: null });
      expect((await next).text).toMatch(/^We're away right now/);
      expect((await handoffOffer).email).toBeNull();
    } finally {
      await setHours(false);
    }
  });

  it('does not answer once a person has replied', async () => {
    const agent = agentClient(server.url, cookie);
    open.push(agent);
    await whenConnected(agent);
    const socket = await shopper();
    const first = await say(socket, 'Hi!');
    const reply = await request<Message>(agent, 'message:send', { conversationId: first.conversationId, clientId: uuid(), text: 'Hello! How can I help?' });
    expect(reply.ok).toBe(true);
    await say(socket, 'How long does shipping take?');
    await settle();
    expect(await botMessages(socket)).toEqual([]);
    const late = await request(socket, 'bot:reply', { helped: true });
    expect(late.ok ? null : late.error.code).toBe('conflict');
    agent.disconnect();
  });

  it('says nothing while switched off', async () => {
    await server.app.services.knowledge.setBotSettingsFor(server.site.id, { enabled: false });
    const socket = await shopper();
    await say(socket, 'How long does shipping take?');
    await settle();
    expect(await botMessages(socket)).toEqual([]);
  });
});
