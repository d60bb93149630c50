import type { ApiTokenCreated, Call, Contact, Conversation, ConversationNote, Message, SessionInfo, TimelineEntry } from '@hilo/shared';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../src/domain/password.js';
import { createAgentStore } from '../src/store/agent-store.js';
import { createConversationStore } from '../src/store/conversation-store.js';
import { createSiteStore } from '../src/store/site-store.js';
import { snapshotRedis } from './redis-snapshot.js';
import {
  nextEvent, request, signIn, startTestRedis, startTestServer, uuid, visitorClient, whenReady,
  type TestRedis, type TestServer, type VisitorClient,
} from './harness.js';

let redis: TestRedis;
let server: TestServer;
let token: string;
let rivalToken: string;
let adminId: string;
const sockets: VisitorClient[] = [];
const RITA = { email: 'rita@rival.test', password: 'rita has a long password' };

async function createToken(cookie: string, name: string): Promise<string> {
  const res = await fetch(`${server.url}/api/api-tokens`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify({ name }) });
  return ((await res.json()) as ApiTokenCreated).secret;
}

beforeAll(async () => {
  redis = await startTestRedis();
  server = await startTestServer(redis.url);
  const cookie = await signIn(server.url);
  adminId = ((await (await fetch(`${server.url}/api/auth/me`, { headers: { cookie } })).json()) as SessionInfo).agent.id;
  await createSiteStore(server.redis).create({ id: 's_rival', name: 'Rival', publicKey: 'pk_rival', secret: 'sk_rival_secret', identitySecret: 'ik_sk_rival_secret', allowedOrigins: [], supportEmail: null, createdAt: 1 });
  await createAgentStore(server.redis).create({ id: 'a_rita', siteId: 's_rival', email: RITA.email, name: 'Rita', role: 'admin', passwordHash: await hashPassword(RITA.password), createdAt: 1 });
  token = await createToken(cookie, 'Tests');
  rivalToken = await createToken(await signIn(server.url, RITA), 'Rival');
});
afterEach(() => {
  for (const socket of sockets.splice(0)) socket.disconnect();
});
afterAll(async () => {
  await server.close();
  await redis.dispose();
});

interface Answer<T> {
  status: number;
  body: T;
}
type ErrorBody = { error: { code: string; message: string } };

