import { randomUUID } from 'node:crypto';
import type { Logger } from '../logger.js';
import { runScript, type RedisClient } from '../store/redis-client.js';
import { CLAIM_SCRIPT, COMPLETE_SCRIPT, ENQUEUE_SCRIPT, RELEASE_SCRIPT, RETRY_SCRIPT } from './durable-queue.lua.js';

/** A queue's keys; all must share one hash tag (the scripts touch them together). */
export interface QueueKeys {
  /** Sorted set: member = job id, score = ms epoch when the job is due (or its lease ends). */
  due: string;
  /** Hash: job id → claim token of the worker that holds the job's lease. */
  claims: string;
  /** String: JSON of the job and its delivery state. */
  job(id: string): string;
}

/** What an attempt leaves behind. */
export interface Settlement<R> {
  record: R;
  /** When to attempt again (ms epoch); null takes the job out of the queue. */
  nextDueAt: number | null;
  /** Keep the record this many seconds; 0 keeps it until something deletes it. */
  ttlSeconds: number;
}

export interface DurableQueueOptions<R> {
  redis: RedisClient;
  keys: QueueKeys;
  logger: Logger;
  /** Names the queue in logs. */
  name: string;
  pollMs: number;
  /** How long a claimed job is reserved for one worker; longer than the worst-case attempt. */
  leaseMs: number;
  /** Jobs attempted at once by this process (a slow receiver must not hold up the rest). */
  concurrency?: number;
  /** Whether a stored record still waits for an attempt. */
  isPending(record: R): boolean;
  /** One attempt. `signal` aborts when the queue stops; resolve null to hand the job back untouched. */
  attempt(id: string, record: R, signal: AbortSignal): Promise<Settlement<R> | null>;
  /** After an attempt's outcome was stored (`owned`), or computed but refused because the lease was lost. */
  settled?(before: R, settlement: Settlement<R>, owned: boolean): void | Promise<void>;
}

export interface DurableQueue<R> {
  /** False when a job with this id exists already (enqueueing is idempotent per id). */
  enqueue(id: string, record: R, dueAt: number, history?: { key: string; length: number }): Promise<boolean>;
  get(id: string): Promise<R | null>;
  /**
   * Compare-and-set requeue for an immediate attempt: `update` gets the stored record and returns the
   * one to store, or null to refuse. Resolves the stored record, or null when the job is unknown,
   * refused, or being attempted right now.
   */
  requeue(id: string, update: (current: R) => R | null): Promise<R | null>;
  /** Attempts due jobs soon instead of at the next poll. */
  wake(): void;
  start(): void;
  /** Stops claiming, aborts attempts in flight (their jobs go back to the queue) and waits for them. */
  stop(): Promise<void>;
}

/**
 * A durable job queue on Redis: jobs live there until settled, any number of server processes run
 * workers on it, and each claim is atomic with a lease, so a job is attempted by one worker at a time
 * and picked up again if its worker dies. Delivery is at-least-once: a worker that dies after the
 * attempt but before recording it leaves the job to be attempted again once the lease ends.
 */
export function createDurableQueue<R>(options: DurableQueueOptions<R>): DurableQueue<R> {
  const { redis, keys, logger, name, pollMs, leaseMs, isPending, attempt, settled } = options;
  const concurrency = Math.max(1, options.concurrency ?? 1);

  let running = false;
  let loop: Promise<void> | null = null;
  let wake: (() => void) | null = null;
  let stopping = new AbortController();
  const inFlight = new Set<Promise<void>>();

  async function get(id: string): Promise<R | null> {
    const raw = await redis.get(keys.job(id));
    return raw ? (JSON.parse(raw) as R) : null;
  }

  async function complete(id: string, claim: string, json: string, nextDue: number | null, ttl: number): Promise<boolean> {
    const args = [id, claim, json, nextDue === null ? '' : String(nextDue), String(ttl)];
    return (await runScript(redis, COMPLETE_SCRIPT, [keys.due, keys.claims, keys.job(id)], args)) === 1;
  }

  async function attemptJob(id: string, claim: string): Promise<void> {
    const raw = await redis.get(keys.job(id));
    const record = raw ? (JSON.parse(raw) as R) : null;
    if (!raw || !record || !isPending(record)) {
      // Nothing left to do (record expired or deleted, or already settled): only leave the queue.
      await runScript(redis, RELEASE_SCRIPT, [keys.due, keys.claims], [id, claim]);
      return;
    }
    const outcome = await attempt(id, record, stopping.signal);
    if (!outcome) {
      // Interrupted by stop(): due again now, for this process after a restart or for another one.
      await complete(id, claim, raw, Date.now(), 0);
      return;
    }
    const owned = await complete(id, claim, JSON.stringify(outcome.record), outcome.nextDueAt, outcome.ttlSeconds);
    if (!owned) logger.warn({ queue: name, jobId: id }, 'job lease expired before the attempt finished');
    try {
      await settled?.(record, outcome, owned);
    } catch (err) {
      logger.error({ err, queue: name, jobId: id }, 'job settlement hook failed');
    }
  }

  /** Claims one due job and starts it; false when none was due. */
  async function claimOne(): Promise<boolean> {
    const now = Date.now();
    const claim = `${randomUUID()}|${now + leaseMs}`;
    const id = await runScript(redis, CLAIM_SCRIPT, [keys.due, keys.claims], [String(now), String(now + leaseMs), claim]);
    if (typeof id !== 'string') return false;
    const job = attemptJob(id, claim)
      .catch((err: unknown) => logger.error({ err, queue: name, jobId: id }, 'job attempt failed; it is retried after its lease'))
      .finally(() => inFlight.delete(job));
    inFlight.add(job);
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
      if (inFlight.size >= concurrency) {
        await Promise.race(inFlight);
        continue;
      }
      let claimed = false;
      try {
        claimed = await claimOne();
      } catch (err) {
        logger.error({ err, queue: name }, 'queue poll failed');
      }
      if (!claimed && running) await sleep(pollMs);
    }
    await Promise.all(inFlight);
  }

  return {
    async enqueue(id, record, dueAt, history) {
      const keyList = [keys.job(id), keys.due];
      const args = [JSON.stringify(record), String(dueAt), id];
      if (history) {
        keyList.push(history.key);
        args.push(String(history.length));
      }
      const added = (await runScript(redis, ENQUEUE_SCRIPT, keyList, args)) === 1;
      if (added && dueAt <= Date.now()) wake?.();
      return added;
    },
    get,
    async requeue(id, update) {
      for (let tries = 0; tries < 5; tries++) {
        const raw = await redis.get(keys.job(id));
        if (!raw) return null;
        const next = update(JSON.parse(raw) as R);
        if (!next) return null;
        const now = Date.now();
        const result = await runScript(redis, RETRY_SCRIPT, [keys.job(id), keys.due, keys.claims], [raw, JSON.stringify(next), String(now), id]);
        if (result === 2) return null;
        if (result === 1) {
          wake?.();
          return next;
        }
      }
      return null;
    },
    wake() {
      wake?.();
    },
    start() {
      if (running) return;
      running = true;
      stopping = new AbortController();
      loop = run();
    },
    async stop() {
      running = false;
      stopping.abort();
      wake?.();
      await loop;
      loop = null;
    },
  };
}
