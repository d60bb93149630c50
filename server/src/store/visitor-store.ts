import type { VisitorRepository, VisitorState } from '../domain/ports.js';
import { TTL, keys } from './keys.js';
import type { RedisClient } from './redis-client.js';

const VISIT_GAP_MS = 30 * 60 * 1000;

function toState(raw: Record<string, string>): VisitorState {
  return {
    conversationId: raw.conversationId || null,
    contactId: raw.contactId || null,
    url: raw.url || null,
    title: raw.title || null,
    visits: Number(raw.visits ?? 0),
    lastSeenAt: raw.lastSeenAt ? Number(raw.lastSeenAt) : null,
  };
}

export function createVisitorStore(redis: RedisClient): VisitorRepository {
  async function linkOnce(siteId: string, visitorId: string, field: string, value: string): Promise<string> {
    const key = keys.visitor(siteId, visitorId);
    const [, , current] = await redis.multi().hSetNX(key, field, value).expire(key, TTL.visitorSeconds).hGet(key, field).exec();
    return String(current);
  }

  return {
    async conversationOf(siteId, visitorId) {
      return (await redis.hGet(keys.visitor(siteId, visitorId), 'conversationId')) || null;
    },
    linkConversation(siteId, visitorId, conversationId) {
      return linkOnce(siteId, visitorId, 'conversationId', conversationId);
    },
    async relinkConversation(siteId, visitorId, conversationId) {
      const key = keys.visitor(siteId, visitorId);
      if (conversationId) await redis.hSet(key, 'conversationId', conversationId);
      else await redis.hDel(key, 'conversationId');
    },
    async state(siteId, visitorId) {
      return toState(await redis.hGetAll(keys.visitor(siteId, visitorId)));
    },
    linkContact(siteId, visitorId, contactId) {
      return linkOnce(siteId, visitorId, 'contactId', contactId);
    },
    async setContact(siteId, visitorId, contactId) {
      await redis.hSet(keys.visitor(siteId, visitorId), 'contactId', contactId);
    },
    async touch(siteId, visitorId, page, at) {
      const key = keys.visitor(siteId, visitorId);
      const last = Number((await redis.hGet(key, 'lastSeenAt')) ?? 0);
      const multi = redis.multi();
      if (!last || at - last > VISIT_GAP_MS) multi.hIncrBy(key, 'visits', 1);
      const fields: Record<string, string> = { lastSeenAt: String(at) };
      if (page.url !== undefined) fields.url = page.url;
      if (page.title !== undefined) fields.title = page.title;
      multi.hSet(key, fields).expire(key, TTL.visitorSeconds).hGetAll(key);
      const replies = await multi.exec();
      return toState(replies[replies.length - 1] as unknown as Record<string, string>);
    },
  };
}
