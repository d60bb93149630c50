import type { Delivery } from '@hilo/shared';
import { messageTime } from './relative-time';

/** What an agent reads about an outgoing email: "Sending…", "Sent", or why it failed and when it retries. */
export function deliveryLabel(delivery: Delivery, now: number): string {
  if (delivery.status === 'sent') return 'Sent';
  if (delivery.status === 'pending' && !delivery.error) return 'Sending…';
  const retry = delivery.nextAttemptAt ? ` (retrying at ${messageTime(delivery.nextAttemptAt, now)})` : '';
  return `Failed: ${delivery.error ?? 'unknown error'}${retry}`;
}
