import type { AgentRecord, AgentRepository } from '../domain/ports.js';
import { keys } from './keys.js';
import type { RedisClient } from './redis-client.js';

function toAgent(raw: Record<string, string>): AgentRecord | null {
  if (!raw.id || !raw.email || !raw.passwordHash || !raw.siteId) return null;
  return {
    id: raw.id,
    siteId: raw.siteId,
    email: raw.email,
    name: raw.name ?? raw.email,
    role: raw.role === 'admin' ? 'admin' : 'agent',
    passwordHash: raw.passwordHash,
    createdAt: Number(raw.createdAt),
  };
}

export function createAgentStore(redis: RedisClient): AgentRepository {
  return {
    async create(agent) {
      // The email index is claimed first so two processes cannot create the same account twice.
      const claimed = await redis.set(keys.agentByEmail(agent.email), agent.id, { condition: 'NX' });
      if (claimed !== 'OK') return false;
      await redis.hSet(keys.agent(agent.id), {
        id: agent.id,
        siteId: agent.siteId,
        email: agent.email,
        name: agent.name,
        role: agent.role,
        passwordHash: agent.passwordHash,
        createdAt: String(agent.createdAt),
      });
      return true;
    },
    async findById(id) {
      return toAgent(await redis.hGetAll(keys.agent(id)));
    },
    async findByEmail(email) {
      const id = await redis.get(keys.agentByEmail(email.toLowerCase()));
      return id ? toAgent(await redis.hGetAll(keys.agent(id))) : null;
    },
    async setPassword(id, passwordHash) {
      await redis.hSet(keys.agent(id), 'passwordHash', passwordHash);
    },
  };
}
