import type { Webhook, WebhookDelivery, WebhookDeliveryType } from '@hilo/shared';

/** A webhook as stored: the public view plus its owner and signing secret. */
export interface WebhookRecord extends Omit<Webhook, 'secretHint'> {
  siteId: string;
  secret: string;
}

/** The site's webhooks (store/webhook-store.ts). */
export interface WebhookRepository {
  list(siteId: string): Promise<WebhookRecord[]>;
  get(siteId: string, webhookId: string): Promise<WebhookRecord | null>;
  save(record: WebhookRecord): Promise<void>;
  /** False when there was no such webhook. */
  remove(siteId: string, webhookId: string): Promise<boolean>;
}

/** One delivery as the queue keeps it: its public state, the exact body to sign and send, its site. */
export interface StoredDelivery {
  delivery: WebhookDelivery;
  siteId: string;
  body: string;
}

export interface NewDelivery {
  siteId: string;
  webhookId: string;
  eventId: string;
  type: WebhookDeliveryType;
  body: string;
  redeliveryOf: string | null;
}

/** The durable delivery queue (channels/webhooks/webhook-outbox.ts). */
export interface WebhookDeliveryPort {
  /** Stores a pending delivery, due now, at the head of its webhook's history. */
  enqueue(input: NewDelivery): Promise<WebhookDelivery>;
  get(deliveryId: string): Promise<StoredDelivery | null>;
  /** The webhook's latest deliveries, newest first. */
  history(webhookId: string): Promise<WebhookDelivery[]>;
  /** Drops a deleted webhook's history (its queued deliveries fail when next attempted). */
  forget(webhookId: string): Promise<void>;
}
