import { createHash } from 'node:crypto';
import type { EmailThreadRepository } from '../domain/ports.js';
import { TTL, keys } from './keys.js';
import type { RedisClient } from './redis-client.js';

function hash(messageId: string): string {
  return createHash('sha256').update(messageId.trim().toLowerCase()).digest('base64url');
}

export function createEmailThreadStore(redis: RedisClient): EmailThreadRepository {
  return {
    async link(siteId, messageId, conversationId) {
      await redis.set(keys.emailThread(siteId, hash(messageId)), conversationId, { expiration: { type: 'EX', value: TTL.emailThreadSeconds } });
    },
    async linkReplyToken(token, siteId, conversationId) {
      await redis.set(keys.emailReplyToken(token), `${siteId} ${conversationId}`);
    },
    async findReplyToken(token) {
      const value = await redis.get(keys.emailReplyToken(token.toLowerCase()));
      const [siteId, conversationId] = value ? value.split(' ') : [];
      return siteId && conversationId ? { siteId, conversationId } : null;
    },
    async find(siteId, messageIds) {
      for (const id of messageIds) {
        const found = await redis.get(keys.emailThread(siteId, hash(id)));
        if (found) return found;
      }
      return null;
    },
  };
}
