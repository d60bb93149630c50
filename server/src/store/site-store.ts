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
    identitySecret: raw.identitySecret ?? '',
    allowedOrigins: JSON.parse(raw.allowedOrigins ?? '[]') as string[],
    supportEmail: raw.supportEmail || null,
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
        identitySecret: site.identitySecret,
        allowedOrigins: JSON.stringify(site.allowedOrigins),
        supportEmail: site.supportEmail ?? '',
        createdAt: String(site.createdAt),
      });
      await redis.set(keys.siteByKey(site.publicKey), site.id);
      if (site.supportEmail) await redis.set(keys.siteBySupportEmail(site.supportEmail), site.id);
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
      if (changes.identitySecret) fields.identitySecret = changes.identitySecret;
      if (changes.supportEmail !== undefined) {
        const previous = await redis.hGet(keys.site(id), 'supportEmail');
        if (previous) await redis.del(keys.siteBySupportEmail(previous));
        fields.supportEmail = changes.supportEmail ?? '';
        if (changes.supportEmail) await redis.set(keys.siteBySupportEmail(changes.supportEmail), id);
      }
      if (Object.keys(fields).length) await redis.hSet(keys.site(id), fields);
    },
    async findBySupportEmail(address) {
      const id = await redis.get(keys.siteBySupportEmail(address.toLowerCase()));
      return id ? toSite(await redis.hGetAll(keys.site(id))) : null;
    },
    async setIntegrationToken(siteId, tokenHash) {
      const previous = await redis.hGet(keys.site(siteId), 'integrationTokenHash');
      if (previous) await redis.del(keys.siteByIntegrationToken(previous));
      await redis.set(keys.siteByIntegrationToken(tokenHash), siteId);
      await redis.hSet(keys.site(siteId), 'integrationTokenHash', tokenHash);
    },
    async findByIntegrationToken(tokenHash) {
      const id = await redis.get(keys.siteByIntegrationToken(tokenHash));
      return id ? toSite(await redis.hGetAll(keys.site(id))) : null;
    },
    async hasIntegrationToken(siteId) {
      return Boolean(await redis.hGet(keys.site(siteId), 'integrationTokenHash'));
    },
    async claimDemoSite(id) {
      return (await redis.set(keys.demoSite(), id, { condition: 'NX' })) === 'OK';
    },
    demoSiteId() {
      return redis.get(keys.demoSite());
    },
  };
}
