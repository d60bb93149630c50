import { z } from 'zod';
import type { BotOffer } from './knowledge.js';
import { LIMITS } from './limits.js';

/** Who wrote a message. `id` is a visitor id, agent id, or a fixed id for bot/system. */
export const messageAuthorSchema = z.object({
  kind: z.enum(['visitor', 'agent', 'bot', 'system']),
  id: z.string(),
  name: z.string().optional(),
});
export type MessageAuthor = z.infer<typeof messageAuthorSchema>;

/** An attachment as listed on a message; the bytes are served from `url` when they were kept. */
export interface AttachmentInfo {
  id: string;
  name: string;
  type: string;
  size: number;
  /** Null when the file was over the size limit and only listed. */
  url: string | null;
}

/** Outbound delivery of a message that leaves by another channel (email). */
export interface Delivery {
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  /** Last error, shown to agents while a send keeps failing. */
  error: string | null;
  /** When the next retry is due (pending after a failure). */
  nextAttemptAt: number | null;
}

/** What an email message carries besides its text. */
export interface EmailMeta {
  direction: 'in' | 'out';
  subject: string;
  from: string;
  to: string[];
  messageId: string;
  attachments: AttachmentInfo[];
}

/**
 * A stored message. `order` is dense and increasing within its conversation (1, 2, 3…), so a client
 * that holds order N asks for everything after N. `clientId` is the sender's idempotency key.
 * Email messages carry `email`; messages that leave by email carry `delivery`; the answer bot's
 * article offers carry `bot` (the widget draws "this helped" / "talk to a person" under them).
 */
export interface Message {
  id: string;
  conversationId: string;
  order: number;
  clientId: string;
  author: MessageAuthor;
  text: string;
  createdAt: number;
  email?: EmailMeta;
  delivery?: Delivery;
  bot?: BotOffer;
}

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
  /** The widget visitor for chat; empty for conversations that started by email or phone. */
  visitorId: string;
  /** The customer this conversation belongs to; every conversation has one. */
  contactId: string | null;
  channel: Channel;
  /** Email subject; null for chat. */
  subject: string | null;
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
  /** Workflow fields (issue 5); absent on conversations stored before them. */
  teamId?: string | null;
  labels?: string[];
  /** While snoozed (status 'pending'): when it comes back. */
  snoozedUntil?: number | null;
  /** Since when the customer waits for an agent's answer; null once answered. */
  waitingSince?: number | null;
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