async function api<T>(method: string, path: string, body?: unknown, secret = token): Promise<Answer<T>> {
  const res = await fetch(`${server.url}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${secret}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as T };
}

async function shopperConversation(text = 'Where is my order?'): Promise<{ socket: VisitorClient; conversationId: string }> {
  const socket = visitorClient(server.url, { siteKey: server.site.publicKey });
  sockets.push(socket);
  await whenReady(socket);
  const sent = await request<Message>(socket, 'message:send', { clientId: uuid(), text });
  if (!sent.ok) throw new Error(sent.error.message);
  return { socket, conversationId: sent.data.conversationId };
}

const contactsData = () => snapshotRedis(server.redis, /^hilo:(rl|activity):|:activity:/);

describe('contacts', () => {
  it('creates a contact with verified identities and finds it by email or phone in any format', async () => {
    const created = await api<{ contact: Contact }>('POST', '/contacts', {
      name: 'Marta Ruiz',
      emails: ['Marta@Example.COM'],
      phones: ['+34 612 34 56 78'],
      attributes: { plan: 'pro', ltv: 1200, vip: true },
    });
    expect(created.status).toBe(201);
    const { contact } = created.body;
    expect(contact).toMatchObject({
      name: 'Marta Ruiz',
      siteId: server.site.id,
      emails: [{ value: 'marta@example.com', verified: true }],
      phones: [{ value: '+34612345678', verified: true }],
      attributes: { plan: 'pro', ltv: 1200, vip: true },
    });
    expect(contact).not.toHaveProperty('mergedInto');

    expect((await api<{ contacts: Contact[] }>('GET', '/contacts?email=MARTA%40example.com')).body.contacts.map((c) => c.id)).toEqual([contact.id]);
    expect((await api<{ contacts: Contact[] }>('GET', `/contacts?phone=${encodeURIComponent('+34612 345 678')}`)).body.contacts.map((c) => c.id)).toEqual([contact.id]);
    expect((await api<{ contacts: Contact[] }>('GET', '/contacts?email=nobody%40example.com')).body).toEqual({ contacts: [] });
    expect((await api<{ contact: Contact }>('GET', `/contacts/${contact.id}`)).body.contact).toEqual(contact);

    const again = await api<ErrorBody>('POST', '/contacts', { emails: ['marta@example.com'] });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain(contact.id);
  });

  it('refuses bad input with 400 and changes nothing', async () => {
    const before = await contactsData();
    for (const body of [
      {},
      { emails: ['not-an-email'] },
      { name: 'X', unknown: true },
      { phones: ['+1 555'] },
      { phones: ['call me'] },
      { name: 'X', attributes: { 'bad key': 1 } },
      { name: 'x'.repeat(121) },
    ]) {
      const res = await api<ErrorBody>('POST', '/contacts', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('bad_request');
    }
    for (const query of ['', '?email=a%40b.co&phone=%2B34612345678', '?email=nope', '?nickname=x']) {
      expect((await api('GET', `/contacts${query}`)).status, query).toBe(400);
    }
    const plain = await fetch(`${server.url}/api/v1/contacts`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'text/plain' }, body: 'name=X' });
    expect(plain.status).toBe(400);
    expect((await api('GET', '/contacts/bad.id')).status).toBe(400);
    expect((await api('GET', '/contacts/p_missing')).status).toBe(404);
    expect(await contactsData()).toEqual(before);
  });

  it('updates name, identities and attributes', async () => {
    const { contact } = (await api<{ contact: Contact }>('POST', '/contacts', { name: 'Leo', emails: ['leo@old.example'], attributes: { plan: 'free', cart: 3 } })).body;
    const patched = await api<{ contact: Contact }>('PATCH', `/contacts/${contact.id}`, { name: 'Leo Díaz', emails: ['leo@new.example'], attributes: { plan: 'pro', cart: null } });
    expect(patched.status).toBe(200);
    expect(patched.body.contact).toMatchObject({ name: 'Leo Díaz', emails: [{ value: 'leo@new.example', verified: true }], attributes: { plan: 'pro' } });
    expect(patched.body.contact.attributes).not.toHaveProperty('cart');
    expect((await api<{ contacts: Contact[] }>('GET', '/contacts?email=leo%40old.example')).body.contacts).toEqual([]);
    expect((await api<{ contacts: Contact[] }>('GET', '/contacts?email=leo%40new.example')).body.contacts.map((c) => c.id)).toEqual([contact.id]);

    expect((await api('PATCH', `/contacts/${contact.id}`, {})).status).toBe(400);
    expect((await api('PATCH', '/contacts/p_missing', { name: 'Nobody' })).status).toBe(404);
    await api('POST', '/contacts', { emails: ['taken@example.com'] });
    expect((await api('PATCH', `/contacts/${contact.id}`, { emails: ['taken@example.com'] })).status).toBe(409);
    expect((await api<{ contact: Contact }>('PATCH', `/contacts/${contact.id}`, { name: null })).body.contact.name).toBeNull();
  });

  it('merges one contact into another, timeline included', async () => {
    const keep = (await api<{ contact: Contact }>('POST', '/contacts', { name: 'Ana', emails: ['ana@example.com'] })).body.contact;
    const gone = (await api<{ contact: Contact }>('POST', '/contacts', { phones: ['+34 699 111 222'] })).body.contact;
    const call = await api<{ call: Call }>('POST', '/calls', { from: '+34699111222', to: '+34910000000', direction: 'inbound', startedAt: 1_700_000_000_000, durationSeconds: 95, notes: 'Asked about returns' });
    expect(call.status).toBe(201);
    expect(call.body.call).toMatchObject({ contactId: gone.id, number: '+34699111222', outcome: 'answered', loggedBy: { kind: 'integration' } });

    const merged = await api<{ contact: Contact }>('POST', `/contacts/${keep.id}/merge`, { mergeId: gone.id });
    expect(merged.status).toBe(200);
    expect(merged.body.contact).toMatchObject({ id: keep.id, emails: [{ value: 'ana@example.com' }], phones: [{ value: '+34699111222' }] });
    expect((await api<{ contact: Contact }>('GET', `/contacts/${gone.id}`)).body.contact.id).toBe(keep.id);
    const timeline = (await api<{ entries: TimelineEntry[] }>('GET', `/contacts/${keep.id}/timeline`)).body.entries;
    expect(timeline.map((e) => e.kind).sort()).toEqual(['call', 'merge']);
    expect(timeline.find((e) => e.kind === 'merge')).toMatchObject({ by: 'Tests (API)', merged: { id: gone.id } });

    expect((await api('POST', `/contacts/${keep.id}/merge`, { mergeId: keep.id })).status).toBe(400);
    expect((await api('POST', `/contacts/${keep.id}/merge`, { mergeId: 'p_missing' })).status).toBe(404);
    expect((await api('GET', '/contacts/p_missing/timeline')).status).toBe(404);
  });
});

describe('conversations', () => {
  it('reads a conversation and its messages', async () => {
    const { conversationId } = await shopperConversation('Do you ship to Canarias?');
    const read = await api<{ conversation: Conversation }>('GET', `/conversations/${conversationId}`);
    expect(read.status).toBe(200);
    expect(read.body.conversation).toMatchObject({ id: conversationId, channel: 'chat', status: 'open', lastOrder: 1 });
    const page = await api<{ messages: Message[]; hasMore: boolean }>('GET', `/conversations/${conversationId}/messages`);
    expect(page.body).toMatchObject({ hasMore: false, messages: [{ order: 1, text: 'Do you ship to Canarias?', author: { kind: 'visitor' } }] });
    expect((await api<{ messages: Message[] }>('GET', `/conversations/${conversationId}/messages?after=1`)).body.messages).toEqual([]);
    expect((await api('GET', `/conversations/${conversationId}/messages?after=-1`)).status).toBe(400);
    expect((await api('GET', '/conversations/c_missing')).status).toBe(404);
  });

  it('replies as an agent: live in the widget, stored once per clientId', async () => {
    const { socket, conversationId } = await shopperConversation('Hello?');
    const clientId = uuid();
    const live = nextEvent<Message>(socket, 'message:new');
    const sent = await api<{ message: Message }>('POST', `/conversations/${conversationId}/messages`, { clientId, text: 'Hi! Yes, we ship there.', agentId: adminId });
    expect(sent.status).toBe(201);
    expect(sent.body.message).toMatchObject({ conversationId, order: 2, clientId, text: 'Hi! Yes, we ship there.', author: { kind: 'agent', id: adminId } });
    expect(await live).toEqual(sent.body.message);

    const retried = await api<{ message: Message }>('POST', `/conversations/${conversationId}/messages`, { clientId, text: 'Hi! Yes, we ship there.', agentId: adminId });
    expect(retried.body.message.id).toBe(sent.body.message.id);
    const after = await api<{ messages: Message[] }>('GET', `/conversations/${conversationId}/messages`);
    expect(after.body.messages).toHaveLength(2);
    expect((await api<{ conversation: Conversation }>('GET', `/conversations/${conversationId}`)).body.conversation.firstResponseAt).toBe(sent.body.message.createdAt);
  });

  it('refuses a reply from an unknown agent, another site\u2019s agent or with a bad body, storing nothing', async () => {
    const { conversationId } = await shopperConversation();
    for (const [body, status] of [
      [{ clientId: uuid(), text: 'x', agentId: 'a_nobody' }, 404],
      [{ clientId: uuid(), text: 'x', agentId: 'a_rita' }, 404],
      [{ clientId: uuid(), text: '   ', agentId: adminId }, 400],
      [{ text: 'x', agentId: adminId }, 400],
      [{ clientId: 'short', text: 'x', agentId: adminId }, 400],
      [{ clientId: uuid(), text: 'x'.repeat(4001), agentId: adminId }, 400],
      [{ clientId: uuid(), text: 'x' }, 400],
    ] as const) {
      expect((await api('POST', `/conversations/${conversationId}/messages`, body)).status, JSON.stringify(body).slice(0, 80)).toBe(status);
    }
    expect((await api<{ messages: Message[] }>('GET', `/conversations/${conversationId}/messages`)).body.messages).toHaveLength(1);
    expect((await api('POST', '/conversations/c_missing/messages', { clientId: uuid(), text: 'x', agentId: adminId })).status).toBe(404);
  });

  it('assigns, unassigns, notes and resolves', async () => {
    const { conversationId } = await shopperConversation();
    const assigned = await api<{ conversation: Conversation }>('POST', `/conversations/${conversationId}/assign`, { agentId: adminId });
    expect(assigned.status).toBe(200);
    expect(assigned.body.conversation.assigneeId).toBe(adminId);
    expect((await api<{ conversation: Conversation }>('POST', `/conversations/${conversationId}/assign`, { agentId: null })).body.conversation.assigneeId).toBeNull();
    expect((await api('POST', `/conversations/${conversationId}/assign`, { agentId: 'a_rita' })).status).toBe(404);
    expect((await api('POST', `/conversations/${conversationId}/assign`, {})).status).toBe(400);

    const note = await api<{ note: ConversationNote }>('POST', `/conversations/${conversationId}/notes`, { text: 'VIP: refund approved', agentId: adminId });
    expect(note.status).toBe(201);
    expect(note.body.note).toMatchObject({ conversationId, text: 'VIP: refund approved', author: { id: adminId } });
    expect((await api<{ notes: ConversationNote[] }>('GET', `/conversations/${conversationId}/notes`)).body.notes.map((n) => n.id)).toEqual([note.body.note.id]);
    expect((await api('POST', `/conversations/${conversationId}/notes`, { text: '', agentId: adminId })).status).toBe(400);

    // No body and no Content-Type, as a generated client sends it.
    const resolved = await fetch(`${server.url}/api/v1/conversations/${conversationId}/resolve`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    expect(resolved.status).toBe(200);
    expect(((await resolved.json()) as { conversation: Conversation }).conversation).toMatchObject({ status: 'resolved', resolvedAt: expect.any(Number) });
    expect((await api<{ conversation: Conversation }>('POST', `/conversations/${conversationId}/resolve`)).body.conversation.status).toBe('resolved');
    expect((await api('POST', `/conversations/${conversationId}/assign`, { agentId: adminId })).status).toBe(409);
    expect((await api<{ conversations: Conversation[] }>('GET', '/conversations?status=resolved&limit=100')).body.conversations.map((c) => c.id)).toContain(conversationId);
  });

  it('pages through conversations with a cursor, newest first, without repeats', async () => {
    for (let i = 0; i < 3; i++) await shopperConversation(`Question ${i}`);
    const all = (await api<{ conversations: Conversation[] }>('GET', '/conversations?limit=100')).body.conversations;
    expect(all.length).toBeGreaterThanOrEqual(3);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Answer<{ conversations: Conversation[]; nextCursor: string | null }> = await api('GET', `/conversations?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      expect(page.body.conversations.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.conversations.map((c) => c.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.map((c) => c.id));
    const times = all.map((c) => c.updatedAt);
    expect([...times].sort((a, b) => b - a)).toEqual(times);

    for (const query of ['?limit=0', '?limit=101', '?status=closed', '?cursor=bad!', `?cursor=${Buffer.from('x').toString('base64url')}`]) {
      expect((await api('GET', `/conversations${query}`)).status, query).toBe(400);
    }
  });
});

