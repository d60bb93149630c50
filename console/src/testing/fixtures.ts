import type { Agent, Conversation, Message } from '@hilo/shared';

export const AGENT: Agent = { id: 'ag_1', siteId: 'site_1', email: 'ana@example.com', name: 'Ana', role: 'agent' };

export function conversation(id: string, change: Partial<Conversation> = {}): Conversation {
  return {
    id,
    siteId: 'site_1',
    visitorId: `v_${id}_0123456789`,
    channel: 'chat',
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
