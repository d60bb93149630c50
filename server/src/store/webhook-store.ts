import type { WebhookRecord, WebhookRepository } from '../domain/webhook-ports.js';
import { keys } from './keys.js';
import type { RedisClient } from './redis-client.js';

/** A site's webhooks: one hash per site, webhook id → JSON (a site has a handful at most). */
export function createWebhookStore(redis: RedisClient): WebhookRepository {
  return {
    async list(siteId) {
      const all = await redis.hVals(keys.webhooks(siteId));
      return all.map((raw) => JSON.parse(raw) as WebhookRecord);
    },
    async get(siteId, webhookId) {
      const raw = await redis.hGet(keys.webhooks(siteId), webhookId);
      return raw ? (JSON.parse(raw) as WebhookRecord) : null;
    },
    async save(record) {
      await redis.hSet(keys.webhooks(record.siteId), record.id, JSON.stringify(record));
    },
    async remove(siteId, webhookId) {
      return (await redis.hDel(keys.webhooks(siteId), webhookId)) === 1;
    },
  };
}
