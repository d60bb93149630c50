import { describe, expect, it } from 'vitest';
import { createRateLimiter } from './rate-limiter.js';

describe('token bucket rate limiter', () => {
  const rule = { burst: 3, perSecond: 2 };

  it('allows a burst, then refuses with a retry hint, then refills with time', () => {
    const limiter = createRateLimiter();
    const t0 = 1_000_000;
    expect([1, 2, 3].map(() => limiter.take('v:1', rule, t0).ok)).toEqual([true, true, true]);
    const refused = limiter.take('v:1', rule, t0);
    expect(refused.ok).toBe(false);
    expect(refused.retryAfterMs).toBe(500);
    // Another key has its own bucket.
    expect(limiter.take('v:2', rule, t0).ok).toBe(true);
    expect(limiter.take('v:1', rule, t0 + 500).ok).toBe(true);
    expect(limiter.take('v:1', rule, t0 + 500).ok).toBe(false);
  });

  it('forgets buckets that have refilled', () => {
    const limiter = createRateLimiter();
    limiter.take('a', rule, 0);
    limiter.take('b', rule, 0);
    limiter.sweep(100);
    expect(limiter.size()).toBe(2);
    limiter.sweep(10_000);
    expect(limiter.size()).toBe(0);
  });
});
