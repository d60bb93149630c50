import type { ActivityLog } from '../../domain/activity.js';
import type { ContactService } from '../../domain/contact-service.js';
import { createWebhookService, type WebhookService } from '../../domain/webhook-service.js';
import type { Logger } from '../../logger.js';
import type { RedisClient } from '../../store/redis-client.js';
import { createWebhookStore } from '../../store/webhook-store.js';
import { createWebhookOutbox, type WebhookTimings } from './webhook-outbox.js';

export interface WebhooksOptions extends Partial<WebhookTimings> {
  /** How long each process trusts its in-memory copy of a site's webhooks (default 5 s). */
  cacheMs?: number;
}

export interface WebhooksDeps {
  redis: RedisClient;
  logger: Logger;
  activity: Pick<ActivityLog, 'subscribe'>;
  contacts: Pick<ContactService, 'resolve'>;
  allowPrivate: boolean;
  options?: WebhooksOptions;
}

export interface Webhooks {
  service: WebhookService;
  /** Starts delivering (this process's share of the queue). */
  start(): void;
  /** Stops listening to events, lets queued-up dispatches finish and stops the delivery worker. */
  stop(): Promise<void>;
}

/** Webhooks end to end: the activity log feeds the service, the service the outbox, the outbox the receivers. */
export function createWebhooks({ redis, logger, activity, contacts, allowPrivate, options = {} }: WebhooksDeps): Webhooks {
  const { cacheMs, ...timings } = options;
  const store = createWebhookStore(redis);
  const outbox = createWebhookOutbox({ redis, logger, webhooks: store, allowPrivate, timings });
  const service = createWebhookService({
    webhooks: store,
    deliveries: outbox,
    allowPrivate,
    ...(cacheMs === undefined ? {} : { cacheMs }),
    async loadContact(siteId, contactId) {
      const found = await contacts.resolve(contactId);
      if (!found || found.siteId !== siteId) return null;
      const { mergedInto: _merged, ...contact } = found;
      return contact;
    },
  });

  const dispatching = new Set<Promise<unknown>>();
  let unsubscribe: (() => void) | null = null;

  return {
    service,
    start() {
      if (unsubscribe) return;
      unsubscribe = activity.subscribe((event) => {
        const job = service
          .dispatch(event)
          .catch((err: unknown) => logger.warn({ err, type: event.type, eventId: event.id }, 'webhook dispatch failed'))
          .finally(() => dispatching.delete(job));
        dispatching.add(job);
      });
      outbox.start();
    },
    async stop() {
      unsubscribe?.();
      unsubscribe = null;
      await Promise.all(dispatching);
      await outbox.stop();
    },
  };
}
