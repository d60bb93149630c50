import type { Agent, Conversation, ReadState } from '@hilo/shared';
import { DomainError } from './errors.js';
import type { ConversationRepository, VisitorRepository } from './ports.js';

/** Where typing and read signals go (transport/socket/chat-signals-notifier.ts fans them out). */
export interface ChatSignalsNotifier {
  visitorTyping(conversation: Conversation, draft: string): void;
  agentTyping(conversation: Conversation, agent: Pick<Agent, 'id' | 'name'>, typing: boolean): void;
  readState(conversation: Conversation, state: ReadState): void;
}

export interface ReadMarks {
  get(conversationId: string): Promise<ReadState>;
  raise(conversationId: string, side: 'visitor' | 'agent', order: number): Promise<ReadState>;
}

export interface ChatSignalsService {
  visitorTyping(siteId: string, visitorId: string, draft: string): Promise<void>;
  visitorRead(siteId: string, visitorId: string, order: number): Promise<void>;
  agentTyping(agent: Agent, conversationId: string, typing: boolean): Promise<void>;
  agentRead(agent: Agent, conversationId: string, order: number): Promise<void>;
  readState(agent: Agent, conversationId: string): Promise<ReadState>;
}

interface Deps {
  conversations: Pick<ConversationRepository, 'get'>;
  visitors: Pick<VisitorRepository, 'conversationOf'>;
  reads: ReadMarks;
  notifier: ChatSignalsNotifier;
}

/**
 * Typing indicators (relayed, never stored) and read receipts (stored, highest order wins) for chat.
 * A visitor acts only on their own conversation; an agent only on conversations of their site.
 */
export function createChatSignalsService({ conversations, visitors, reads, notifier }: Deps): ChatSignalsService {
  const visitorConversation = async (siteId: string, visitorId: string) => {
    const id = await visitors.conversationOf(siteId, visitorId);
    const conversation = id ? await conversations.get(id) : null;
    return conversation && conversation.siteId === siteId && conversation.channel === 'chat' ? conversation : null;
  };
  const agentConversation = async (agent: Agent, id: string) => {
    const conversation = await conversations.get(id);
    if (!conversation || conversation.siteId !== agent.siteId) throw new DomainError('not_found', 'No such conversation');
    return conversation;
  };
  // A mark past the newest message would show "Seen" on messages not yet written.
  const clamp = (conversation: Conversation, order: number) => Math.min(order, conversation.lastOrder);

  return {
    async visitorTyping(siteId, visitorId, draft) {
      // Before the first message there is no conversation for the agent to watch: nothing to relay.
      const conversation = await visitorConversation(siteId, visitorId);
      if (conversation) notifier.visitorTyping(conversation, draft);
    },
    async visitorRead(siteId, visitorId, order) {
      const conversation = await visitorConversation(siteId, visitorId);
      if (!conversation) return;
      notifier.readState(conversation, await reads.raise(conversation.id, 'visitor', clamp(conversation, order)));
    },
    async agentTyping(agent, conversationId, typing) {
      notifier.agentTyping(await agentConversation(agent, conversationId), agent, typing);
    },
    async agentRead(agent, conversationId, order) {
      const conversation = await agentConversation(agent, conversationId);
      notifier.readState(conversation, await reads.raise(conversation.id, 'agent', clamp(conversation, order)));
    },
    async readState(agent, conversationId) {
      return reads.get((await agentConversation(agent, conversationId)).id);
    },
  };
}
