import type { ApiTokenRecord, ApiTokenRepository } from '../domain/api-token-service.js';
import { keys } from './keys.js';
import { runScript, type RedisClient } from './redis-client.js';

/** Records a use only while the token exists, so a use racing a revoke cannot leave a stray entry. */
const TOUCH_IF_LIVE = `
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 1 then
  redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
end
return 0`;

function parse(json: string | null | undefined): ApiTokenRecord | null {
  return json ? (JSON.parse(json) as ApiTokenRecord) : null;
}

/**
 * A site's tokens live in one hash in the site's slot (the source of truth: a token works only while
 * it is there); a global key maps each token's hash to its site for the lookup on every request.
 */
export function createApiTokenStore(redis: RedisClient): ApiTokenRepository {
  return {
    async create(record) {
      await redis.hSet(keys.apiTokens(record.siteId), record.id, JSON.stringify(record));
      await redis.set(keys.apiTokenByHash(record.tokenHash), `${record.siteId} ${record.id}`);
    },

    async list(siteId) {
      const [records, used] = await Promise.all([redis.hGetAll(keys.apiTokens(siteId)), redis.hGetAll(keys.apiTokensUsed(siteId))]);
      return Object.entries(records).flatMap(([id, json]) => {
        const record = parse(json);
        return record ? [{ ...record, lastUsedAt: used[id] ? Number(used[id]) : null }] : [];
      });
    },

    count(siteId) {
      return redis.hLen(keys.apiTokens(siteId));
    },

    async findByHash(tokenHash) {
      const pointer = await redis.get(keys.apiTokenByHash(tokenHash));
      const [siteId, id] = pointer ? pointer.split(' ') : [];
      if (!siteId || !id) return null;
      // One slot ({siteId}): both reads in one round trip.
      const [json, used] = await redis.multi().hGet(keys.apiTokens(siteId), id).hGet(keys.apiTokensUsed(siteId), id).exec();
      const record = parse(json === null || json === undefined ? null : String(json));
      if (!record || record.tokenHash !== tokenHash) return null;
      return { ...record, lastUsedAt: used === null || used === undefined ? null : Number(used) };
    },

    async touch(siteId, id, at) {
      await runScript(redis, TOUCH_IF_LIVE, [keys.apiTokens(siteId), keys.apiTokensUsed(siteId)], [id, String(at)]);
    },

    async revoke(siteId, id) {
      const record = parse(await redis.hGet(keys.apiTokens(siteId), id));
      if (!record) return false;
      // The site hash goes first: from this command on the token is refused everywhere.
      await redis.multi().hDel(keys.apiTokens(siteId), id).hDel(keys.apiTokensUsed(siteId), id).exec();
      await redis.del(keys.apiTokenByHash(record.tokenHash));
      return true;
    },
  };
}
