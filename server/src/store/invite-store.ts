import type { InviteRecord, InviteRepository } from '../domain/invite-service.js';
import { keys } from './keys.js';
import type { RedisClient } from './redis-client.js';

export function createInviteStore(redis: RedisClient): InviteRepository {
  return {
    async save(tokenHash, invite, ttlSeconds) {
      await redis.set(keys.invite(tokenHash), JSON.stringify(invite), { expiration: { type: 'EX', value: ttlSeconds } });
    },
    /** GETDEL: a token works once, even when two requests race with it. */
    async take(tokenHash) {
      const json = await redis.getDel(keys.invite(tokenHash));
      return json ? (JSON.parse(String(json)) as InviteRecord) : null;
    },
    async deactivate(agentId, email) {
      // Two slots on a cluster, so two steps: the credentials go first, which alone blocks every use.
      await redis.hDel(keys.agent(agentId), 'passwordHash');
      await redis.del(keys.agentByEmail(email));
    },
    async setRole(agentId, role) {
      await redis.hSet(keys.agent(agentId), 'role', role);
    },
  };
}
