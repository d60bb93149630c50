import { z } from 'zod';
import type { AckCallback } from './ack.js';
import { LIMITS } from './limits.js';

/**
 * After the chat: when an agent resolves a chat conversation the shopper may rate it (CSAT: good or
 * bad plus a comment) and ask for the transcript by email.
 */

export const csatRatingSchema = z.enum(['good', 'bad']);

export const visitorRateSchema = z.object({
  rating: csatRatingSchema,
  comment: z.string().trim().max(1000).default(''),
});
export type VisitorRate = z.input<typeof visitorRateSchema>;

export const visitorTranscriptSchema = z.object({
  email: z.string().trim().toLowerCase().email().max(LIMITS.email),
});
export type VisitorTranscript = z.input<typeof visitorTranscriptSchema>;

/** The shopper's rating of a conversation; the latest one counts. */
export interface Csat {
  conversationId: string;
  rating: 'good' | 'bad';
  comment: string;
  ratedAt: number;
}

export interface AfterChatVisitorClientToServer {
  /** Rate the visitor's resolved conversation (again: replaces the earlier rating). */
  'conversation:rate': (payload: VisitorRate, ack: AckCallback<Csat>) => void;
  /** Email the whole conversation to `email` (through the durable email outbox). */
  'conversation:transcript': (payload: VisitorTranscript, ack: AckCallback<null>) => void;
}

export interface AfterChatVisitorServerToClient {
  /** An agent resolved the visitor's conversation: offer the rating (and the transcript). */
  'conversation:resolved': (info: { conversationId: string }) => void;
}

export interface AfterChatAgentServerToClient {
  'conversation:rated': (csat: Csat) => void;
}

export interface AfterChatAgentClientToServer {
  /** The rating of a conversation, or null when the shopper has not rated it. */
  'conversation:csat': (payload: { conversationId: string }, ack: AckCallback<Csat | null>) => void;
}
