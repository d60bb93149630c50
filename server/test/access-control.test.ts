import type { ConversationHistory, Message } from '@hilo/shared';
import { LIMITS } from '@hilo/shared';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../src/domain/password.js';
import { issueVisitorToken } from '../src/domain/visitor-token.js';
import { createAgentStore } from '../src/store/agent-store.js';
import { createSiteStore } from '../src/store/site-store.js';
import {
  agentClient, request, signIn, startTestRedis, startTestServer, uuid, visitorClient, whenConnected, whenReady,
  type AgentClient, type TestRedis, type TestServer, type VisitorClient,
} from './harness.js';

let redis: TestRedis;
let server: TestServer;
const open: Array<VisitorClient | AgentClient> = [];
const OTHER = { email: 'other@rival.test', password: 'another long password' };

beforeAll(async () => {
  redis = await startTestRedis();
  server = await startTestServer(redis.url);
  // A second site with its own agent, to prove sites never see each other.
  const sites = createSiteStore(server.redis);
  await sites.create({ id: 's_rival', name: 'Rival', publicKey: 'pk_rival', secret: 'sk_rival_secret', identitySecret: 'ik_sk_rival_secret', allowedOrigins: ['https://rival.example'], supportEmail: 'help@rival.example', createdAt: 1 });
  await createAgentStore(server.redis).create({
    id: 'a_rival', siteId: 's_rival', email: OTHER.email, name: 'Rita', role: 'admin', passwordHash: await hashPassword(OTHER.password), createdAt: 1,
  });
});
afterEach(() => {
  for (const socket of open.splice(0)) socket.disconnect();
});
afterAll(async () => {
  await server.close();
  await redis.dispose();
});

function track<T extends VisitorClient | AgentClient>(socket: T): T {
  open.push(socket);
  return socket;
}

async function shopperWithMessage(text: string) {
  const socket = track(visitorClient(server.url, { siteKey: server.site.publicKey }));
  const session = await whenReady(socket);
  const sent = await request<Message>(socket, 'message:send', { clientId: uuid(), text });
  if (!sent.ok) throw new Error('send failed');
  return { socket, session, message: sent.data };
}

describe('visitor handshake', () => {
  it('refuses pages whose origin is not on the site allow-list', async () => {
    const socket = track(visitorClient(server.url, { siteKey: server.site.publicKey }, 'https://evil.example'));
    await expect(whenReady(socket)).rejects.toThrow('forbidden_origin');
  });

  it('refuses unknown sites and malformed auth', async () => {
    await expect(whenReady(track(visitorClient(server.url, { siteKey: 'pk_nope' })))).rejects.toThrow('unknown_site');
    await expect(whenReady(track(visitorClient(server.url, { siteKey: '' })))).rejects.toThrow('bad_request');
  });

  it('gives a forged token a brand-new visitor who sees nothing of the victim', async () => {
    const victim = await shopperWithMessage('my address is 1 Secret St');
    const [version, , mac] = victim.session.token.split('.');
    const attackerBody = Buffer.from(JSON.stringify({ s: server.site.id, v: victim.session.visitorId, t: 1 })).toString('base64url');
    for (const token of [`${version}.${attackerBody}.${mac}`, issueVisitorToken({ siteId: server.site.id, visitorId: victim.session.visitorId, issuedAt: 1 }, 'guessed-secret')]) {
      const attacker = track(visitorClient(server.url, { siteKey: server.site.publicKey, token }));
      const session = await whenReady(attacker);
      expect(session.visitorId).not.toBe(victim.session.visitorId);
      expect(await request(attacker, 'conversation:sync', { afterOrder: 0 })).toEqual({ ok: true, data: null });
    }
  });

  it('does not honour one site\u2019s token on another site', async () => {
    const victim = await shopperWithMessage('hello');
    const socket = track(visitorClient(server.url, { siteKey: 'pk_rival', token: victim.session.token }, 'https://rival.example'));
    const session = await whenReady(socket);
    expect(session.visitorId).not.toBe(victim.session.visitorId);
  });

  it('ignores a conversation id smuggled into a visitor payload', async () => {
    const victim = await shopperWithMessage('private');
    const attacker = track(visitorClient(server.url, { siteKey: server.site.publicKey }));
    await whenReady(attacker);
    const sent = await request<Message>(attacker, 'message:send', { clientId: uuid(), text: 'injected', conversationId: victim.message.conversationId });
    expect(sent.ok && sent.data.conversationId).not.toBe(victim.message.conversationId);
    const history = await request<ConversationHistory>(victim.socket, 'conversation:sync', { afterOrder: 0 });
    expect(history.ok && history.data.messages.map((m) => m.text)).toEqual(['private']);
  });
});

describe('bad input', () => {
  it.each([
    ['empty text', { clientId: 'client-0001', text: '   ' }],
    ['oversized text', { clientId: 'client-0002', text: 'x'.repeat(LIMITS.messageText + 1) }],
    ['text of the wrong type', { clientId: 'client-0003', text: { $gt: '' } }],
    ['missing client id', { text: 'hello' }],
    ['a bare string', 'hello'],
    ['null', null],
  ])('rejects %s with bad_request and stores nothing', async (_label, payload) => {
    const socket = track(visitorClient(server.url, { siteKey: server.site.publicKey }));
    await whenReady(socket);
    const answer = await request(socket, 'message:send', payload);
    expect(answer).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(await request(socket, 'conversation:sync', { afterOrder: 0 })).toEqual({ ok: true, data: null });
  });

  it('rejects a bad sync cursor', async () => {
    const socket = track(visitorClient(server.url, { siteKey: server.site.publicKey }));
    await whenReady(socket);
    for (const afterOrder of [-1, 1.5, '3', Number.MAX_VALUE]) {
      expect(await request(socket, 'conversation:sync', { afterOrder })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    }
  });
});

describe('agent socket', () => {
  it('refuses a missing or made-up session', async () => {
    await expect(whenConnected(track(agentClient(server.url, '')))).rejects.toThrow('unauthorized');
    await expect(whenConnected(track(agentClient(server.url, 'hilo_session=forged')))).rejects.toThrow('unauthorized');
  });

  it('refuses a socket opened by a page on another origin, even with the cookie', async () => {
    const cookie = await signIn(server.url);
    await expect(whenConnected(track(agentClient(server.url, cookie, 'https://evil.example')))).rejects.toThrow('forbidden_origin');
  });

  it('hides another site\u2019s conversations from an agent', async () => {
    const { message } = await shopperWithMessage('for the demo site only');
    const rival = track(agentClient(server.url, await signIn(server.url, OTHER)));
    await whenConnected(rival);
    expect(await request(rival, 'conversation:open', { conversationId: message.conversationId })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await request(rival, 'message:send', { conversationId: message.conversationId, clientId: uuid(), text: 'hi' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const inbox = await request<{ id: string }[]>(rival, 'inbox:list', {});
    expect(inbox.ok && inbox.data.map((c) => c.id)).not.toContain(message.conversationId);
  });

  it('closes the agent\u2019s sockets at sign-out and refuses the old cookie', async () => {
    const cookie = await signIn(server.url);
    const socket = track(agentClient(server.url, cookie));
    await whenConnected(socket);
    const closed = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    const res = await fetch(`${server.url}/api/auth/logout`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(204);
    expect(await closed).toBe('io server disconnect');
    await expect(whenConnected(track(agentClient(server.url, cookie)))).rejects.toThrow('unauthorized');
  });
});