describe('conversation paging in the store', () => {
  it('walks conversations with the same activity time, and a page boundary between them, without loss', async () => {
    const store = createConversationStore(server.redis);
    const ids = ['c_t1', 'c_t2', 'c_t3', 'c_t4', 'c_t5'];
    for (const [i, id] of ids.entries()) {
      const at = i < 4 ? 5_000 : 4_000;
      const c: Conversation = {
        id, siteId: 's_ties', visitorId: '', contactId: null, subject: null, channel: 'chat', status: 'open', assigneeId: null,
        createdAt: at, updatedAt: at, firstResponseAt: null, resolvedAt: null, lastOrder: 0, lastMessage: null, visitorName: null,
      };
      await store.create(c);
      await store.index(c);
    }
    const seen: string[] = [];
    let before = null;
    do {
      const page: Awaited<ReturnType<typeof store.page>> = await store.page('s_ties', 'open', before, 2);
      seen.push(...page.conversations.map((c) => c.id));
      before = page.next;
    } while (before);
    // Ties come in reverse id order, as ZRANGE REV gives them.
    expect(seen).toEqual(['c_t4', 'c_t3', 'c_t2', 'c_t1', 'c_t5']);
  });
});

describe('sites never see each other', () => {
  it("answers another site's ids as missing and lists only the token's site", async () => {
    const { conversationId } = await shopperConversation();
    const contact = (await api<{ contact: Contact }>('POST', '/contacts', { name: 'Private', emails: ['private@example.com'] })).body.contact;
    const rivalContact = (await api<{ contact: Contact }>('POST', '/contacts', { name: 'Theirs' }, rivalToken)).body.contact;
    const before = await contactsData();
    const attempts: Array<[string, string, unknown?]> = [
      ['GET', `/conversations/${conversationId}`],
      ['GET', `/conversations/${conversationId}/messages`],
      ['POST', `/conversations/${conversationId}/messages`, { clientId: uuid(), text: 'hijack', agentId: 'a_rita' }],
      ['POST', `/conversations/${conversationId}/assign`, { agentId: 'a_rita' }],
      ['POST', `/conversations/${conversationId}/resolve`, {}],
      ['GET', `/conversations/${conversationId}/notes`],
      ['POST', `/conversations/${conversationId}/notes`, { text: 'x', agentId: 'a_rita' }],
      ['GET', `/contacts/${contact.id}`],
      ['PATCH', `/contacts/${contact.id}`, { name: 'Owned' }],
      ['GET', `/contacts/${contact.id}/timeline`],
      ['POST', `/contacts/${rivalContact.id}/merge`, { mergeId: contact.id }],
    ];
    for (const [method, path, body] of attempts) {
      const res = await api<ErrorBody>(method, path, body, rivalToken);
      expect(res.status, `${method} ${path}`).toBe(404);
    }
    expect(await contactsData()).toEqual(before);
    expect((await api<{ contacts: Contact[] }>('GET', '/contacts?email=private%40example.com', undefined, rivalToken)).body.contacts).toEqual([]);
    const theirs = (await api<{ conversations: Conversation[] }>('GET', '/conversations?limit=100', undefined, rivalToken)).body.conversations;
    expect(theirs).toEqual([]);
    // Our token cannot reach theirs either.
    expect((await api('GET', `/contacts/${rivalContact.id}`)).status).toBe(404);
  });
});
