import { z } from 'zod';
import type { AckCallback } from './ack.js';
import type { AfterChatVisitorClientToServer, AfterChatVisitorServerToClient } from './after-chat.js';
import type { ChatSignalsVisitorClientToServer, ChatSignalsVisitorServerToClient } from './chat-signals.js';
import type { ResyncServerToClient } from './resync.js';
import type { IdentifyInput, IdentifyResult, VisitorContextInput } from './contact.js';
import type { Agent, ConversationHistory, Message } from './domain.js';
import type { BotReply } from './knowledge.js';
import { afterOrderSchema, clientIdSchema, messageTextSchema } from './domain.js';

/**
 * `socket.handshake.auth` for the visitor namespace. Without a token (or with one that fails its
 * signature) the server makes a new visitor and sends its token in `session:ready`.
 */
export const visitorAuthSchema = z.object({
  siteKey: z.string().min(1).max(64),
  token: z.string().max(512).optional(),
});
export type VisitorAuth = z.infer<typeof visitorAuthSchema>;

export const visitorSendSchema = z.object({
  clientId: clientIdSchema,
  text: messageTextSchema,
});
export type VisitorSend = z.infer<typeof visitorSendSchema>;

export const visitorSyncSchema = z.object({
  afterOrder: afterOrderSchema,
});
export type VisitorSync = z.infer<typeof visitorSyncSchema>;

/** What the server tells a visitor right after connecting. */
export interface VisitorSession {
  visitorId: string;
  /** Signed token to keep (localStorage) and present on the next connection. */
  token: string;
}

/** Events the widget sends. */
export interface VisitorClientToServer extends ChatSignalsVisitorClientToServer, AfterChatVisitorClientToServer {
  /** Store a message in the visitor's conversation (made on the first message). Idempotent per clientId. */
  'message:send': (payload: VisitorSend, ack: AckCallback<Message>) => void;
  /** Messages after `afterOrder` in the visitor's own conversation; `null` when none exists yet. */
  'conversation:sync': (payload: VisitorSync, ack: AckCallback<ConversationHistory | null>) => void;
  /** Tell who the shopper is (`Hilo.identify`, pre-chat form, or the email offer). */
  'visitor:identify': (payload: IdentifyInput, ack: AckCallback<IdentifyResult>) => void;
  /** The page the shopper is on (on load and on SPA route changes) and the site's attributes. */
  'visitor:context': (payload: VisitorContextInput, ack: AckCallback<null>) => void;
  /**
   * The shopper's answer to the answer bot's latest article offer (`botReplySchema`): `helped: true`
   * resolves the conversation (a deflection), `helped: false` hands it to a person. Fails with
   * `conflict` once the offer was answered or an agent has replied.
   */
  'bot:reply': (payload: BotReply, ack: AckCallback<null>) => void;
}

/** Events the server sends to the widget. */
export interface VisitorServerToClient extends ChatSignalsVisitorServerToClient, AfterChatVisitorServerToClient, ResyncServerToClient {
  'session:ready': (session: VisitorSession) => void;
  'message:new': (message: Message) => void;
  /** Agents of the site who are online, for "we typically reply" and offline states. */
  'agents:presence': (presence: { online: number; agents: Pick<Agent, 'id' | 'name'>[] }) => void;
  /**
   * No agent is online: offer to answer by email. `email` is the address already known (the widget
   * then only confirms), or null (the widget asks for one and sends it with `visitor:identify`).
   */
  'followup:offer': (offer: { email: string | null }) => void;
}
