import { conversationRefSchema, visitorRateSchema, visitorTranscriptSchema } from '@hilo/shared';
import type { AfterChatNotifier, AfterChatService } from '../../domain/after-chat-service.js';
import type { ConversationNotifier } from '../../domain/ports.js';
import type { Logger } from '../../logger.js';
import { handle } from './handle.js';
import { rooms } from './rooms.js';
import type { AgentNamespace, AgentSocket, VisitorNamespace, VisitorSocket } from './typed-namespaces.js';

export function createVisitorAfterChatHandlers({ afterChat, logger }: { afterChat: AfterChatService; logger: Logger }) {
  return (socket: VisitorSocket): void => {
    const { site, visitorId } = socket.data;
    socket.on('conversation:rate', handle(visitorRateSchema, logger, (input) => afterChat.rate(site.id, visitorId, input)));
    socket.on('conversation:transcript', handle(visitorTranscriptSchema, logger, ({ email }) => afterChat.sendTranscript(site, visitorId, email)));
  };
}

export function createAgentAfterChatHandlers({ afterChat, logger }: { afterChat: AfterChatService; logger: Logger }) {
  return (socket: AgentSocket): void => {
    const { agent } = socket.data;
    socket.on('conversation:csat', handle(conversationRefSchema, logger, ({ conversationId }) => afterChat.csat(agent, conversationId)));
  };
}

export function createAfterChatNotifier(agents: AgentNamespace): AfterChatNotifier {
  return {
    rated(siteId, csat) {
      agents.to(rooms.siteAgents(siteId)).emit('conversation:rated', csat);
    },
  };
}

/**
 * Tells the shopper when their chat is resolved (so the widget offers the rating), by watching the
 * conversation updates every workflow change already sends to agents.
 */
export function withResolvedForVisitors<N extends ConversationNotifier>(notifier: N, visitors: VisitorNamespace): N {
  const told = new Map<string, number>();
  return {
    ...notifier,
    conversationUpdated(conversation) {
      notifier.conversationUpdated(conversation);
      const { resolvedAt } = conversation;
      if (conversation.status !== 'resolved' || !conversation.visitorId || conversation.channel !== 'chat' || resolvedAt === null) return;
      // Updates repeat (labels, snooze…) while resolved: one notice per resolution, per process.
      if (told.get(conversation.id) === resolvedAt) return;
      told.set(conversation.id, resolvedAt);
      if (told.size > 10_000) told.delete(told.keys().next().value ?? '');
      visitors.to(rooms.visitor(conversation.siteId, conversation.visitorId)).emit('conversation:resolved', { conversationId: conversation.id });
    },
  };
}
