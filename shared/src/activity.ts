import { z } from 'zod';
import { CHANNELS } from './domain.js';

/**
 * What happened on a site, as recorded facts. Reports are computed from these (never from the live
 * conversation hashes, which change), and webhooks deliver the public subset. Each event says enough
 * on its own to be counted per day, per channel, per agent and per team.
 */
const base = {
  /** Unique per event: receivers use it to drop a webhook delivery they already handled. */
  id: z.string(),
  siteId: z.string(),
  at: z.number().int(),
};
const conversationFacts = {
  conversationId: z.string(),
  channel: z.enum(CHANNELS),
  contactId: z.string().nullable(),
  /** Agent holding the conversation when the event happened. */
  agentId: z.string().nullable(),
  teamId: z.string().nullable(),
};

export const activityEventSchema = z.discriminatedUnion('type', [
  z.object({ ...base, type: z.literal('conversation.created'), ...conversationFacts }),
  /** The first human (agent) reply; `createdAt` is when the conversation began. */
  z.object({ ...base, type: z.literal('conversation.first_response'), ...conversationFacts, createdAt: z.number().int() }),
  z.object({ ...base, type: z.literal('conversation.assigned'), ...conversationFacts }),
  /**
   * `humanReplied`: an agent wrote in it before it was resolved. `by`: who resolved it; 'bot' means the
   * shopper said the bot's answer solved it (a deflection).
   */
  z.object({
    ...base,
    type: z.literal('conversation.resolved'),
    ...conversationFacts,
    createdAt: z.number().int(),
    by: z.enum(['agent', 'bot', 'api']),
    humanReplied: z.boolean(),
  }),
  z.object({ ...base, type: z.literal('conversation.reopened'), ...conversationFacts }),
  /** A shopper wrote in chat and no agent was online to answer. */
  z.object({ ...base, type: z.literal('conversation.missed'), ...conversationFacts }),
  z.object({ ...base, type: z.literal('message.created'), ...conversationFacts, messageId: z.string(), authorKind: z.enum(['visitor', 'agent', 'bot', 'system']), text: z.string() }),
  z.object({ ...base, type: z.literal('csat.received'), ...conversationFacts, rating: z.enum(['good', 'bad']), comment: z.string().nullable() }),
  /** The answer bot replied with an article; `handoff`: the shopper asked for a person instead. */
  z.object({ ...base, type: z.literal('bot.answered'), ...conversationFacts, articleId: z.string() }),
  z.object({ ...base, type: z.literal('bot.handoff'), ...conversationFacts }),
  z.object({ ...base, type: z.literal('contact.updated'), contactId: z.string() }),
]);
export type ActivityEvent = z.infer<typeof activityEventSchema>;
export type ActivityType = ActivityEvent['type'];
export type ActivityOf<T extends ActivityType> = Extract<ActivityEvent, { type: T }>;

/** Events a site can subscribe a webhook to. */
export const WEBHOOK_EVENTS = ['conversation.created', 'message.created', 'conversation.resolved', 'contact.updated', 'csat.received'] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** Events kept in the per-day log that reports read (messages are not: reports never count them). */
export const RECORDED_EVENTS: readonly ActivityType[] = [
  'conversation.created',
  'conversation.first_response',
  'conversation.assigned',
  'conversation.resolved',
  'conversation.reopened',
  'conversation.missed',
  'csat.received',
  'bot.answered',
  'bot.handoff',
];
