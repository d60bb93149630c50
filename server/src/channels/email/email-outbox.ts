import { randomUUID } from 'node:crypto';
import type { Delivery } from '@hilo/shared';
import type { Logger } from '../../logger.js';
import { runScript, type RedisClient } from '../../store/redis-client.js';
import { CLAIM_SCRIPT, COMPLETE_SCRIPT, ENQUEUE_SCRIPT, RELEASE_SCRIPT, RETRY_SCRIPT } from './email-outbox.lua.js';
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
 * A durable outbound queue: jobs live in Redis until sent or failed for good, any number of server
 * processes can run workers on it, and each claim is atomic with a lease so a job is sent by one worker
 * at a time and picked up again if its worker dies.
 */
export function createEmailOutbox(options: EmailOutboxOptions): EmailOutbox {
  const { redis, mailer, logger, onDelivery } = options;
  const baseDelayMs = options.baseDelayMs ?? 30_000;
  const maxAttempts = options.maxAttempts ?? 8;
  const pollMs = options.pollMs ?? 1000;
  const leaseMs = options.leaseMs ?? 120_000;
  const due = emailKeys.outboxDue();
  const claims = emailKeys.outboxClaims();

  let running = false;
  let loop: Promise<void> | null = null;
  let wake: (() => void) | null = null;

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

  async function get(jobId: string): Promise<OutboxRecord | null> {
    const raw = await redis.get(emailKeys.job(jobId));
    return raw ? (JSON.parse(raw) as OutboxRecord) : null;
  }

  async function complete(id: string, claim: string, record: OutboxRecord, nextDue: number | null, ttl: number): Promise<boolean> {
    const args = [id, claim, JSON.stringify(record), nextDue === null ? '' : String(nextDue), String(ttl)];
    return (await runScript(redis, COMPLETE_SCRIPT, [due, claims, emailKeys.job(id)], args)) === 1;
  }

  /** Claims and attempts one due job; false when none was due. */
  async function processOne(): Promise<boolean> {
    const now = Date.now();
    const claim = `${randomUUID()}|${now + leaseMs}`;
    const id = await runScript(redis, CLAIM_SCRIPT, [due, claims], [String(now), String(now + leaseMs), claim]);
    if (typeof id !== 'string') return false;
    const record = await get(id);
    if (!record || record.status !== 'pending') {
      // Nothing left to send (record deleted by hand, or already settled): only leave the queue.
      await runScript(redis, RELEASE_SCRIPT, [due, claims], [id, claim]);
      return true;
    }
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
    const ttl = next.status === 'sent' ? EMAIL_TTL.sentJobSeconds : 0;
    const owned = await complete(id, claim, next, next.status === 'pending' ? next.nextAttemptAt : null, ttl);
    if (!owned) logger.warn({ jobId: id, status: next.status }, 'email job lease expired before the attempt finished');
    // A lost lease means another worker owns the job and reports it; a message that left is still news.
    if (owned || next.status === 'sent') await report(record.job, next);
    return true;
  }

  function sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wake = null;
        resolve();
      }
      wake = done;
    });
  }

  async function run(): Promise<void> {
    while (running) {
      let worked = false;
      try {
        worked = await processOne();
      } catch (err) {
        logger.error({ err }, 'email outbox poll failed');
      }
      if (!worked && running) await sleep(pollMs);
    }
  }

  return {
    async enqueue(job) {
      const now = Date.now();
      const record: OutboxRecord = { job, status: 'pending', attempts: 0, roundStart: 0, error: null, nextAttemptAt: now, updatedAt: now };
      await runScript(redis, ENQUEUE_SCRIPT, [emailKeys.job(job.id), due], [JSON.stringify(record), String(now), job.id]);
      wake?.();
    },
    start() {
      if (running) return;
      running = true;
      loop = run();
    },
    async stop() {
      running = false;
      wake?.();
      await loop;
      loop = null;
    },
    async retryNow(jobId) {
      for (let tries = 0; tries < 5; tries++) {
        const raw = await redis.get(emailKeys.job(jobId));
        if (!raw) return false;
        const record = JSON.parse(raw) as OutboxRecord;
        if (record.status === 'sent') return false;
        const now = Date.now();
        const next: OutboxRecord = {
          ...record,
          status: 'pending',
          roundStart: record.status === 'failed' ? record.attempts : record.roundStart,
          nextAttemptAt: now,
          updatedAt: now,
        };
        const result = await runScript(redis, RETRY_SCRIPT, [emailKeys.job(jobId), due, claims], [raw, JSON.stringify(next), String(now), jobId]);
        if (result === 2) return false;
        if (result === 1) {
          await report(record.job, next);
          wake?.();
          return true;
        }
      }
      return false;
    },
    get,
  };
}
