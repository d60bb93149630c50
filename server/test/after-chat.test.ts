import type { Conversation, Csat, Message } from '@hilo/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutboundEmail } from '../src/channels/email/inbound-email.js';
import { transcriptText } from '../src/domain/after-chat-service.js';
import {
  agentClient,
  nextEvent,
  request,
  signIn,
  startTestRedis,
  startTestServer,
  uuid,
  visitorClient,
  whenConnected,
  whenReady,
  type TestRedis,
  type TestServer,
} from './harness.js';

let redis: TestRedis;
let server: TestServer;
const sent: OutboundEmail[] = [];
const sockets: { disconnect(): void }[] = [];

beforeAll(async () => {
  redis = await startTestRedis();
  server = await startTestServer(redis.url, { mailer: { send: async (email) => void sent.push(email) } });
});
afterAll(async () => {
  sockets.forEach((s) => s.disconnect());
  await server.close();
  await redis.dispose();
});

describe('after the chat', () => {
  it('tells the shopper when the agent resolves, stores their rating for agents, and emails the transcript', async () => {
    const shopper = visitorClient(server.url, { siteKey: server.site.publicKey });
    sockets.push(shopper);
    await whenReady(shopper);
    const desk = agentClient(server.url, await signIn(server.url));
    sockets.push(desk);
    await whenConnected(desk);

    const first = await request<Message>(shopper, 'message:send', { clientId: uuid(), text: 'Can I change my size?' });
    if (!first.ok) throw new Error('send failed');
    const { conversationId } = first.data;
    // Not resolved yet: no rating.
    expect(await request(shopper, 'conversation:rate', { rating: 'good' })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    await request(desk, 'message:send', { conversationId, clientId: uuid(), text: 'Done, size 38 it is.' });

    const resolved = nextEvent<{ conversationId: string }>(shopper, 'conversation:resolved');
    expect((await request<Conversation>(desk, 'conversation:resolve', { conversationId })).ok).toBe(true);
    expect(await resolved).toEqual({ conversationId });

    const rated = nextEvent<Csat>(desk, 'conversation:rated');
    const answer = await request<Csat>(shopper, 'conversation:rate', { rating: 'good', comment: '  Quick and kind  ' });
    expect(answer).toMatchObject({ ok: true, data: { conversationId, rating: 'good', comment: 'Quick and kind' } });
    expect(await rated).toMatchObject({ conversationId, rating: 'good' });
    expect(await request(desk, 'conversation:csat', { conversationId })).toMatchObject({ ok: true, data: { rating: 'good', comment: 'Quick and kind' } });

    expect(await request(shopper, 'conversation:transcript', { email: 'ana@example.com' })).toEqual({ ok: true, data: null });
    await expect.poll(() => sent.length, { timeout: 5000 }).toBe(1);
    expect(sent[0]).toMatchObject({ to: 'ana@example.com', subject: expect.stringContaining('Your conversation with') });
    expect(sent[0]?.text).toContain('You: Can I change my size?');
    expect(sent[0]?.text).toContain('Done, size 38 it is.');
  });

  it('refuses bad input and limits transcripts per hour', async () => {
    const shopper = visitorClient(server.url, { siteKey: server.site.publicKey });
    sockets.push(shopper);
    await whenReady(shopper);
    expect(await request(shopper, 'conversation:rate', { rating: 'meh' })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(await request(shopper, 'conversation:transcript', { email: 'not-an-email' })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    // No conversation yet.
    expect(await request(shopper, 'conversation:transcript', { email: 'a@b.co' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    await request(shopper, 'message:send', { clientId: uuid(), text: 'hi' });
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await request(shopper, 'conversation:transcript', { email: 'a@b.co' }));
    expect(answers.map((a) => a.ok)).toEqual([true, true, true, false]);
    expect(answers[3]).toMatchObject({ error: { code: 'rate_limited' } });
  });

  it('writes the transcript as plain text in time order', () => {
    const at = Date.UTC(2026, 10, 22, 17, 5);
    const msg = (order: number, kind: Message['author']['kind'], text: string, name?: string): Message => ({
      id: `m${order}`, conversationId: 'c', order, clientId: `c${order}`, author: { kind, id: 'x', ...(name ? { name } : {}) }, text, createdAt: at + order * 60_000,
    });
    expect(transcriptText('Casa Hilo', [msg(1, 'visitor', 'Hola'), msg(2, 'agent', '<b>Hi</b>', 'Marta')])).toBe(
      'Your conversation with Casa Hilo\n\n[2026-11-22 17:06 UTC] You: Hola\n[2026-11-22 17:07 UTC] Marta: <b>Hi</b>\n',
    );
  });
});
