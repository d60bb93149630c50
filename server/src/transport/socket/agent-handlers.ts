import { agentSendSchema, callLogSchema, contactGetSchema, contactMergeSchema, conversationOpenSchema, inboxListSchema, noteAddSchema } from '@hilo/shared';
import type { ContactService } from '../../domain/contact-service.js';
import type { TimelineService } from '../../domain/timeline-service.js';
import type { AuthService } from '../../domain/auth-service.js';
import type { ConversationService } from '../../domain/conversation-service.js';
import type { Logger } from '../../logger.js';
import type { AgentPresence } from './agent-presence.js';
import { handle } from './handle.js';
import { rooms } from './rooms.js';
import type { AgentSocket } from './typed-namespaces.js';

export interface AgentHandlerDeps {
  conversations: ConversationService;
  contacts: ContactService;
  timeline: TimelineService;
  auth: AuthService;
  presence: AgentPresence;
  logger: Logger;
}

export function createAgentHandlers({ conversations, contacts, timeline, auth, presence, logger }: AgentHandlerDeps) {
  return (socket: AgentSocket): void => {
    const { agent, sessionToken, sessionHash } = socket.data;
    void socket.join([rooms.siteAgents(agent.siteId), rooms.agentSession(sessionHash)]);
    presence.changed(agent.siteId);
    socket.on('disconnect', () => presence.changed(agent.siteId));

    // A session can end while the socket is open (sign-out elsewhere, expiry): every event re-checks it.
    socket.use(([event, , maybeAck], next) => {
      auth.agentForToken(sessionToken).then(
        (current) => {
          if (current) return next();
          if (typeof maybeAck === 'function') maybeAck({ ok: false, error: { code: 'unauthorized', message: 'Session ended; sign in again' } });
          logger.info({ event, agentId: agent.id }, 'event refused: session ended');
          socket.disconnect(true);
        },
        () => next(new Error('unavailable')),
      );
    });

    socket.on('inbox:list', handle(inboxListSchema, logger, (input) => conversations.inbox(agent, input.status, input.limit)));
    socket.on(
      'conversation:open',
      handle(conversationOpenSchema, logger, (input) => conversations.agentOpen(agent, input.conversationId, input.afterOrder)),
    );
    socket.on(
      'message:send',
      handle(agentSendSchema, logger, ({ conversationId, ...input }) => conversations.agentSend(agent, conversationId, input)),
    );
    socket.on('contact:get', handle(contactGetSchema, logger, ({ contactId }) => contacts.profile(agent.siteId, contactId)));
    socket.on('timeline:get', handle(contactGetSchema, logger, ({ contactId }) => timeline.list(agent.siteId, contactId)));
    socket.on(
      'contact:merge',
      handle(contactMergeSchema, logger, ({ survivorId, mergedId }) => contacts.merge(agent.siteId, survivorId, mergedId, agent.name, false)),
    );
    socket.on('note:add', handle(noteAddSchema, logger, (input) => timeline.addNote(agent, input)));
    socket.on('call:log', handle(callLogSchema, logger, (input) => timeline.logCall(agent, input)));
  };
}
