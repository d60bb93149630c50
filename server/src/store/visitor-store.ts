import type { VisitorRepository } from '../domain/ports.js';
import { TTL, keys } from './keys.js';
import type { RedisClient } from './redis-client.js';

export function createVisitorStore(redis: RedisClient): VisitorRepository {
  return {
    async conversationOf(siteId, visitorId) {
      return (await redis.hGet(keys.visitor(siteId, visitorId), 'conversationId')) ?? null;
    },
    async linkConversation(siteId, visitorId, conversationId) {
      const key = keys.visitor(siteId, visitorId);
      const [, , current] = await redis
        .multi()
        .hSetNX(key, 'conversationId', conversationId)
        .expire(key, TTL.visitorSeconds)
        .hGet(key, 'conversationId')
        .exec();
      return String(current);
    },
  };
}
