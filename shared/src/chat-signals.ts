import { z } from 'zod';
import type { AckCallback } from './ack.js';
import { afterOrderSchema, idSchema } from './domain.js';
import { LIMITS } from './limits.js';

/**
 * Typing indicators and read receipts for chat, both ways. Both are signals, not messages: typing is
 * relayed and never stored; read marks are stored (highest order wins) so they survive reloads.
 */

/** Visitor → server: the shopper's draft as they type (throttled by the widget); '' when they stop. */
export const visitorTypingSchema = z.object({ draft: z.string().max(LIMITS.messageText) });
export type VisitorTyping = z.infer<typeof visitorTypingSchema>;

/** Visitor → server: the shopper has seen everything up to `order` in their conversation. */
export const visitorReadSchema = z.object({ order: afterOrderSchema });
export type VisitorRead = z.infer<typeof visitorReadSchema>;

export const agentTypingSchema = z.object({ conversationId: idSchema, typing: z.boolean() });
export type AgentTyping = z.infer<typeof agentTypingSchema>;

export const agentReadSchema = z.object({ conversationId: idSchema, order: afterOrderSchema });
export type AgentRead = z.infer<typeof agentReadSchema>;

/** The read marks of one conversation. */
export interface ReadState {
  conversationId: string;
  /** Highest order the shopper has seen. */
  visitor: number;
  /** Highest order any agent has seen. */
  agent: number;
}

export interface ChatSignalsVisitorClientToServer {
  'typing:set': (payload: VisitorTyping, ack?: AckCallback<null>) => void;
  'conversation:read': (payload: VisitorRead, ack?: AckCallback<null>) => void;
}

export interface ChatSignalsVisitorServerToClient {
  /** An agent started (`typing: true`) or stopped typing a reply; stops by itself after a few seconds. */
  'typing:agent': (signal: { agentId: string; name: string; typing: boolean }) => void;
  'conversation:read-state': (state: ReadState) => void;
}

export interface ChatSignalsAgentClientToServer {
  'typing:set': (payload: AgentTyping, ack?: AckCallback<null>) => void;
  'conversation:read': (payload: AgentRead, ack?: AckCallback<null>) => void;
  /** Read marks of a conversation, when it is opened. */
  'conversation:read-state': (payload: { conversationId: string }, ack: AckCallback<ReadState>) => void;
}

export interface ChatSignalsAgentServerToClient {
  /** The shopper's live draft ('' when they cleared it or sent it). */
  'typing:visitor': (signal: { conversationId: string; draft: string }) => void;
  'conversation:read-state': (state: ReadState) => void;
}
