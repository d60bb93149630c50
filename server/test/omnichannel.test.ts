import type { Call, ContactProfile, Conversation, ConversationHistory, IdentifyResult, Message, Note, TimelineEntry } from '@hilo/shared';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createMailer } from '../src/channels/email/mailer.js';
import { startSmtpSink, type SmtpSink } from '../src/channels/email/smtp-sink.js';
import { userHashFor } from '../src/domain/user-hash.js';
import {
  INTEGRATION_TOKEN, agentClient, nextEvent, request, signIn, startTestRedis, startTestServer, uuid, visitorClient, whenConnected, whenReady,
  type AgentClient, type TestRedis, type TestServer, type VisitorClient,
} from './harness.js';

let redis: TestRedis;
let server: TestServer;
let sink: SmtpSink;
let staff: AgentClient;
const open: VisitorClient[] = [];

beforeAll(async () => {
  redis = await startTestRedis();
  sink = await startSmtpSink();
  server = await startTestServer(redis.url, { mailer: createMailer(sink.url) });
  staff = agentClient(server.url, await signIn(server.url));
  await whenConnected(staff);
});
afterEach(() => {
  for (const socket of open.splice(0)) socket.disconnect();
});
afterAll(async () => {
  staff.disconnect();
  await server.close();
  await sink.close();
  await redis.dispose();
});

async function shopper(): Promise<{ socket: VisitorClient; visitorId: string }> {
  const socket = visitorClient(server.url, { siteKey: server.site.publicKey });
  open.push(socket);
  const { visitorId } = await whenReady(socket);
  return { socket, visitorId };
}

async function ok<T>(promise: Promise<{ ok: true; data: T } | { ok: false; error: { code: string; message: string } }>): Promise<T> {
  const answer = await promise;
  if (!answer.ok) throw new Error(`${answer.error.code}: ${answer.error.message}`);
  return answer.data;
}

function post(path: string, body: unknown, token: string | null = INTEGRATION_TOKEN) {
  return fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
}

async function inboundEmail(fields: { from: string; subject: string; text: string; messageId: string; to?: string; inReplyTo?: string }) {
  const headers: Record<string, string> = { 'Message-ID': fields.messageId };
  if (fields.inReplyTo) headers['In-Reply-To'] = fields.inReplyTo;
  const res = await post('/api/email/inbound', { from: fields.from, to: fields.to ?? 'support@shop.example', subject: fields.subject, text: fields.text, headers });
  expect(res.status).toBe(201);
  return (await res.json()) as { conversationId: string; messageId: string };
}

const timelineOf = (contactId: string) => ok<TimelineEntry[]>(request(staff, 'timeline:get', { contactId }));
const profileOf = (contactId: string) => ok<ContactProfile>(request(staff, 'contact:get', { contactId }));
const conversationOf = async (id: string) => (await ok<ConversationHistory>(request(staff, 'conversation:open', { conversationId: id }))).conversation;

