import type { Agent, Call, Contact, ContactProfile, Conversation, Message, Note } from '@hilo/shared';

export const AGENT: Agent = { id: 'ag_1', siteId: 'site_1', email: 'ana@example.com', name: 'Ana', role: 'agent' };

export function conversation(id: string, change: Partial<Conversation> = {}): Conversation {
  return {
    id,
    siteId: 'site_1',
    visitorId: `v_${id}_0123456789`,
    contactId: 'ct_1',
    channel: 'chat',
    subject: null,
    status: 'open',
    assigneeId: null,
    createdAt: 1_000,
    updatedAt: 1_000,
    firstResponseAt: null,
    resolvedAt: null,
    lastOrder: 0,
    lastMessage: null,
    visitorName: null,
    ...change,
  };
}

export function message(conversationId: string, order: number, change: Partial<Message> = {}): Message {
  return {
    id: `${conversationId}-m${order}`,
    conversationId,
    order,
    clientId: `client-${conversationId}-${order}`,
    author: { kind: 'visitor', id: 'v_1' },
    text: `message ${order}`,
    createdAt: 10_000 + order,
    ...change,
  };
}

export function contact(id: string, change: Partial<Contact> = {}): Contact {
  return { id, siteId: 'site_1', name: null, emails: [], phones: [], visitorIds: [], attributes: {}, createdAt: 1_000, updatedAt: 1_000, ...change };
}

export function profile(change: Partial<ContactProfile> = {}): ContactProfile {
  return {
    contact: contact('ct_1', { name: 'Marta Ruiz' }),
    context: { url: null, title: null, visits: 1, lastSeenAt: null },
    possibleMatches: [],
    ...change,
  };
}

export function call(id: string, change: Partial<Call> = {}): Call {
  return {
    id,
    siteId: 'site_1',
    contactId: 'ct_1',
    direction: 'inbound',
    number: '+34612345678',
    startedAt: 50_000,
    durationSeconds: 125,
    outcome: 'answered',
    notes: '',
    recordingUrl: null,
    loggedBy: { kind: 'agent', id: 'ag_1', name: 'Ana' },
    createdAt: 50_000,
    ...change,
  };
}

export function note(id: string, change: Partial<Note> = {}): Note {
  return { id, siteId: 'site_1', contactId: 'ct_1', conversationId: null, author: { id: 'ag_1', name: 'Ana' }, text: 'note', createdAt: 60_000, ...change };
}
