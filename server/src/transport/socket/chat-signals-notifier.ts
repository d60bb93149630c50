import type { ChatSignalsNotifier } from '../../domain/chat-signals-service.js';
import { rooms } from './rooms.js';
import type { AgentNamespace, VisitorNamespace } from './typed-namespaces.js';

/** Typing goes to the other side only; read marks go to both (other agents and the shopper's other tabs). */
export function createChatSignalsNotifier(visitors: VisitorNamespace, agents: AgentNamespace): ChatSignalsNotifier {
  const toVisitor = (siteId: string, visitorId: string) => visitors.to(rooms.visitor(siteId, visitorId));
  return {
    visitorTyping(conversation, draft) {
      agents.to(rooms.siteAgents(conversation.siteId)).emit('typing:visitor', { conversationId: conversation.id, draft });
    },
    agentTyping(conversation, agent, typing) {
      if (conversation.visitorId) toVisitor(conversation.siteId, conversation.visitorId).emit('typing:agent', { agentId: agent.id, name: agent.name, typing });
    },
    readState(conversation, state) {
      agents.to(rooms.siteAgents(conversation.siteId)).emit('conversation:read-state', state);
      if (conversation.visitorId) toVisitor(conversation.siteId, conversation.visitorId).emit('conversation:read-state', state);
    },
  };
}
