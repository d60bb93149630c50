import { identifySchema, visitorContextSchema, visitorSendSchema, visitorSyncSchema } from '@hilo/shared';
import type { ContactService } from '../../domain/contact-service.js';
import type { ConversationService } from '../../domain/conversation-service.js';
import type { Logger } from '../../logger.js';
import type { AgentPresence } from './agent-presence.js';
import { handle } from './handle.js';
import { rooms } from './rooms.js';
import type { VisitorSocket } from './typed-namespaces.js';

/** Every visitor event acts on the visitor's own conversation only; ids never come from the client. */
export interface VisitorHandlerDeps {
  conversations: ConversationService;
  contacts: ContactService;
  presence: AgentPresence;
  logger: Logger;
}

export function createVisitorHandlers({ conversations, contacts, presence, logger }: VisitorHandlerDeps) {
  return (socket: VisitorSocket): void => {
    const { site, visitorId, token } = socket.data;
    // All tabs of one visitor share a room, so each sees messages sent from the others.
    void socket.join([rooms.visitor(site.id, visitorId), rooms.siteVisitors(site.id)]);
    socket.emit('session:ready', { visitorId, token });
    presence.current(site.id).then(
      (current) => socket.emit('agents:presence', current),
      (err: unknown) => logger.warn({ err }, 'presence unavailable'),
    );

    socket.on(
      'message:send',
      handle(visitorSendSchema, logger, async (input) => {
        const message = await conversations.visitorSend(site.id, visitorId, input, socket.id, socket.data.conversationId);
        socket.data.conversationId = message.conversationId;
        return message;
      }),
    );
    socket.on(
      'visitor:identify',
      handle(identifySchema, logger, async (input) => {
        const { verified } = await contacts.identify(site, visitorId, input);
        return { verified };
      }),
    );
    socket.on(
      'visitor:context',
      handle(visitorContextSchema, logger, async (input) => {
        await contacts.setContext(site, visitorId, input);
        return null;
      }),
    );
    socket.on(
      'conversation:sync',
      handle(visitorSyncSchema, logger, (input) => conversations.visitorHistory(site.id, visitorId, input.afterOrder)),
    );
  };
}
