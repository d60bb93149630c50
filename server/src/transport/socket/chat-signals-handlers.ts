import { agentReadSchema, agentTypingSchema, conversationRefSchema, visitorReadSchema, visitorTypingSchema } from '@hilo/shared';
import type { ChatSignalsService } from '../../domain/chat-signals-service.js';
import type { Logger } from '../../logger.js';
import { handle } from './handle.js';
import type { AgentSocket, VisitorSocket } from './typed-namespaces.js';

// Clients throttle typing to about one event a second; anything faster from one socket is dropped.
const TYPING_MIN_GAP_MS = 250;

function typingGate(): () => boolean {
  let last = 0;
  return () => {
    const now = Date.now();
    if (now - last < TYPING_MIN_GAP_MS) return false;
    last = now;
    return true;
  };
}

/** Registered beside the visitor handlers (a second `connection` listener). */
export function createVisitorChatSignalHandlers({ signals, logger }: { signals: ChatSignalsService; logger: Logger }) {
  return (socket: VisitorSocket): void => {
    const { site, visitorId } = socket.data;
    const gate = typingGate();
    socket.on(
      'typing:set',
      handle(visitorTypingSchema, logger, async ({ draft }) => {
        // The empty draft (sent or cleared) always passes, so the agent never sees a stale one.
        if (draft === '' || gate()) await signals.visitorTyping(site.id, visitorId, draft);
        return null;
      }),
    );
    socket.on(
      'conversation:read',
      handle(visitorReadSchema, logger, async ({ order }) => {
        await signals.visitorRead(site.id, visitorId, order);
        return null;
      }),
    );
  };
}

/** Registered beside the agent handlers; the agent namespace's session check runs first. */
export function createAgentChatSignalHandlers({ signals, logger }: { signals: ChatSignalsService; logger: Logger }) {
  return (socket: AgentSocket): void => {
    const { agent } = socket.data;
    const gate = typingGate();
    socket.on(
      'typing:set',
      handle(agentTypingSchema, logger, async ({ conversationId, typing }) => {
        if (!typing || gate()) await signals.agentTyping(agent, conversationId, typing);
        return null;
      }),
    );
    socket.on(
      'conversation:read',
      handle(agentReadSchema, logger, async ({ conversationId, order }) => {
        await signals.agentRead(agent, conversationId, order);
        return null;
      }),
    );
    socket.on(
      'conversation:read-state',
      handle(conversationRefSchema, logger, ({ conversationId }) => signals.readState(agent, conversationId)),
    );
  };
}
