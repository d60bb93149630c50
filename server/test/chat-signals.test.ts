import type { Message, ReadState } from '@hilo/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
  type AgentClient,
  type TestRedis,
  type TestServer,
  type VisitorClient,
} from './harness.js';

let redis: TestRedis;
let server: TestServer;
const sockets: { disconnect(): void }[] = [];

beforeAll(async () => {
  redis = await startTestRedis();
  server = await startTestServer(redis.url);
});
afterAll(async () => {
  sockets.forEach((s) => s.disconnect());
  await server.close();
  await redis.dispose();
});

async function visitor(): Promise<VisitorClient> {
  const socket = visitorClient(server.url, { siteKey: server.site.publicKey });
  sockets.push(socket);
  await whenReady(socket);
  return socket;
}
async function agent(): Promise<AgentClient> {
  const socket = agentClient(server.url, await signIn(server.url));
  sockets.push(socket);
  await whenConnected(socket);
  return socket;
}
const noEvent = (socket: { once(e: string, f: () => void): void }, event: string, ms = 300) =>
  new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(true), ms);
    socket.once(event, () => {
      clearTimeout(timer);
      resolve(false);
    });
  });

describe('typing and read receipts', () => {
  it('relays the shopper draft to agents and agent typing to the shopper, only once a conversation exists', async () => {
    const shopper = await visitor();
    const desk = await agent();
    // No conversation yet: nothing reaches agents, and the ack is still ok.
    const quiet = noEvent(desk, 'typing:visitor');
    expect(await request(shopper, 'typing:set', { draft: 'hel' })).toEqual({ ok: true, data: null });
    expect(await quiet).toBe(true);

    const sent = await request<Message>(shopper, 'message:send', { clientId: uuid(), text: 'Hi' });
    if (!sent.ok) throw new Error('send failed');
    const conversationId = sent.data.conversationId;

    const draft = nextEvent<{ conversationId: string; draft: string }>(desk, 'typing:visitor');
    await new Promise((r) => setTimeout(r, 300)); // past the per-socket gap
    await request(shopper, 'typing:set', { draft: 'Where is my order <b>?' });
    expect(await draft).toEqual({ conversationId, draft: 'Where is my order <b>?' });

    const typing = nextEvent<{ agentId: string; name: string; typing: boolean }>(shopper, 'typing:agent');
    expect((await request(desk, 'typing:set', { conversationId, typing: true })).ok).toBe(true);
    expect(await typing).toMatchObject({ typing: true, name: expect.any(String) });
  });

  it('stores read marks (never lowering them, never past the last message) and tells both sides', async () => {
    const shopper = await visitor();
    const desk = await agent();
    const sent = await request<Message>(shopper, 'message:send', { clientId: uuid(), text: 'Hello?' });
    if (!sent.ok) throw new Error('send failed');
    const { conversationId, order } = sent.data;

    const seenByShopper = nextEvent<ReadState>(shopper, 'conversation:read-state');
    await request(desk, 'conversation:read', { conversationId, order: order + 50 });
    expect(await seenByShopper).toEqual({ conversationId, visitor: 0, agent: order });

    await request(desk, 'conversation:read', { conversationId, order: 0 });
    const state = await request<ReadState>(desk, 'conversation:read-state', { conversationId });
    expect(state).toEqual({ ok: true, data: { conversationId, visitor: 0, agent: order } });

    const seenByAgents = nextEvent<ReadState>(desk, 'conversation:read-state');
    await request(shopper, 'conversation:read', { order });
    expect(await seenByAgents).toEqual({ conversationId, visitor: order, agent: order });
  });

  it('refuses bad payloads and unknown conversations without changing anything', async () => {
    const shopper = await visitor();
    const desk = await agent();
    expect(await request(shopper, 'typing:set', { draft: 'x'.repeat(5000) })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(await request(shopper, 'conversation:read', { order: -1 })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(await request(desk, 'typing:set', { conversationId: 'nope', typing: 'yes' })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(await request(desk, 'conversation:read', { conversationId: 'nope', order: 1 })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});
