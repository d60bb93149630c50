import type { Delivery } from '@hilo/shared';
import type { Logger } from '../../logger.js';
import type { RedisClient } from '../../store/redis-client.js';
import { createDurableQueue, type Settlement } from '../durable-queue.js';
import { EMAIL_TTL, emailKeys } from './email-keys.js';
import type { OutboundEmail } from './inbound-email.js';
import { MailerError, type Mailer } from './mailer.js';

export interface OutboundJob {
  /** Idempotency key: enqueueing the same id again is a no-op. */
  id: string;
  siteId: string;
  conversationId: string;
  hiloMessageId: string;
  email: OutboundEmail;
}

/** What Redis holds per job. */
export interface OutboxRecord {
  job: OutboundJob;
  status: Delivery['status'];
  attempts: number;
  /** Attempts made before the last retryNow: each manual retry gets a full round of maxAttempts. */
  roundStart: number;
  error: string | null;
  nextAttemptAt: number | null;
  updatedAt: number;
}

export interface EmailOutboxOptions {
  redis: RedisClient;
  mailer: Pick<Mailer, 'send'>;
  logger: Logger;
  /** Called after every attempt (and on retryNow) with the job's new delivery state. */
  onDelivery(job: OutboundJob, delivery: Delivery): void | Promise<void>;
  baseDelayMs?: number;
  maxAttempts?: number;
  pollMs?: number;
  /** How long a claimed job is reserved for one worker; longer than the mailer's worst-case send. */
  leaseMs?: number;
}

export interface EmailOutbox {
  enqueue(job: OutboundJob): Promise<void>;
  start(): void;
  stop(): Promise<void>;
  /** Requeues a failed (or waiting) job now. False when the job is unknown, already sent, or being sent. */
  retryNow(jobId: string): Promise<boolean>;
  get(jobId: string): Promise<OutboxRecord | null>;
}

const MAX_DELAY_MS = 3_600_000;

function toDelivery(record: OutboxRecord): Delivery {
  return { status: record.status, attempts: record.attempts, error: record.error, nextAttemptAt: record.nextAttemptAt };
}

/**
 * The outbound email queue: jobs live in Redis until sent or failed for good (see durable-queue.ts
 * for the claim-and-lease rules that keep it correct with several processes).
 */
export function createEmailOutbox(options: EmailOutboxOptions): EmailOutbox {
  const { redis, mailer, logger, onDelivery } = options;
  const baseDelayMs = options.baseDelayMs ?? 30_000;
  const maxAttempts = options.maxAttempts ?? 8;

  function backoff(failures: number): number {
    const delay = Math.min(baseDelayMs * 2 ** (failures - 1), MAX_DELAY_MS);
    // Jitter spreads retries of a batch that failed together (a relay outage) over time.
    return Math.round(delay * (1 + Math.random() * 0.25));
  }

  async function report(job: OutboundJob, record: OutboxRecord): Promise<void> {
    try {
      await onDelivery(job, toDelivery(record));
    } catch (err) {
      logger.error({ err, jobId: job.id }, 'email delivery update failed');
    }
  }

  async function send(id: string, record: OutboxRecord): Promise<Settlement<OutboxRecord>> {
    const attempts = record.attempts + 1;
    let next: OutboxRecord;
    try {
      await mailer.send(record.job.email);
      next = { ...record, status: 'sent', attempts, error: null, nextAttemptAt: null, updatedAt: Date.now() };
    } catch (err) {
      const error = err instanceof Error ? err.message : String(err);
      const permanent = err instanceof MailerError && err.permanent;
      const exhausted = attempts - record.roundStart >= maxAttempts;
      const at = Date.now();
      next =
        permanent || exhausted
          ? { ...record, status: 'failed', attempts, error, nextAttemptAt: null, updatedAt: at }
          : { ...record, status: 'pending', attempts, error, nextAttemptAt: at + backoff(attempts - record.roundStart), updatedAt: at };
      logger.warn({ jobId: id, attempts, status: next.status, error }, 'email send failed');
    }
    return { record: next, nextDueAt: next.status === 'pending' ? next.nextAttemptAt : null, ttlSeconds: next.status === 'sent' ? EMAIL_TTL.sentJobSeconds : 0 };
  }

  const queue = createDurableQueue<OutboxRecord>({
    redis,
    keys: { due: emailKeys.outboxDue(), claims: emailKeys.outboxClaims(), job: emailKeys.job },
    logger,
    name: 'email',
    pollMs: options.pollMs ?? 1000,
    leaseMs: options.leaseMs ?? 120_000,
    isPending: (record) => record.status === 'pending',
    attempt: send,
    // A lost lease means another worker owns the job and reports it; a message that left is still news.
    settled: (before, { record }, owned) => (owned || record.status === 'sent' ? report(before.job, record) : undefined),
  });

  return {
    async enqueue(job) {
      const now = Date.now();
      const record: OutboxRecord = { job, status: 'pending', attempts: 0, roundStart: 0, error: null, nextAttemptAt: now, updatedAt: now };
      await queue.enqueue(job.id, record, now);
    },
    start: () => queue.start(),
    stop: () => queue.stop(),
    async retryNow(jobId) {
      const next = await queue.requeue(jobId, (record) => {
        if (record.status === 'sent') return null;
        const now = Date.now();
        return { ...record, status: 'pending', roundStart: record.status === 'failed' ? record.attempts : record.roundStart, nextAttemptAt: now, updatedAt: now };
      });
      if (!next) return false;
      await report(next.job, next);
      return true;
    },
    get: (jobId) => queue.get(jobId),
  };
}
