import type { CannedResponse } from '@hilo/shared';
import type { CannedRepository } from '../domain/canned-service.js';
import { keys } from './keys.js';
import type { RedisClient } from './redis-client.js';

export function createCannedStore(redis: RedisClient): CannedRepository {
  return {
    async list(siteId) {
      const raw = await redis.hGetAll(keys.canned(siteId));
      return Object.values(raw)
        .map((json) => JSON.parse(json) as CannedResponse)
        .sort((a, b) => a.shortcut.localeCompare(b.shortcut));
    },
    async save(siteId, response) {
      await redis.hSet(keys.canned(siteId), response.id, JSON.stringify(response));
    },
    async remove(siteId, id) {
      return (await redis.hDel(keys.canned(siteId), id)) === 1;
    },
  };
}
