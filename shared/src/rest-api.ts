import { z } from 'zod';
import { ERROR_CODES } from './ack.js';
import { CALL_DIRECTIONS, CALL_OUTCOMES, type Call, type Contact, type TimelineEntry } from './contact.js';
import { CHANNELS, CONVERSATION_STATUSES, clientIdSchema, idSchema, messageAuthorSchema, messageTextSchema, type Conversation, type Message } from './domain.js';
import { LIMITS } from './limits.js';
import type { ConversationNote } from './workflow.js';

/**
 * The public REST API (`/api/v1`, `Authorization: Bearer hilo_…`) and its per-site API tokens.
 * Request schemas validate what callers send; response schemas are what the server answers with
 * (it serialises every answer through them) and what the OpenAPI document at `/api/v1/openapi.json`
 * is generated from.
 */

// ---- API tokens (managed by admins in the console over `/api/api-tokens`) ---------------------------

export const API_TOKEN_LIMITS = {
  name: 60,
  /** Tokens one site may hold at once. */
  perSite: 25,
} as const;

/** Every API token starts with this, so a leaked one is easy to recognise (secret scanners, logs). */
export const API_TOKEN_PREFIX = 'hilo_';

/** An API token as listed: never the token itself (only its SHA-256 is stored). */
export interface ApiToken {
  id: string;
  name: string;
  /** The token's first characters (`hilo_ab12`), to tell tokens apart; shown followed by "…". */
  prefix: string;
  createdBy: { id: string; name: string };
  createdAt: number;
  /** Last authenticated request, to the minute; null when never used. */
  lastUsedAt: number | null;
}

/** `POST /api/api-tokens` answer: the plain token is in `secret`, shown this once and never again. */
export interface ApiTokenCreated {
  token: ApiToken;
  secret: string;
}

export const apiTokenCreateSchema = z.strictObject({
  name: z.string().trim().min(1, 'give the token a name').max(API_TOKEN_LIMITS.name),
});
export type ApiTokenCreate = z.input<typeof apiTokenCreateSchema>;

// ---- documentation metadata --------------------------------------------------------------------

/**
 * Ids (become `components/schemas` in the OpenAPI document) and descriptions of the REST schemas.
 * A registry of its own, not zod's global one, so nothing else that converts schemas is affected.
 */
export const restApiRegistry = z.registry<{ id?: string; description?: string }>();

function doc<T extends z.ZodType>(schema: T, meta: { id?: string; description?: string }): T {
  restApiRegistry.add(schema, meta);
  return schema;
}

const timestamp = () => doc(z.number().int().min(0), { description: 'Milliseconds since 1970-01-01T00:00:00Z' });
const nullableTimestamp = () => doc(z.number().int().min(0).nullable(), { description: 'Milliseconds since 1970-01-01T00:00:00Z, or null' });

// ---- response schemas ----------------------------------------------------------------------------

const identitySchema = z.object({ value: z.string(), verified: z.boolean() });
const attributeValueSchema = z.union([z.string(), z.number(), z.boolean()]);

export const restContactSchema = doc(
  z.object({
    id: z.string(),
    siteId: z.string(),
    name: z.string().nullable(),
    emails: doc(z.array(identitySchema), { description: 'Lower-cased addresses' }),
    phones: doc(z.array(identitySchema), { description: 'E.164 numbers, e.g. +34612345678' }),
    visitorIds: z.array(z.string()),
    attributes: z.record(z.string(), attributeValueSchema),
    createdAt: timestamp(),
    updatedAt: timestamp(),
  }),
  { id: 'Contact', description: 'A customer, across every channel. A merged contact answers as the one it was merged into.' },
);

const messagePreviewSchema = z.object({ text: z.string(), authorKind: messageAuthorSchema.shape.kind, createdAt: timestamp() });

export const restConversationSchema = doc(
  z.object({
    id: z.string(),
    siteId: z.string(),
    visitorId: doc(z.string(), { description: 'The widget visitor for chat; empty for email and phone conversations' }),
    contactId: z.string().nullable(),
    channel: z.enum(CHANNELS),
    subject: z.string().nullable(),
    status: z.enum(CONVERSATION_STATUSES),
    assigneeId: z.string().nullable(),
    createdAt: timestamp(),
    updatedAt: timestamp(),
    firstResponseAt: nullableTimestamp(),
    resolvedAt: nullableTimestamp(),
    lastOrder: doc(z.number().int().min(0), { description: 'Order of the newest message; 0 when there is none' }),
    lastMessage: messagePreviewSchema.nullable(),
    visitorName: z.string().nullable(),
    teamId: z.string().nullable().optional(),
    labels: z.array(z.string()).optional(),
    snoozedUntil: nullableTimestamp().optional(),
    waitingSince: nullableTimestamp().optional(),
  }),
  { id: 'Conversation' },
);

const attachmentSchema = z.object({ id: z.string(), name: z.string(), type: z.string(), size: z.number().int().min(0), url: z.string().nullable() });

