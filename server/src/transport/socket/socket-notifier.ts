import type { ConversationNotifier } from '../../domain/ports.js';
import { rooms } from './rooms.js';
import type { AgentNamespace, VisitorNamespace } from './typed-namespaces.js';

/** Fans domain events out to sockets on every process (the Redis adapter carries room broadcasts). */
export function createSocketNotifier(visitors: VisitorNamespace, agents: AgentNamespace): ConversationNotifier {
  return {
    messageCreated(conversation, message) {
      visitors.to(rooms.visitor(conversation.siteId, conversation.visitorId)).emit('message:new', message);
      agents.to(rooms.siteAgents(conversation.siteId)).emit('message:new', message);
    },
    conversationUpdated(conversation) {
      agents.to(rooms.siteAgents(conversation.siteId)).emit('conversation:updated', conversation);
    },
  };
}
