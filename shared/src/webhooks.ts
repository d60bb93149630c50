import { z } from 'zod';
import { WEBHOOK_EVENTS, type ActivityOf, type WebhookEvent } from './activity.js';
import type { Contact } from './contact.js';

/**
 * Webhooks: a site's admins register URLs that receive signed JSON POSTs when chosen events happen.
 * Managed over `/api/webhooks` (admin session cookie); see the README for the receiver's side.
 */

export const WEBHOOK_LIMITS = {
  url: 2048,
  description: 200,
  /** Webhooks one site may register. */
  perSite: 20,
  /** Deliveries kept in a webhook's visible history. */
  history: 50,
} as const;

/** An absolute http(s) URL without a fragment; private addresses are refused by the server unless allowed. */
export const webhookUrlSchema = z
  .string()
  .trim()
  .max(WEBHOOK_LIMITS.url)
  .pipe(z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }))
  .refine((url) => !url.includes('#'), 'must not contain a #fragment');

/** A non-empty set of subscribable events (duplicates are dropped, order follows WEBHOOK_EVENTS). */
export const webhookEventsSchema = z
  .array(z.enum(WEBHOOK_EVENTS))
  .min(1, 'choose at least one event')
  .max(WEBHOOK_EVENTS.length * 2)
  .transform((events) => WEBHOOK_EVENTS.filter((e) => events.includes(e)));

export const webhookCreateSchema = z.strictObject({
  url: webhookUrlSchema,
  events: webhookEventsSchema,
  active: z.boolean().default(true),
  description: z.string().trim().max(WEBHOOK_LIMITS.description).default(''),
});
export type WebhookCreate = z.input<typeof webhookCreateSchema>;

export const webhookUpdateSchema = z
  .strictObject({
    url: webhookUrlSchema,
    events: webhookEventsSchema,
    active: z.boolean(),
    description: z.string().trim().max(WEBHOOK_LIMITS.description),
  })
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, 'nothing to change');
export type WebhookUpdate = z.input<typeof webhookUpdateSchema>;

/** A registered webhook as the console sees it: the signing secret is never part of it. */
export interface Webhook {
  id: string;
  url: string;
  events: WebhookEvent[];
  active: boolean;
  description: string;
  /** Last four characters of the secret, so an admin can tell which one a receiver holds. */
  secretHint: string;
  createdAt: number;
  updatedAt: number;
}

/** `GET /api/webhooks`: the site's webhooks and the events one can subscribe to. */
export interface WebhookList {
  webhooks: Webhook[];
  events: WebhookEvent[];
}

/** Answer of create and rotate: the only time the signing secret is shown. */
export interface WebhookWithSecret {
  webhook: Webhook;
  secret: string;
}

/** `ping` is only ever sent by "Send test event". */
export type WebhookDeliveryType = WebhookEvent | 'ping';
export type WebhookDeliveryStatus = 'pending' | 'delivered' | 'failed';

/** One delivery of one event to one webhook, with the outcome of its latest attempt. */
export interface WebhookDelivery {
  /** Sent as the `Hilo-Delivery` header; the same on every retry of this delivery. */
  id: string;
  webhookId: string;
  /** The envelope `id`: the same for redeliveries of one event, so receivers dedupe on it. */
  eventId: string;
  type: WebhookDeliveryType;
  /** Attempts made so far. */
  attempt: number;
  status: WebhookDeliveryStatus;
  /** HTTP status of the latest attempt; null when no answer came (timeout, refused, network). */
  responseStatus: number | null;
  /** Short reason the latest attempt failed; null after a success. */
  error: string | null;
  durationMs: number | null;
  /** When the next attempt is due; null once delivered or failed. */
  nextAttemptAt: number | null;
  /** The delivery this one re-sends, for "Redeliver". */
  redeliveryOf: string | null;
  createdAt: number;
  updatedAt: number;
}

type EventData<T extends WebhookEvent> = Omit<ActivityOf<T>, 'id' | 'type' | 'siteId' | 'at'>;

/** What `data` holds for each type. */
export interface WebhookDataMap {
  'conversation.created': EventData<'conversation.created'>;
  'conversation.resolved': EventData<'conversation.resolved'>;
  /** Includes the message text (at most LIMITS.messageText characters). */
  'message.created': EventData<'message.created'>;
  'csat.received': EventData<'csat.received'>;
  /** The contact as it was right after the change; null when it was merged away meanwhile. */
  'contact.updated': EventData<'contact.updated'> & { contact: Contact | null };
  ping: { webhookId: string };
}

/**
 * The JSON body POSTed to a receiver. `id` identifies the event: retries and redeliveries carry the
 * same one, so a receiver that stores the ids it handled processes each event once.
 *
 * @example
 * { "id": "ev_…", "type": "conversation.resolved", "createdAt": 1767225600000, "siteId": "s_…",
 *   "data": { "conversationId": "c_…", "channel": "chat", "by": "agent", … } }
 */
export type WebhookPayload = {
  [T in WebhookDeliveryType]: { id: string; type: T; createdAt: number; siteId: string; data: WebhookDataMap[T] };
}[WebhookDeliveryType];

/** Request headers of every delivery. */
export const WEBHOOK_HEADERS = {
  event: 'Hilo-Event',
  delivery: 'Hilo-Delivery',
  /** `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>` */
  signature: 'Hilo-Signature',
} as const;
