import { WEBHOOK_EVENTS, type ActivityEvent, type Contact, type WebhookEvent, type WebhookPayload } from '@hilo/shared';

const subscribable = new Set<string>(WEBHOOK_EVENTS);

/** Visitor ids kept in a contact.updated payload: the latest ones (a long-lived contact collects many). */
const MAX_VISITOR_IDS = 20;

export type WebhookActivity = Extract<ActivityEvent, { type: WebhookEvent }>;

export function isWebhookActivity(event: ActivityEvent): event is WebhookActivity {
  return subscribable.has(event.type);
}

/** Loads a contact as the API shows it; null when it is gone or was merged into another. */
export type ContactLoader = (siteId: string, contactId: string) => Promise<Contact | null>;

/**
 * The envelope receivers get for an event. `data` is the event's own facts; contact.updated adds
 * the contact itself, read now, so a receiver need not call back for it.
 */
export async function buildWebhookPayload(event: WebhookActivity, loadContact: ContactLoader): Promise<WebhookPayload> {
  const envelope = { id: event.id, createdAt: event.at, siteId: event.siteId };
  switch (event.type) {
    case 'contact.updated': {
      const { id: _id, type, siteId, at: _at, ...data } = event;
      const contact = await loadContact(siteId, data.contactId);
      return { ...envelope, type, data: { ...data, contact: contact && { ...contact, visitorIds: contact.visitorIds.slice(-MAX_VISITOR_IDS) } } };
    }
    case 'conversation.created': {
      const { id: _id, type, siteId: _s, at: _at, ...data } = event;
      return { ...envelope, type, data };
    }
    case 'conversation.resolved': {
      const { id: _id, type, siteId: _s, at: _at, ...data } = event;
      return { ...envelope, type, data };
    }
    case 'message.created': {
      const { id: _id, type, siteId: _s, at: _at, ...data } = event;
      return { ...envelope, type, data };
    }
    case 'csat.received': {
      const { id: _id, type, siteId: _s, at: _at, ...data } = event;
      return { ...envelope, type, data };
    }
  }
}

/** The body of "Send test event". */
export function pingPayload(eventId: string, siteId: string, webhookId: string, at: number): WebhookPayload {
  return { id: eventId, type: 'ping', createdAt: at, siteId, data: { webhookId } };
}
