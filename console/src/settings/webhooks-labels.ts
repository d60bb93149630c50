import type { WebhookDelivery, WebhookDeliveryType } from '@hilo/shared';

/** "conversation.created" → "Conversation created"; the event names themselves come from the server. */
export function eventLabel(type: WebhookDeliveryType): string {
  if (type === 'ping') return 'Test (ping)';
  const words = type.replace(/[._]/g, ' ').replace(/\bcsat\b/, 'CSAT');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Date and time of a delivery, short. */
export function deliveryTime(at: number): string {
  return new Date(at).toLocaleString(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

/** What the status column says: the outcome, or when the next attempt is due. */
export function deliveryStatus(d: WebhookDelivery): string {
  if (d.status === 'delivered') return 'Delivered';
  if (d.status === 'failed') return 'Failed';
  return d.nextAttemptAt && d.attempt > 0 ? `Retrying at ${new Date(d.nextAttemptAt).toLocaleTimeString()}` : 'Sending…';
}
