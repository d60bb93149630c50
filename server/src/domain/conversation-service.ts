import type { Agent, Conversation, ConversationHistory, ConversationStatus, Message, MessageAuthor } from '@hilo/shared';
import { LIMITS } from '@hilo/shared';
import { DomainError } from './errors.js';
import { newId } from './ids.js';
import type { ConversationNotifier, ConversationRepository, VisitorRepository } from './ports.js';

export interface ConversationServiceDeps {
  conversations: ConversationRepository;
  visitors: VisitorRepository;
  notifier: ConversationNotifier;
  now?: () => number;
}

export interface SendInput {
  clientId: string;
  text: string;
}

export type ConversationService = ReturnType<typeof createConversationService>;

export function createConversationService({ conversations, visitors, notifier, now = Date.now }: ConversationServiceDeps) {
  async function visitorConversation(siteId: string, visitorId: string): Promise<Conversation | null> {
    const id = await visitors.conversationOf(siteId, visitorId);
    return id ? conversations.get(id) : null;
  }

  /** Finds the visitor's conversation or makes one; concurrent first messages end in the same one. */
  async function ensureVisitorConversation(siteId: string, visitorId: string): Promise<Conversation> {
    const existing = await visitorConversation(siteId, visitorId);
    if (existing) return existing;
    const at = now();
    const fresh: Conversation = {
      id: newId('c'),
      siteId,
      visitorId,
      channel: 'chat',
      status: 'open',
      assigneeId: null,
      createdAt: at,
      updatedAt: at,
      firstResponseAt: null,
      resolvedAt: null,
      lastOrder: 0,
      lastMessage: null,
      visitorName: null,
    };
    // The conversation exists before it is linked, so whoever reads the link always finds it.
    await conversations.create(fresh);
    const linked = await visitors.linkConversation(siteId, visitorId, fresh.id);
    if (linked !== fresh.id) {
      await conversations.discard(fresh.id);
      const winner = await conversations.get(linked);
      if (!winner) throw new DomainError('internal', 'Conversation link points nowhere');
      return winner;
    }
    await conversations.index(fresh);
    return fresh;
  }

  async function append(conversation: Conversation, author: MessageAuthor, input: SendInput): Promise<Message> {
    const at = now();
    const result = await conversations.append(
      conversation.id,
      { id: newId('m'), clientId: input.clientId, author, text: input.text, createdAt: at },
      author.kind === 'agent',
    );
    if (!result) throw new DomainError('not_found', 'Conversation not found');
    if (!result.created) return result.message;
    let current = (await conversations.get(conversation.id)) ?? conversation;
    if (author.kind === 'visitor' && current.status === 'resolved') {
      // A shopper writing again reopens the thread instead of starting over.
      await conversations.setStatus(current.id, 'open', at);
      current = { ...current, status: 'open', resolvedAt: null };
    }
    await conversations.index(current);
    notifier.messageCreated(current, result.message);
    notifier.conversationUpdated(current);
    return result.message;
  }

  async function history(conversation: Conversation, afterOrder: number): Promise<ConversationHistory> {
    const page = await conversations.messagesAfter(conversation.id, afterOrder, LIMITS.syncPage + 1);
    return { conversation, messages: page.slice(0, LIMITS.syncPage), hasMore: page.length > LIMITS.syncPage };
  }

  async function agentConversation(agent: Agent, conversationId: string): Promise<Conversation> {
    const conversation = await conversations.get(conversationId);
    // Another site's conversation looks exactly like a missing one.
    if (!conversation || conversation.siteId !== agent.siteId) throw new DomainError('not_found', 'Conversation not found');
    return conversation;
  }

  return {
    async visitorSend(siteId: string, visitorId: string, input: SendInput): Promise<Message> {
      const conversation = await ensureVisitorConversation(siteId, visitorId);
      return append(conversation, { kind: 'visitor', id: visitorId }, input);
    },

    async visitorHistory(siteId: string, visitorId: string, afterOrder: number): Promise<ConversationHistory | null> {
      const conversation = await visitorConversation(siteId, visitorId);
      return conversation ? history(conversation, afterOrder) : null;
    },

    async agentSend(agent: Agent, conversationId: string, input: SendInput): Promise<Message> {
      const conversation = await agentConversation(agent, conversationId);
      return append(conversation, { kind: 'agent', id: agent.id, name: agent.name }, input);
    },

    async agentOpen(agent: Agent, conversationId: string, afterOrder: number): Promise<ConversationHistory> {
      return history(await agentConversation(agent, conversationId), afterOrder);
    },

    inbox(agent: Agent, status: ConversationStatus, limit: number): Promise<Conversation[]> {
      return conversations.list(agent.siteId, status, limit);
    },
  };
}