describe('email channel', () => {
  it('threads replies by In-Reply-To and stores a re-delivered email once', async () => {
    const first = await inboundEmail({ from: 'Bea Ruiz <bea@example.com>', subject: 'Wrong size', text: 'The shirt is too small.', messageId: '<b1@example.com>' });
    const again = await inboundEmail({ from: 'Bea Ruiz <bea@example.com>', subject: 'Wrong size', text: 'The shirt is too small.', messageId: '<b1@example.com>' });
    expect(again).toEqual(first);
    const reply = await inboundEmail({ from: 'bea@example.com', subject: 'Re: Wrong size', text: 'Order 77.', messageId: '<b2@example.com>', inReplyTo: '<b1@example.com>' });
    expect(reply.conversationId).toBe(first.conversationId);
    const fresh = await inboundEmail({ from: 'BEA@example.com', subject: 'Another thing', text: 'Gift wrap?', messageId: '<b3@example.com>' });
    expect(fresh.conversationId).not.toBe(first.conversationId);
    const [a, b] = await Promise.all([conversationOf(first.conversationId), conversationOf(fresh.conversationId)]);
    expect(a).toMatchObject({ channel: 'email', subject: 'Wrong size', visitorName: 'Bea Ruiz', lastOrder: 2 });
    expect(b.contactId).toBe(a.contactId);
  });

  it('sends an agent reply by SMTP with threading headers and a per-conversation Reply-To, then files the answer in the same thread', async () => {
    const { conversationId } = await inboundEmail({ from: 'Carla <carla@example.com>', subject: 'Returns', text: 'How do I return?', messageId: '<c1@example.com>' });
    const updated = nextEvent<Message>(staff, 'message:updated');
    const sent = await ok<Message>(request(staff, 'message:send', { conversationId, clientId: uuid(), text: 'Use the prepaid label.' }));
    expect(sent).toMatchObject({ email: { direction: 'out', subject: 'Re: Returns', to: ['carla@example.com'] }, delivery: { status: 'pending' } });
    const mail = await sink.waitFor((m) => m.subject === 'Re: Returns');
    expect(mail.inReplyTo).toBe('<c1@example.com>');
    expect(mail.references).toEqual(['<c1@example.com>']);
    expect(mail.messageId).toBe(sent.email?.messageId);
    expect(mail.replyTo).toMatch(/^reply\+[0-9a-f]{24}@shop\.example$/);
    expect(mail.text).toContain('Use the prepaid label.');
    expect(await updated).toMatchObject({ id: sent.id, delivery: { status: 'sent', attempts: 1 } });

    // The customer answers to the Reply-To address, with no threading headers at all.
    const answer = await inboundEmail({ from: 'carla@example.com', to: mail.replyTo, subject: 'thanks', text: 'Done!', messageId: '<c2@example.com>' });
    expect(answer.conversationId).toBe(conversationId);
  });

  it('shows a failing send as pending with its error, then sent after the retry', async () => {
    const { conversationId } = await inboundEmail({ from: 'dan@example.com', subject: 'Invoice', text: 'Need an invoice', messageId: '<d1@example.com>' });
    sink.failNext(1);
    const states: Message[] = [];
    const seen = new Promise<void>((resolve) => {
      const onUpdate = (m: Message) => {
        states.push(m);
        if (m.delivery?.status === 'sent') {
          staff.off('message:updated', onUpdate);
          resolve();
        }
      };
      staff.on('message:updated', onUpdate);
    });
    await ok(request(staff, 'message:send', { conversationId, clientId: uuid(), text: 'Attached.' }));
    await seen;
    expect(states[0]?.delivery).toMatchObject({ status: 'pending', attempts: 1, error: expect.stringMatching(/451|temporar/i) });
    expect(states.at(-1)?.delivery).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('refuses the webhook without the integration token or for another site\u2019s address', async () => {
    expect((await post('/api/email/inbound', { from: 'x@example.com', to: 'support@shop.example', subject: 's', text: 't' }, null)).status).toBe(401);
    expect((await post('/api/email/inbound', { from: 'x@example.com', to: 'support@shop.example', subject: 's', text: 't' }, 'wrong-token-wrong-token-wrong')).status).toBe(401);
    expect((await post('/api/email/inbound', { from: 'x@example.com', to: 'help@elsewhere.example', subject: 's', text: 't' })).status).toBe(404);
    expect((await post('/api/email/inbound', { from: 5, to: [] })).status).toBe(400);
  });
});

describe('identity and the timeline', () => {
  it('merges a visitor with a valid userHash into the customer, whose email and call the agent sees beside the chat', async () => {
    await inboundEmail({ from: 'Ana García <ana@example.com>', subject: 'Order #1042', text: 'Where is it?', messageId: '<a1@example.com>' });

    const { socket, visitorId } = await shopper();
    await ok(request(socket, 'message:send', { clientId: uuid(), text: 'hola' }));
    const result = await ok<IdentifyResult>(
      request(socket, 'visitor:identify', { email: 'ana@example.com', name: 'Ana', phone: '+34 612 345 678', userHash: userHashFor(server.site.identitySecret, 'ana@example.com') }),
    );
    expect(result.verified).toBe(true);

    // A call from her number, posted by the telephony system, lands on the same customer.
    const callRes = await post('/api/calls', { from: '+34 612 345 678', to: '+34910000000', direction: 'inbound', startedAt: Date.now() - 60_000, durationSeconds: 95, notes: 'Asked about #1042' });
    expect(callRes.status).toBe(201);
    const { call } = (await callRes.json()) as { call: Call };
    expect(call.number).toBe('+34612345678');

    const chat = await ok<ConversationHistory>(request(socket, 'conversation:sync', { afterOrder: 0 }));
    expect(chat.messages.map((m) => m.text)).toEqual(['hola']);
    const profile = await profileOf(chat.conversation.contactId ?? '');
    expect(profile.contact.emails).toContainEqual({ value: 'ana@example.com', verified: true });
    expect(profile.contact.visitorIds).toContain(visitorId);
    // The call (attached by phone) and the email ended up on the same customer as the chat.
    const contactId = profile.contact.id;
    const kinds = (await timelineOf(contactId)).map((e) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(['conversation', 'email', 'call', 'merge']));
    expect((await timelineOf(contactId)).find((e) => e.kind === 'call')).toMatchObject({ call: { notes: 'Asked about #1042', contactId } });
  });

  it('keeps an unverified email as a claim: no merge, a possible match for the agent, nothing leaks to the visitor', async () => {
    await inboundEmail({ from: 'Eva <eva@example.com>', subject: 'Private', text: 'my secret order', messageId: '<e1@example.com>' });
    const { socket } = await shopper();
    await ok(request(socket, 'message:send', { clientId: uuid(), text: 'I am Eva, honest' }));
    const forged = await ok<IdentifyResult>(request(socket, 'visitor:identify', { email: 'eva@example.com', userHash: 'a'.repeat(64) }));
    expect(forged.verified).toBe(false);
    const chat = await ok<ConversationHistory>(request(socket, 'conversation:sync', { afterOrder: 0 }));
    expect(chat.messages.map((m) => m.text)).toEqual(['I am Eva, honest']);
    const profile = await profileOf(chat.conversation.contactId ?? '');
    expect(profile.contact.emails).toEqual([{ value: 'eva@example.com', verified: false }]);
    expect(profile.possibleMatches.map((c) => c.emails[0])).toContainEqual({ value: 'eva@example.com', verified: true });
    expect((await timelineOf(profile.contact.id)).some((e) => e.kind === 'email')).toBe(false);
  });

  it('lets an agent merge a possible match: conversations, calls and notes move, nothing is duplicated', async () => {
    const { conversationId } = await inboundEmail({ from: 'Fede <fede@example.com>', subject: 'Hi', text: 'first', messageId: '<f1@example.com>' });
    const owner = (await conversationOf(conversationId)).contactId ?? '';
    const { socket } = await shopper();
    await ok(request(socket, 'message:send', { clientId: uuid(), text: 'chat from fede' }));
    await ok(request(socket, 'visitor:identify', { email: 'fede@example.com' }));
    const claim = (await ok<ConversationHistory>(request(socket, 'conversation:sync', { afterOrder: 0 }))).conversation.contactId ?? '';
    await ok<Note>(request(staff, 'note:add', { contactId: claim, text: 'Prefers WhatsApp' }));
    await ok<Call>(request(staff, 'call:log', { contactId: claim, number: '+34 699 111 222', direction: 'outbound', startedAt: Date.now(), durationSeconds: 30, outcome: 'voicemail' }));

    const merged = await ok(request(staff, 'contact:merge', { survivorId: owner, mergedId: claim }));
    expect(merged).toMatchObject({ id: owner });
    const entries = await timelineOf(owner);
    expect(entries.filter((e) => e.kind === 'note')).toHaveLength(1);
    expect(entries.filter((e) => e.kind === 'call')).toHaveLength(1);
    expect(entries.filter((e) => e.kind === 'conversation')).toHaveLength(1);
    expect(entries.filter((e) => e.kind === 'email')).toHaveLength(1);
    expect(entries.find((e) => e.kind === 'merge')).toBeTruthy();
    // The old contact now reads as the survivor, and the chat belongs to the survivor.
    expect((await profileOf(claim)).contact.id).toBe(owner);
    const chat = await ok<ConversationHistory>(request(socket, 'conversation:sync', { afterOrder: 0 }));
    expect(chat.conversation.contactId).toBe(owner);
    expect(chat.messages.map((m) => m.text)).toEqual(['chat from fede']);
  });

  it('never merges two different verified customers: the second sign-in on one browser starts a fresh chat', async () => {
    const hash = (email: string) => userHashFor(server.site.identitySecret, email);
    await inboundEmail({ from: 'gil@example.com', subject: 'x', text: 'gil mail', messageId: '<g1@example.com>' });
    const { socket } = await shopper();
    await ok(request(socket, 'visitor:identify', { email: 'hugo@example.com', userHash: hash('hugo@example.com') }));
    await ok(request(socket, 'message:send', { clientId: uuid(), text: 'hugo private chat' }));
    const hugoChat = (await ok<ConversationHistory>(request(socket, 'conversation:sync', { afterOrder: 0 }))).conversation;
    const hugo = hugoChat.contactId;
    const seenByGil: string[] = [];
    socket.onAny((event: string) => seenByGil.push(event));
    await ok(request(socket, 'visitor:identify', { email: 'gil@example.com', userHash: hash('gil@example.com') }));
    expect(await ok(request(socket, 'conversation:sync', { afterOrder: 0 }))).toBeNull();

    // Gil now has the browser: its tabs are told to catch up (and find no chat), and the agent's answer
    // to Hugo's chat, and its signals, stay away from it.
    await ok(request(staff, 'typing:set', { conversationId: hugoChat.id, typing: true }));
    await ok(request(staff, 'message:send', { conversationId: hugoChat.id, clientId: uuid(), text: 'Hugo, your refund is on its way' }));
    await ok(request(staff, 'conversation:resolve', { conversationId: hugoChat.id }));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(seenByGil).toEqual(['sync:needed']);
    // Gil's own first message opens Gil's chat, not Hugo's.
    const gilFirst = await ok<Message>(request(socket, 'message:send', { clientId: uuid(), text: 'gil here' }));
    expect(gilFirst.conversationId).not.toBe(hugoChat.id);
    expect((await conversationOf(hugoChat.id)).visitorId).toBe('');
    const hugoProfile = await profileOf(hugo ?? '');
    expect(hugoProfile.contact.emails).toEqual([{ value: 'hugo@example.com', verified: true }]);
    expect((await timelineOf(hugo ?? '')).some((e) => e.kind === 'email')).toBe(false);
  });

  it('keeps every field when identify, context and the first message arrive at once', async () => {
    const { socket } = await shopper();
    const acks = await Promise.all([
      request(socket, 'visitor:context', { url: 'https://shop.example/cart', attributes: { cartValue: 12 } }),
      request(socket, 'visitor:identify', { name: 'Kim', email: 'kim@example.com' }),
      request(socket, 'message:send', { clientId: uuid(), text: 'all at once' }),
    ]);
    expect(acks.every((a) => a.ok)).toBe(true);
    const contactId = (await ok<ConversationHistory>(request(socket, 'conversation:sync', { afterOrder: 0 }))).conversation.contactId ?? '';
    const { contact } = await profileOf(contactId);
    expect(contact).toMatchObject({ name: 'Kim', emails: [{ value: 'kim@example.com', verified: false }], attributes: { cartValue: 12 } });
  });

  it('names the chat after a customer who signs in while her first message opens it, on every interleaving', async () => {
    // The widget sends identify and the first message back to back; the server runs them concurrently.
    const { conversationId } = await inboundEmail({ from: 'Lia Pons <lia@example.com>', subject: 'Order #2001', text: 'lia mail', messageId: '<l1@example.com>' });
    const owner = (await conversationOf(conversationId)).contactId ?? '';
    for (let round = 0; round < 8; round += 1) {
      const { socket } = await shopper();
      const acks = await Promise.all([
        request(socket, 'visitor:identify', { email: 'lia@example.com', name: 'Lia Pons', userHash: userHashFor(server.site.identitySecret, 'lia@example.com') }),
        request(socket, 'message:send', { clientId: uuid(), text: `round ${round}` }),
      ]);
      expect(acks.every((a) => a.ok)).toBe(true);
      const { conversation } = await ok<ConversationHistory>(request(socket, 'conversation:sync', { afterOrder: 0 }));
      expect(conversation.visitorName, `round ${round}`).toBe('Lia Pons');
      expect(conversation.contactId, `round ${round}`).toBe(owner);
      expect((await timelineOf(owner)).some((e) => e.kind === 'conversation' && e.conversation.id === conversation.id), `round ${round}`).toBe(true);
    }
  });

  it('records page context, attributes and visits for the agent', async () => {
    const { socket } = await shopper();
    await ok(request(socket, 'visitor:context', { url: 'https://shop.example/p/linen', title: 'Linen shirt', attributes: { plan: 'pro', cartValue: 59 } }));
    await ok(request(socket, 'message:send', { clientId: uuid(), text: 'context please' }));
    const contactId = (await ok<ConversationHistory>(request(socket, 'conversation:sync', { afterOrder: 0 }))).conversation.contactId ?? '';
    const profile = await profileOf(contactId);
    expect(profile.context).toMatchObject({ url: 'https://shop.example/p/linen', title: 'Linen shirt', visits: 1 });
    expect(profile.contact.attributes).toEqual({ plan: 'pro', cartValue: 59 });
    expect(await request(socket, 'visitor:context', { attributes: { 'bad key!': 1 } })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
  });
});

describe('phone', () => {
  it('requires the integration token and a real number, and makes a contact for an unknown caller', async () => {
    const body = { from: '+44 20 7946 0958', to: '+34910000000', direction: 'inbound', startedAt: Date.now(), durationSeconds: 12, outcome: 'missed' };
    expect((await post('/api/calls', body, null)).status).toBe(401);
    expect((await post('/api/calls', { ...body, from: '12' })).status).toBe(400);
    const res = await post('/api/calls', body);
    const { call } = (await res.json()) as { call: Call };
    const profile = await profileOf(call.contactId);
    expect(profile.contact.phones).toEqual([{ value: '+442079460958', verified: true }]);
  });
});

describe('follow-up by email when nobody is online', () => {
  it('offers email, sends the agent\u2019s later reply there, and threads the customer\u2019s answer back', async () => {
    staff.disconnect();
    await new Promise((r) => setTimeout(r, 100));
    const { socket } = await shopper();
    const offer = nextEvent<{ email: string | null }>(socket, 'followup:offer');
    await ok(request(socket, 'message:send', { clientId: uuid(), text: 'Anyone there?' }));
    expect(await offer).toEqual({ email: null });
    await ok(request(socket, 'visitor:identify', { email: 'ines@example.com' }));
    const conversationId = (await ok<ConversationHistory>(request(socket, 'conversation:sync', { afterOrder: 0 }))).conversation.id;
    socket.disconnect();

    staff = agentClient(server.url, await signIn(server.url));
    await whenConnected(staff);
    const reply = await ok<Message>(request(staff, 'message:send', { conversationId, clientId: uuid(), text: 'Sorry for the wait: yes, we ship to Portugal.' }));
    expect(reply.email?.to).toEqual(['ines@example.com']);
    const mail = await sink.waitFor((m) => m.text.includes('we ship to Portugal'));
    expect(mail.to).toContain('ines@example.com');
    const answer = await inboundEmail({ from: 'ines@example.com', to: mail.replyTo, subject: mail.subject, text: 'Perfect, thanks', messageId: '<i1@example.com>' });
    expect(answer.conversationId).toBe(conversationId);
    const conversation = await conversationOf(conversationId);
    expect(conversation).toMatchObject({ channel: 'chat', lastOrder: 3 });
  });

  it('keeps the reply in the chat only while the shopper is on the page', async () => {
    const { socket } = await shopper();
    await ok(request(socket, 'message:send', { clientId: uuid(), text: 'still here' }));
    await ok(request(socket, 'visitor:identify', { email: 'jon@example.com' }));
    const conversationId = (await ok<ConversationHistory>(request(socket, 'conversation:sync', { afterOrder: 0 }))).conversation.id;
    const reply = await ok<Message>(request(staff, 'message:send', { conversationId, clientId: uuid(), text: 'live answer' }));
    expect(reply.email).toBeUndefined();
    expect(reply.delivery).toBeUndefined();
  });
});

describe('conversation list', () => {
  it('lists email and chat conversations side by side', async () => {
    const inbox = await ok<Conversation[]>(request(staff, 'inbox:list', {}));
    expect(new Set(inbox.map((c) => c.channel))).toEqual(new Set(['chat', 'email']));
  });
});
