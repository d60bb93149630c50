import type { ConversationNotifier } from '../domain/ports.js';
import type { HiloMetrics } from './metrics.js';

/** Counts stored messages and times stored → fan-out; the notifier is told only of new messages. */
export function instrumentNotifier(notifier: ConversationNotifier, metrics: HiloMetrics): ConversationNotifier {
  return {
    ...notifier,
    messageCreated(conversation, message, origin) {
      notifier.messageCreated(conversation, message, origin);
      metrics.messagesStored.inc({ author: message.author.kind });
      metrics.deliveryLatency.observe(Math.max(0, Date.now() - message.createdAt) / 1000);
    },
  };
}
