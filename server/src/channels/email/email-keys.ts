/**
 * Redis keys of the email outbox. Every key shares the `{email}` hash tag so the claim and complete
 * scripts, which touch the due set and a job together, stay in one slot on Redis Cluster. Outbound mail
 * is low volume, so one slot is no hot spot.
 */
const P = 'hilo:{email}';

export const emailKeys = {
  /** Sorted set: member = job id, score = ms epoch when the job is due (or its lease ends). */
  outboxDue: () => `${P}:outbox:due`,
  /** Hash: job id → claim token of the worker that holds the job's lease. */
  outboxClaims: () => `${P}:outbox:claims`,
  /** String: JSON of the job and its delivery state. */
  job: (jobId: string) => `${P}:job:${jobId}`,
} as const;

export const EMAIL_TTL = {
  /** Sent jobs are kept a week so a re-enqueue of the same id stays a no-op; failed jobs are kept until retried. */
  sentJobSeconds: 7 * 24 * 3600,
} as const;