export const restMessageSchema = doc(
  z.object({
    id: z.string(),
    conversationId: z.string(),
    order: doc(z.number().int().min(1), { description: 'Dense and increasing within the conversation (1, 2, 3…); page with ?after=' }),
    clientId: doc(z.string(), { description: "The sender's idempotency key" }),
    author: messageAuthorSchema,
    text: z.string(),
    createdAt: timestamp(),
    email: z
      .object({
        direction: z.enum(['in', 'out']),
        subject: z.string(),
        from: z.string(),
        to: z.array(z.string()),
        messageId: z.string(),
        attachments: z.array(attachmentSchema),
      })
      .optional(),
    delivery: z
      .object({
        status: z.enum(['pending', 'sent', 'failed']),
        attempts: z.number().int().min(0),
        error: z.string().nullable(),
        nextAttemptAt: z.number().int().nullable(),
      })
      .optional(),
    bot: doc(z.object({ articleId: z.string(), title: z.string(), excerpt: z.string() }).optional(), { description: "The answer bot's article offer (bot messages only)" }),
  }),
  { id: 'Message' },
);

export const restNoteSchema = doc(
  z.object({
    id: z.string(),
    conversationId: z.string(),
    author: z.object({ id: z.string(), name: z.string() }),
    text: z.string(),
    createdAt: timestamp(),
  }),
  { id: 'Note', description: 'An internal note on a conversation: agents see it, the customer never does.' },
);

export const restCallSchema = doc(
  z.object({
    id: z.string(),
    siteId: z.string(),
    contactId: z.string(),
    direction: z.enum(CALL_DIRECTIONS),
    number: doc(z.string(), { description: "The customer's number, E.164" }),
    startedAt: timestamp(),
    durationSeconds: z.number().int().min(0),
    outcome: z.enum(CALL_OUTCOMES),
    notes: z.string(),
    recordingUrl: z.string().nullable(),
    loggedBy: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('agent'), id: z.string(), name: z.string() }),
      z.object({ kind: z.literal('integration') }),
    ]),
    createdAt: timestamp(),
  }),
  { id: 'Call' },
);

const contactNoteSchema = z.object({
  id: z.string(),
  siteId: z.string(),
  contactId: z.string(),
  conversationId: z.string().nullable(),
  author: z.object({ id: z.string(), name: z.string(), role: z.enum(['admin', 'agent']).optional() }),
  text: z.string(),
  createdAt: timestamp(),
});

export const restTimelineEntrySchema = doc(
  z.discriminatedUnion('kind', [
    z.object({
      kind: z.literal('conversation'),
      at: timestamp(),
      channel: z.enum(CHANNELS),
      conversation: restConversationSchema,
      messageCount: z.number().int().min(0),
      recent: z.array(restMessageSchema),
    }),
    z.object({ kind: z.literal('email'), at: timestamp(), channel: z.literal('email'), conversationId: z.string(), message: restMessageSchema }),
    z.object({ kind: z.literal('call'), at: timestamp(), channel: z.literal('phone'), call: restCallSchema }),
    z.object({ kind: z.literal('note'), at: timestamp(), channel: z.literal('note'), note: contactNoteSchema }),
    z.object({
      kind: z.literal('merge'),
      at: timestamp(),
      channel: z.literal('system'),
      merged: z.object({ id: z.string(), name: z.string().nullable() }),
      by: z.string(),
    }),
  ]),
  { id: 'TimelineEntry', description: "One row of a customer's timeline; every row names its channel." },
);

export const restErrorSchema = doc(
  z.object({
    error: z.object({
      code: z.enum(ERROR_CODES),
      message: z.string(),
      retryAfterMs: doc(z.number().int().min(0).optional(), { description: 'With rate_limited and unavailable: how long to wait before retrying' }),
    }),
  }),
  { id: 'Error' },
);
export type RestError = z.output<typeof restErrorSchema>;

// ---- request schemas -----------------------------------------------------------------------------

const emailInput = z.string().trim().toLowerCase().email().max(LIMITS.email);
/** Loose on input; the server normalises to E.164 and answers 400 for what it cannot read. */
const phoneInput = z.string().trim().min(3).max(32).regex(/^[+\d][\d\s().-]*$/, 'must be a phone number');
const attributeName = z.string().min(1).max(64).regex(/^[A-Za-z0-9_.-]+$/, 'attribute names are letters, digits, _ . -');
const attributeInput = z.union([z.string().max(500), z.number().finite(), z.boolean()]);
const MAX_IDENTITIES = 10;
const MAX_ATTRIBUTES = 50;

/** `POST /api/v1/contacts`. Emails and phones given by the API count as verified: the site vouches for them. */
export const restContactCreateSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(LIMITS.name).optional(),
    emails: z.array(emailInput).max(MAX_IDENTITIES).default([]),
    phones: z.array(phoneInput).max(MAX_IDENTITIES).default([]),
    attributes: z
      .record(attributeName, attributeInput)
      .refine((a) => Object.keys(a).length <= MAX_ATTRIBUTES, `at most ${MAX_ATTRIBUTES} attributes`)
      .default({}),
  })
  .refine((c) => c.name !== undefined || c.emails.length > 0 || c.phones.length > 0, 'give at least a name, an email or a phone');
