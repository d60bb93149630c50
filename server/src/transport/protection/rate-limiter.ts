/**
 * In-memory token buckets keyed by "who" (a visitor, an IP, an agent). Kept in process memory on
 * purpose: a limit must stay cheap when Redis is the thing under pressure, and an attacker's traffic
 * must not turn into Redis commands. With N processes behind a balancer the effective limit is at most
 * N times the configured one, which is fine for abuse protection (the login limit, which guards
 * passwords, stays in Redis).
 */
export interface BucketRule {
  /** Largest burst accepted at once. */
  burst: number;
  /** Tokens given back per second. */
  perSecond: number;
}

export interface Verdict {
  ok: boolean;
  /** When not ok: how long until one token is back. */
  retryAfterMs: number;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

export interface RateLimiter {
  take(key: string, rule: BucketRule, now?: number): Verdict;
  /** Number of buckets held (tests and metrics). */
  size(): number;
  /** Drops buckets that have refilled completely; they hold no information. */
  sweep(now?: number): void;
}

export function createRateLimiter(): RateLimiter {
  const buckets = new Map<string, Bucket & { rule: BucketRule }>();
  const refill = (bucket: Bucket & { rule: BucketRule }, now: number) => {
    const elapsed = Math.max(0, now - bucket.updatedAt) / 1000;
    bucket.tokens = Math.min(bucket.rule.burst, bucket.tokens + elapsed * bucket.rule.perSecond);
    bucket.updatedAt = now;
  };
  return {
    take(key, rule, now = Date.now()) {
      let bucket = buckets.get(key);
      if (!bucket) {
        bucket = { tokens: rule.burst, updatedAt: now, rule };
        buckets.set(key, bucket);
      }
      refill(bucket, now);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return { ok: true, retryAfterMs: 0 };
      }
      return { ok: false, retryAfterMs: Math.max(1, Math.ceil(((1 - bucket.tokens) / rule.perSecond) * 1000)) };
    },
    size: () => buckets.size,
    sweep(now = Date.now()) {
      for (const [key, bucket] of buckets) {
        refill(bucket, now);
        if (bucket.tokens >= bucket.rule.burst) buckets.delete(key);
      }
    },
  };
}
