import type { AttachmentRepository } from '../domain/ports.js';
import { keys } from './keys.js';
import type { RedisClient } from './redis-client.js';

/** Files kept in Redis (email attachments, chat uploads), base64 in one hash per file. */
export function createAttachmentStore(redis: RedisClient): AttachmentRepository {
  return {
    async save({ id, siteId, name, type, content }) {
      await redis.hSet(keys.attachment(id), { siteId, name, type, content: content.toString('base64') });
    },
    async get(id) {
      const raw = await redis.hGetAll(keys.attachment(id));
      if (!raw.siteId || raw.content === undefined) return null;
      return { siteId: raw.siteId, name: raw.name ?? 'file', type: raw.type ?? 'application/octet-stream', content: Buffer.from(raw.content, 'base64') };
    },
  };
}
