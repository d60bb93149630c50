import { z } from 'zod';
import type { AgentRole, Conversation, Message } from './domain.js';
import { idSchema } from './domain.js';

/** One way to reach a customer. `verified` means the site vouched for it (signed) or it came from that mailbox/phone. */
export interface Identity {
  value: string;
  verified: boolean;
}

/** Flat key/value facts the site sends about a customer (cart value, plan, locale). */
export type Attributes = Record<string, string | number | boolean>;

export interface Contact {
  id: string;
  siteId: string;
  name: string | null;
  /** Lower-cased. */
  emails: Identity[];
  /** E.164, e.g. +34612345678. */
  phones: Identity[];
  visitorIds: string[];
  attributes: Attributes;
  createdAt: number;
  updatedAt: number;
}

/** Live context of a contact's widget visitor. */
export interface VisitorContext {
  url: string | null;
  title: string | null;
  /** Distinct visits (a visit starts after 30 minutes without activity). */
  visits: number;
  lastSeenAt: number | null;
}

/** What the console shows beside a conversation. */
export interface ContactProfile {
  contact: Contact;
  context: VisitorContext;
  /** Other contacts that share an unverified email or phone with this one: candidates to merge. */
  possibleMatches: Contact[];
}

export const CALL_DIRECTIONS = ['inbound', 'outbound'] as const;
export const CALL_OUTCOMES = ['answered', 'missed', 'voicemail', 'busy', 'failed'] as const;

export interface Call {
  id: string;
  siteId: string;
  contactId: string;
  direction: (typeof CALL_DIRECTIONS)[number];
  /** The customer's number, E.164. */
  number: string;
  startedAt: number;
  durationSeconds: number;
  outcome: (typeof CALL_OUTCOMES)[number];
  notes: string;
  recordingUrl: string | null;
  loggedBy: { kind: 'agent'; id: string; name: string } | { kind: 'integration' };
  createdAt: number;
}

export interface Note {
  id: string;
  siteId: string;
  contactId: string;
  conversationId: string | null;
  author: { id: string; name: string; role?: AgentRole };
  text: string;
  createdAt: number;
}

/** One row of a customer's timeline, newest first; every row names its channel. */
export type TimelineEntry =
  | { kind: 'conversation'; at: number; channel: 'chat' | 'email' | 'phone'; conversation: Conversation; messageCount: number; recent: Message[] }
  | { kind: 'email'; at: number; channel: 'email'; conversationId: string; message: Message }
  | { kind: 'call'; at: number; channel: 'phone'; call: Call }
  | { kind: 'note'; at: number; channel: 'note'; note: Note }
  | { kind: 'merge'; at: number; channel: 'system'; merged: { id: string; name: string | null }; by: string };

// ---- payload schemas ---------------------------------------------------------------------------

const emailSchema = z.string().trim().toLowerCase().email().max(254);
/** Loose on input; the server normalises to E.164 (libphonenumber-js) and rejects what it cannot. */
const phoneInputSchema = z.string().trim().min(3).max(32).regex(/^[+\d][\d\s().-]*$/, 'must be a phone number');
const attributeValue = z.union([z.string().max(500), z.number().finite(), z.boolean()]);

export const attributesSchema = z
  .record(z.string().min(1).max(64).regex(/^[A-Za-z0-9_.-]+$/, 'attribute names are letters, digits, _ . -'), attributeValue)
  .refine((a) => Object.keys(a).length <= 50, 'at most 50 attributes');

/** `visitor:identify`: from `Hilo.identify()` or the pre-chat form. `userHash` = HMAC-SHA256(site secret, email), hex. */
export const identifySchema = z
  .object({
    email: emailSchema.optional(),
    name: z.string().trim().min(1).max(120).optional(),
    phone: phoneInputSchema.optional(),
    userHash: z.string().regex(/^[a-fA-F0-9]{64}$/, 'must be a hex HMAC-SHA256').optional(),
  })
  .refine((v) => v.email || v.name || v.phone, 'give at least an email, a name or a phone');
export type IdentifyInput = z.input<typeof identifySchema>;

export interface IdentifyResult {
  /** True when the userHash matched: the visitor is now that customer. */
  verified: boolean;
}

/** `visitor:context`: the page the shopper is on (and SPA route changes), plus site attributes. */
export const visitorContextSchema = z.object({
  url: z.string().max(2048).optional(),
  title: z.string().max(300).optional(),
  attributes: attributesSchema.optional(),
});
export type VisitorContextInput = z.input<typeof visitorContextSchema>;

export const contactGetSchema = z.object({ contactId: idSchema });
export const contactMergeSchema = z
  .object({ survivorId: idSchema, mergedId: idSchema })
  .refine((v) => v.survivorId !== v.mergedId, 'cannot merge a contact into itself');
export type ContactMergeInput = z.input<typeof contactMergeSchema>;

export const noteAddSchema = z.object({
  contactId: idSchema,
  conversationId: idSchema.optional(),
  text: z.string().max(10_000).refine((t) => t.trim().length > 0, 'must not be empty'),
});
export type NoteAddInput = z.input<typeof noteAddSchema>;

const callFields = {
  direction: z.enum(CALL_DIRECTIONS),
  startedAt: z.number().int().min(0).max(8.64e15),
  durationSeconds: z.number().int().min(0).max(24 * 3600),
  notes: z.string().max(10_000).default(''),
};

/** `call:log` from the console, on the contact being viewed. */
export const callLogSchema = z.object({
  contactId: idSchema,
  number: phoneInputSchema,
  outcome: z.enum(CALL_OUTCOMES),
  ...callFields,
});
export type CallLogInput = z.input<typeof callLogSchema>;

/** `POST /api/calls` from a telephony system (Bearer integration token). */
export const callRecordSchema = z.object({
  from: phoneInputSchema,
  to: phoneInputSchema,
  outcome: z.enum(CALL_OUTCOMES).default('answered'),
  recordingUrl: z.url({ protocol: /^https?$/ }).max(2048).optional(),
  ...callFields,
});
export type CallRecordInput = z.input<typeof callRecordSchema>;

/** `POST /api/email/inbound` from a mail provider (Bearer integration token). */
export const inboundEmailWebhookSchema = z.object({
  from: z.string().min(3).max(500),
  to: z.union([z.string().min(3).max(2000), z.array(z.string().min(3).max(500)).max(50)]),
  subject: z.string().max(1000).default(''),
  text: z.string().max(1_000_000).optional(),
  html: z.string().max(2_000_000).optional(),
  headers: z.record(z.string().max(200), z.string().max(4000)).default({}),
});
export type InboundEmailWebhook = z.input<typeof inboundEmailWebhookSchema>;
