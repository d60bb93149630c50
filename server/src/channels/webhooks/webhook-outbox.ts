import { WEBHOOK_LIMITS, type WebhookDelivery } from '@hilo/shared';
import { newId } from '../../domain/ids.js';
import type { StoredDelivery, WebhookDeliveryPort, WebhookRepository } from '../../domain/webhook-ports.js';
import type { Logger } from '../../logger.js';
import { keys, TTL } from '../../store/keys.js';
import type { RedisClient } from '../../store/redis-client.js';
import { createDurableQueue, type Settlement } from '../durable-queue.js';
import { sendWebhook } from './webhook-sender.js';

export interface WebhookTimings {
  /** Wait after the 1st, 2nd, … failed attempt (the last one repeats); each gets up to 20% jitter. */
  retryDelaysMs: number[];
  /** Attempts before a delivery is 'failed'. */
  maxAttempts: number;
  /** Per request: connect, send and answer. */
  timeoutMs: number;
  /** How often an idle worker looks for due deliveries queued by another process. */
  pollMs: number;
  /** How long a claimed delivery is reserved for one worker; well above timeoutMs. */
  leaseMs: number;
  /** Requests in flight at once per process, so one slow receiver does not hold up the others. */
  concurrency: number;
}

/** 10 s, 30 s, 2 min, 10 min, 1 h, 6 h, 6 h: eight attempts over about 14 hours. */
export const DEFAULT_WEBHOOK_TIMINGS: WebhookTimings = {
  retryDelaysMs: [10_000, 30_000, 120_000, 600_000, 3_600_000, 21_600_000, 21_600_000],
  maxAttempts: 8,
  timeoutMs: 10_000,
  pollMs: 1000,
  leaseMs: 60_000,
  concurrency: 8,
};

export interface WebhookOutboxDeps {
  redis: RedisClient;
  logger: Logger;
  webhooks: Pick<WebhookRepository, 'get'>;
  allowPrivate: boolean;
  timings?: Partial<WebhookTimings>;
}

export interface WebhookOutbox extends WebhookDeliveryPort {
  start(): void;
  stop(): Promise<void>;
}

/**
 * Webhook deliveries on the durable queue: each (webhook, event) is one job that survives restarts and
 * is attempted by one process at a time. Every attempt reads the webhook again, so a new URL, a rotated
 * secret, a deactivation or a deletion applies to retries already queued.
 */
export function createWebhookOutbox({ redis, logger, webhooks, allowPrivate, timings: given }: WebhookOutboxDeps): WebhookOutbox {
  const timings = { ...DEFAULT_WEBHOOK_TIMINGS, ...given };

  function retryDelay(failures: number): number {
    const delays = timings.retryDelaysMs;
    const base = delays[Math.min(failures, delays.length) - 1] ?? 60_000;
    // Jitter spreads retries of deliveries that failed together (a receiver outage) over time.
    return Math.round(base * (1 + Math.random() * 0.2));
  }

  function settle(job: StoredDelivery, change: Partial<WebhookDelivery>): Settlement<StoredDelivery> {
    const delivery: WebhookDelivery = { ...job.delivery, ...change, updatedAt: Date.now() };
    const pending = delivery.status === 'pending';
    return { record: { ...job, delivery }, nextDueAt: pending ? delivery.nextAttemptAt : null, ttlSeconds: pending ? 0 : TTL.webhookDeliverySeconds };
  }

  async function attempt(id: string, job: StoredDelivery, signal: AbortSignal): Promise<Settlement<StoredDelivery> | null> {
    const { delivery } = job;
    const hook = await webhooks.get(job.siteId, delivery.webhookId);
    // "Send test" and "Redeliver" are an admin's explicit wish: they go out even while the webhook is paused.
    const manual = delivery.type === 'ping' || delivery.redeliveryOf !== null;
    if (!hook || (!hook.active && !manual)) {
      const error = hook ? 'The webhook is inactive' : 'The webhook was deleted';
      return settle(job, { status: 'failed', error, responseStatus: null, durationMs: null, nextAttemptAt: null });
    }
    const answer = await sendWebhook({ url: hook.url, secret: hook.secret, body: job.body, deliveryId: id, type: delivery.type, timeoutMs: timings.timeoutMs, allowPrivate, signal });
    if (signal.aborted) return null;
    const attemptNo = delivery.attempt + 1;
    const common = { attempt: attemptNo, responseStatus: answer.status, error: answer.error, durationMs: answer.durationMs };
    if (answer.error === null) return settle(job, { ...common, status: 'delivered', nextAttemptAt: null });
    if (answer.refused || attemptNo >= timings.maxAttempts) {
      logger.warn({ deliveryId: id, webhookId: delivery.webhookId, attempt: attemptNo, error: answer.error }, 'webhook delivery failed for good');
      return settle(job, { ...common, status: 'failed', nextAttemptAt: null });
    }
    return settle(job, { ...common, status: 'pending', nextAttemptAt: Date.now() + retryDelay(attemptNo) });
  }

  const queue = createDurableQueue<StoredDelivery>({
    redis,
    keys: { due: keys.webhookDue(), claims: keys.webhookClaims(), job: keys.webhookDelivery },
    logger,
    name: 'webhooks',
    pollMs: timings.pollMs,
    leaseMs: timings.leaseMs,
    concurrency: timings.concurrency,
    isPending: (job) => job.delivery.status === 'pending',
    attempt,
  });

  return {
    async enqueue({ siteId, webhookId, eventId, type, body, redeliveryOf }) {
      const at = Date.now();
      const delivery: WebhookDelivery = {
        id: newId('whd'),
        webhookId,
        eventId,
        type,
        attempt: 0,
        status: 'pending',
        responseStatus: null,
        error: null,
        durationMs: null,
        nextAttemptAt: at,
        redeliveryOf,
        createdAt: at,
        updatedAt: at,
      };
      await queue.enqueue(delivery.id, { delivery, siteId, body }, at, { key: keys.webhookHistory(webhookId), length: WEBHOOK_LIMITS.history });
      return delivery;
    },
    get: (deliveryId) => queue.get(deliveryId),
    async history(webhookId) {
      const ids = await redis.lRange(keys.webhookHistory(webhookId), 0, WEBHOOK_LIMITS.history - 1);
      if (ids.length === 0) return [];
      // Same hash tag: one MGET serves them on Redis Cluster too. Expired deliveries drop out.
      const raws = await redis.mGet(ids.map(keys.webhookDelivery));
      return raws.flatMap((raw) => (raw ? [(JSON.parse(raw) as StoredDelivery).delivery] : []));
    },
    async forget(webhookId) {
      await redis.del(keys.webhookHistory(webhookId));
    },
    start: () => queue.start(),
    stop: () => queue.stop(),
  };
}
