import type { Site, SiteRepository } from '../domain/ports.js';
import { keys } from './keys.js';
import type { RedisClient } from './redis-client.js';

function toSite(raw: Record<string, string>): Site | null {
  if (!raw.id || !raw.publicKey || !raw.secret) return null;
  return {
    id: raw.id,
    name: raw.name ?? '',
    publicKey: raw.publicKey,
    secret: raw.secret,
    allowedOrigins: JSON.parse(raw.allowedOrigins ?? '[]') as string[],
    createdAt: Number(raw.createdAt),
  };
}

export function createSiteStore(redis: RedisClient): SiteRepository {
  return {
    async create(site) {
      await redis.hSet(keys.site(site.id), {
        id: site.id,
        name: site.name,
        publicKey: site.publicKey,
        secret: site.secret,
        allowedOrigins: JSON.stringify(site.allowedOrigins),
        createdAt: String(site.createdAt),
      });
      await redis.set(keys.siteByKey(site.publicKey), site.id);
    },
    async findById(id) {
      return toSite(await redis.hGetAll(keys.site(id)));
    },
    async findByPublicKey(publicKey) {
      const id = await redis.get(keys.siteByKey(publicKey));
      return id ? toSite(await redis.hGetAll(keys.site(id))) : null;
    },
    async update(id, changes) {
      const fields: Record<string, string> = {};
      if (changes.name !== undefined) fields.name = changes.name;
      if (changes.allowedOrigins) fields.allowedOrigins = JSON.stringify(changes.allowedOrigins);
      if (Object.keys(fields).length) await redis.hSet(keys.site(id), fields);
    },
    async claimDemoSite(id) {
      return (await redis.set(keys.demoSite(), id, { condition: 'NX' })) === 'OK';
    },
    demoSiteId() {
      return redis.get(keys.demoSite());
    },
  };
}
