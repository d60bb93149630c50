import type { ConversationNotifier } from '../../domain/ports.js';
import { rooms } from './rooms.js';
import type { AgentNamespace, VisitorNamespace } from './typed-namespaces.js';

/** Fans domain events out to sockets on every process (the Redis adapter carries room broadcasts). */
export function createSocketNotifier(visitors: VisitorNamespace, agents: AgentNamespace): ConversationNotifier {
  const toVisitor = (siteId: string, visitorId: string) => visitors.to(rooms.visitor(siteId, visitorId));
  const toAgents = (siteId: string) => agents.to(rooms.siteAgents(siteId));
  return {
    messageCreated(conversation, message, origin) {
      // The sending tab has the message from its ack; its other tabs still need it.
      if (conversation.visitorId) toVisitor(conversation.siteId, conversation.visitorId).except(origin ?? []).emit('message:new', message);
      toAgents(conversation.siteId).emit('message:new', message, conversation);
    },
    messageUpdated(conversation, message) {
      toAgents(conversation.siteId).emit('message:updated', message);
    },
    conversationUpdated(conversation) {
      toAgents(conversation.siteId).emit('conversation:updated', conversation);
    },
    contactUpdated(contact) {
      toAgents(contact.siteId).emit('contact:updated', contact);
    },
    timelineChanged(siteId, contactId) {
      toAgents(siteId).emit('timeline:changed', { contactId });
    },
    followupOffered(conversation, email) {
      if (conversation.visitorId) toVisitor(conversation.siteId, conversation.visitorId).emit('followup:offer', { email });
    },
    visitorStartedOver(siteId, visitorId) {
      toVisitor(siteId, visitorId).emit('sync:needed', { withinMs: 0 });
    },
  };
}
