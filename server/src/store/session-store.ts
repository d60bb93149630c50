import type { RateLimiter, SessionRepository } from '../domain/ports.js';
import { keys } from './keys.js';
import type { RedisClient } from './redis-client.js';

export function createSessionStore(redis: RedisClient): SessionRepository {
  return {
    async create(tokenHash, agentId, ttlSeconds) {
      await redis.set(keys.session(tokenHash), agentId, { expiration: { type: 'EX', value: ttlSeconds } });
    },
    findAgentId(tokenHash) {
      return redis.get(keys.session(tokenHash));
    },
    async delete(tokenHash) {
      await redis.del(keys.session(tokenHash));
    },
  };
}

/** Fixed-window counter: one INCR per hit, the window starts with the first hit. */
export function createRateLimiter(redis: RedisClient): RateLimiter {
  return {
    async hit(bucket, limit, windowSeconds) {
      const key = keys.rateLimit(bucket);
      const [count] = await redis.multi().incr(key).expire(key, windowSeconds, 'NX').exec();
      return Number(count) <= limit;
    },
  };
}
