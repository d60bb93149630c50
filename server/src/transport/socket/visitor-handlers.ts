import { visitorSendSchema, visitorSyncSchema } from '@hilo/shared';
import type { ConversationService } from '../../domain/conversation-service.js';
import type { Logger } from '../../logger.js';
import type { AgentPresence } from './agent-presence.js';
import { handle } from './handle.js';
import { rooms } from './rooms.js';
import type { VisitorSocket } from './typed-namespaces.js';

/** Every visitor event acts on the visitor's own conversation only; ids never come from the client. */
export function createVisitorHandlers({ conversations, presence, logger }: { conversations: ConversationService; presence: AgentPresence; logger: Logger }) {
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
      handle(visitorSendSchema, logger, (input) => conversations.visitorSend(site.id, visitorId, input)),
    );
    socket.on(
      'conversation:sync',
      handle(visitorSyncSchema, logger, (input) => conversations.visitorHistory(site.id, visitorId, input.afterOrder)),
    );
  };
}
