import type { Csat } from '@hilo/shared';
import { keys } from './keys.js';
import type { RedisClient } from './redis-client.js';

export interface AfterChatRepository {
  saveCsat(csat: Csat): Promise<void>;
  csat(conversationId: string): Promise<Csat | null>;
  /** Counts one transcript request in the current window; returns the count including this one. */
  countTranscript(conversationId: string, windowSeconds: number): Promise<number>;
}

export function createAfterChatStore(redis: RedisClient): AfterChatRepository {
  return {
    async saveCsat(csat) {
      await redis.set(keys.csat(csat.conversationId), JSON.stringify(csat));
    },
    async csat(conversationId) {
      const raw = await redis.get(keys.csat(conversationId));
      return raw ? (JSON.parse(raw) as Csat) : null;
    },
    async countTranscript(conversationId, windowSeconds) {
      const key = keys.transcripts(conversationId);
      const [count] = await redis.multi().incr(key).expire(key, windowSeconds, 'NX').exec();
      return Number(count);
    },
  };
}
