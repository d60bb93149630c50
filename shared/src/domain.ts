import { z } from 'zod';
import { LIMITS } from './limits.js';

/** Who wrote a message. `id` is a visitor id, agent id, or a fixed id for bot/system. */
export const messageAuthorSchema = z.object({
  kind: z.enum(['visitor', 'agent', 'bot', 'system']),
  id: z.string(),
  name: z.string().optional(),
});
export type MessageAuthor = z.infer<typeof messageAuthorSchema>;

/**
 * A stored message. `order` is dense and increasing within its conversation (1, 2, 3…), so a client
 * that holds order N asks for everything after N. `clientId` is the sender's idempotency key.
 */
export const messageSchema = z.object({
  id: z.string(),
  conversationId: z.string(),
  order: z.number().int().positive(),
  clientId: z.string(),
  author: messageAuthorSchema,
  text: z.string(),
  createdAt: z.number().int(),
});
export type Message = z.infer<typeof messageSchema>;

export const CHANNELS = ['chat', 'email', 'phone'] as const;
export type Channel = (typeof CHANNELS)[number];

export const CONVERSATION_STATUSES = ['open', 'pending', 'resolved'] as const;
export type ConversationStatus = (typeof CONVERSATION_STATUSES)[number];

/** A short view of the last message, enough for an inbox row. */
export interface MessagePreview {
  text: string;
  authorKind: MessageAuthor['kind'];
  createdAt: number;
}

export interface Conversation {
  id: string;
  siteId: string;
  visitorId: string;
  channel: Channel;
  status: ConversationStatus;
  assigneeId: string | null;
  createdAt: number;
  updatedAt: number;
  firstResponseAt: number | null;
  resolvedAt: number | null;
  /** Order of the newest message; 0 when there is none yet. */
  lastOrder: number;
  lastMessage: MessagePreview | null;
  /** Best name known for the customer, for display only. */
  visitorName: string | null;
}

export type AgentRole = 'admin' | 'agent';

/** An agent as the console sees it: never carries credentials. */
export interface Agent {
  id: string;
  siteId: string;
  email: string;
  name: string;
  role: AgentRole;
}

/** A page of messages plus the conversation they belong to. */
export interface ConversationHistory {
  conversation: Conversation;
  messages: Message[];
  /** True when more messages exist after the last one returned (ask again with its order). */
  hasMore: boolean;
}

/** A conversation id as clients send it; ids are server-made, short and URL-safe. */
export const idSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'must be an id');

export const clientIdSchema = z
  .string()
  .min(8)
  .max(LIMITS.clientId)
  .regex(/^[A-Za-z0-9_-]+$/, 'must be a UUID or similar token');

export const messageTextSchema = z
  .string()
  .max(LIMITS.messageText, `must be at most ${LIMITS.messageText} characters`)
  .refine((text) => text.trim().length > 0, 'must not be empty');

export const afterOrderSchema = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
