import type { CannedResponse, Conversation, ConversationViewers, Message, SearchResults } from '@hilo/shared';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../src/domain/password.js';
import { createAgentStore } from '../src/store/agent-store.js';
import {
  agentClient, nextEvent, request, signIn, startTestRedis, startTestServer, uuid, visitorClient, whenConnected, whenReady,
  type AgentClient, type TestRedis, type TestServer, type VisitorClient,
} from './harness.js';

let redis: TestRedis;
let server: TestServer;
let admin: AgentClient;
let dan: AgentClient;
const open: Array<AgentClient | VisitorClient> = [];

async function ok<T>(socket: Socket, event: string, payload: unknown): Promise<T> {
  const answer = await request<T>(socket, event, payload);
  if (!answer.ok) throw new Error(`${event}: ${answer.error.message}`);
  return answer.data;
}

beforeAll(async () => {
  redis = await startTestRedis();
  server = await startTestServer(redis.url);
  await createAgentStore(server.redis).create({
    id: 'a_dan', siteId: server.site.id, email: 'dan@hilo.test', name: 'Dan', role: 'agent', passwordHash: await hashPassword('dan long password'), createdAt: Date.now(),
  });
  const [adminCookie, danCookie] = [await signIn(server.url), await signIn(server.url, { email: 'dan@hilo.test', password: 'dan long password' })];
  admin = agentClient(server.url, adminCookie);
  dan = agentClient(server.url, danCookie);
  open.push(admin, dan);
  await Promise.all([whenConnected(admin), whenConnected(dan)]);
});
afterAll(async () => {
  for (const socket of open) socket.disconnect();
  await server.close();
  await redis.dispose();
});

async function shopperSays(text: string): Promise<Conversation> {
  const shopper = visitorClient(server.url, { siteKey: server.site.publicKey });
  open.push(shopper);
  await whenReady(shopper);
  const seen = nextEvent<Conversation>(admin, 'conversation:updated');
  await ok<Message>(shopper, 'message:send', { clientId: uuid(), text });
  return seen;
}

describe('canned responses, search and collision warnings', () => {
  it('lets admins manage canned responses with unique shortcuts; agents only read them', async () => {
    const pushed = nextEvent<CannedResponse[]>(dan, 'canned:changed');
    const saved = await ok<CannedResponse>(admin, 'canned:save', { shortcut: 'Thanks', text: 'Thanks {{name}}, happy to help!' });
    expect(saved.shortcut).toBe('thanks');
    expect((await pushed).map((r) => r.shortcut)).toEqual(['thanks']);
    expect(await request(admin, 'canned:save', { shortcut: 'thanks', text: 'again' })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await request(admin, 'canned:save', { shortcut: 'bad shortcut!', text: 'x' })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(await request(dan, 'canned:save', { shortcut: 'mine', text: 'x' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect((await ok<CannedResponse[]>(dan, 'canned:list', {})).map((r) => r.text)).toEqual(['Thanks {{name}}, happy to help!']);
    expect(await ok(admin, 'canned:delete', { id: saved.id })).toBeNull();
    expect(await ok<CannedResponse[]>(dan, 'canned:list', {})).toEqual([]);
  });

  it('finds conversations by message text, case-insensitively, and never reads user text as a pattern', async () => {
    const c = await shopperSays('My Parcel ZX-99 (blue box) is LATE');
    await new Promise((r) => setTimeout(r, 100));
    const byText = await ok<SearchResults>(dan, 'search', { query: 'parcel zx-99' });
    expect(byText.conversations.map((x) => x.id)).toEqual([c.id]);
    expect(byText.contacts.map((x) => x.id)).toEqual([c.contactId]);
    expect((await ok<SearchResults>(dan, 'search', { query: '(blue' })).conversations.map((x) => x.id)).toEqual([c.id]);
    expect((await ok<SearchResults>(dan, 'search', { query: '.*' })).conversations).toEqual([]);
    expect(await request(dan, 'search', { query: 'x' })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
  });

  it('tells everyone who else views or types in a conversation, and forgets a closed tab', async () => {
    const c = await shopperSays('Two agents look at me');
    await ok(admin, 'conversation:viewing', { conversationId: c.id });
    const typing = new Promise<ConversationViewers>((resolve) => {
      admin.on('conversation:viewers', (v: ConversationViewers) => {
        if (v.conversationId === c.id && v.viewers.some((x) => x.id === 'a_dan' && x.typing)) resolve(v);
      });
    });
    await ok(dan, 'conversation:viewing', { conversationId: c.id, typing: true });
    expect((await typing).viewers.map((v) => v.name).sort()).toEqual(['Alex Admin', 'Dan']);
    const gone = new Promise<ConversationViewers>((resolve) => {
      admin.on('conversation:viewers', (v: ConversationViewers) => {
        if (v.conversationId === c.id && !v.viewers.some((x) => x.id === 'a_dan')) resolve(v);
      });
    });
    dan.disconnect();
    expect((await gone).viewers.map((v) => v.name)).toEqual(['Alex Admin']);
  });
});