export type RestContactCreate = z.input<typeof restContactCreateSchema>;

/**
 * `PATCH /api/v1/contacts/{id}`: `emails` and `phones` replace the lists (kept values keep their
 * verified flag); `attributes` are merged in, an attribute set to null is removed; `name: null` clears.
 */
export const restContactUpdateSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(LIMITS.name).nullable().optional(),
    emails: z.array(emailInput).max(MAX_IDENTITIES).optional(),
    phones: z.array(phoneInput).max(MAX_IDENTITIES).optional(),
    attributes: z
      .record(attributeName, attributeInput.nullable())
      .refine((a) => Object.keys(a).length <= MAX_ATTRIBUTES, `at most ${MAX_ATTRIBUTES} attributes`)
      .optional(),
  })
  .refine((p) => Object.values(p).some((v) => v !== undefined), 'give at least one field to change');
export type RestContactUpdate = z.input<typeof restContactUpdateSchema>;

/** `GET /api/v1/contacts?email=…` or `?phone=…` (exactly one). */
export const restContactFindSchema = z
  .strictObject({ email: emailInput.optional(), phone: phoneInput.optional() })
  .refine((q) => (q.email === undefined) !== (q.phone === undefined), 'give exactly one of email and phone');

/** `POST /api/v1/contacts/{id}/merge`: `mergeId` is merged into `{id}`, which survives. */
export const restContactMergeSchema = z.strictObject({ mergeId: idSchema });

/** `GET /api/v1/conversations`: newest activity first; pass `nextCursor` back as `cursor` for the next page. */
export const restConversationListSchema = z.strictObject({
  status: z.enum(CONVERSATION_STATUSES).default('open'),
  limit: z.coerce.number().int().min(1).max(LIMITS.inboxPage).default(25),
  cursor: z.string().min(1).max(200).regex(/^[A-Za-z0-9_-]+$/, 'must be a nextCursor from an earlier page').optional(),
});

/** `GET /api/v1/conversations/{id}/messages`: messages with an order above `after`, oldest first. */
export const restMessageListSchema = z.strictObject({
  after: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0),
});

/**
 * `POST /api/v1/conversations/{id}/messages`: a reply written as the agent `agentId` (an active agent
 * of the token's site), so routing, first-response times and the widget treat it like any agent reply.
 * The same `clientId` from the same agent stores the message once and answers with it again.
 */
export const restReplySchema = z.strictObject({ clientId: clientIdSchema, text: messageTextSchema, agentId: idSchema });
export type RestReply = z.input<typeof restReplySchema>;

/** `POST /api/v1/conversations/{id}/assign`: null sends it back to the queue. */
export const restAssignSchema = z.strictObject({ agentId: idSchema.nullable() });

/** `POST /api/v1/conversations/{id}/notes`: an internal note written as the agent `agentId`. */
export const restNoteCreateSchema = z.strictObject({ text: messageTextSchema, agentId: idSchema });

// ---- response bodies -----------------------------------------------------------------------------

export const restContactBodySchema = z.object({ contact: restContactSchema });
export const restContactListBodySchema = z.object({ contacts: z.array(restContactSchema) });
export const restTimelineBodySchema = z.object({ entries: z.array(restTimelineEntrySchema) });
export const restConversationBodySchema = z.object({ conversation: restConversationSchema });
export const restConversationPageSchema = z.object({
  conversations: z.array(restConversationSchema),
  nextCursor: doc(z.string().nullable(), { description: 'Pass as cursor for the next page; null on the last page' }),
});
export const restMessageBodySchema = z.object({ message: restMessageSchema });
export const restMessagePageSchema = z.object({
  messages: z.array(restMessageSchema),
  hasMore: doc(z.boolean(), { description: 'More messages follow: ask again with after = the last order returned' }),
});
export const restNoteBodySchema = z.object({ note: restNoteSchema });
export const restNoteListBodySchema = z.object({ notes: z.array(restNoteSchema) });
export const restCallBodySchema = z.object({ call: restCallSchema });

// ---- compile-time proof that the response schemas describe the domain types exactly -----------------

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? SameKeys<A, B> : false) : false;
/** Optional properties do not affect assignability, so a missing one is caught by comparing the keys. */
type SameKeys<A, B> = [keyof A] extends [keyof B] ? ([keyof B] extends [keyof A] ? true : false) : false;
type Assert<T extends true> = T;
/** Fails to compile when a domain type and its REST schema drift apart. */
export type RestSchemaProofs = [
  Assert<Same<z.output<typeof restContactSchema>, Contact>>,
  Assert<Same<z.output<typeof restConversationSchema>, Conversation>>,
  Assert<Same<z.output<typeof restMessageSchema>, Message>>,
  Assert<Same<z.output<typeof restNoteSchema>, ConversationNote>>,
  Assert<Same<z.output<typeof restCallSchema>, Call>>,
  Assert<Same<z.output<typeof restTimelineEntrySchema>, TimelineEntry>>,
];
