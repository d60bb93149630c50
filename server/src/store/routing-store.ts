import type { RoutingRule, Team } from '@hilo/shared';
import type { AgentStates, RoutingRepository } from '../domain/workflow-ports.js';
import { keys } from './keys.js';
import { runScript, type RedisClient } from './redis-client.js';
import { AUTO_ASSIGN, SET_ASSIGNEE } from './routing.lua.js';

const MAX_SCAN = 200;

/** The site's routing keys in the order the scripts expect (see ROUTE_KEYS). */
function routeKeys(siteId: string): string[] {
  return [
    keys.routeQueue(siteId),
    keys.routeQueueTeam(siteId),
    keys.routeAssignee(siteId),
    keys.routeLoad(siteId),
    keys.routeCapacity(siteId),
    keys.routePresence(siteId),
    keys.routeStatus(siteId),
    keys.routeAgentTeams(siteId),
    keys.routeCursor(siteId),
  ];
}

function numbers(raw: Record<string, string>): Map<string, number> {
  return new Map(Object.entries(raw).map(([k, v]) => [k, Number(v)]));
}

export function createRoutingStore(redis: RedisClient): RoutingRepository {
  return {
    async autoAssign(siteId, staleBefore, defaultCapacity) {
      const flat = (await runScript(redis, AUTO_ASSIGN, routeKeys(siteId), [String(staleBefore), String(defaultCapacity), String(MAX_SCAN)])) as string[];
      const pairs: Array<{ conversationId: string; agentId: string }> = [];
      for (let i = 0; i + 1 < flat.length; i += 2) pairs.push({ conversationId: String(flat[i]), agentId: String(flat[i + 1]) });
      return pairs;
    },

    async setAssignee(siteId, conversationId, agentId, mode, at, teamId) {
      const prev = (await runScript(redis, SET_ASSIGNEE, routeKeys(siteId), [conversationId, agentId ?? '', mode, String(at), teamId ?? ''])) as string;
      return prev || null;
    },

    async assigneeOf(siteId, conversationId) {
      return (await redis.hGet(keys.routeAssignee(siteId), conversationId)) ?? null;
    },

    async heartbeat(siteId, agentId, at) {
      await redis.zAdd(keys.routePresence(siteId), { score: at, value: agentId });
    },

    async leave(siteId, agentId) {
      await redis.zRem(keys.routePresence(siteId), agentId);
    },

    async setStatus(siteId, agentId, status) {
      await redis.hSet(keys.routeStatus(siteId), agentId, status);
    },

    async setCapacity(siteId, agentId, capacity) {
      await redis.hSet(keys.routeCapacity(siteId), agentId, String(capacity));
    },

    async agentStates(siteId): Promise<AgentStates> {
      const [presence, status, load, capacity] = await Promise.all([
        redis.zRangeWithScores(keys.routePresence(siteId), 0, -1),
        redis.hGetAll(keys.routeStatus(siteId)),
        redis.hGetAll(keys.routeLoad(siteId)),
        redis.hGetAll(keys.routeCapacity(siteId)),
      ]);
      return {
        lastSeen: new Map(presence.map((row) => [String(row.value), row.score])),
        status: new Map(Object.entries(status).map(([k, v]) => [k, v === 'away' ? 'away' : 'online'])),
        load: numbers(load),
        capacity: numbers(capacity),
      };
    },

    async knownAgents(siteId) {
      return (await redis.sMembers(keys.siteAgents(siteId))).map(String).sort();
    },

    async addKnownAgent(siteId, agentId) {
      await redis.sAdd(keys.siteAgents(siteId), agentId);
    },

    async teams(siteId) {
      const raw = await redis.hGetAll(keys.teams(siteId));
      return Object.values(raw)
        .map((json) => JSON.parse(json) as Team)
        .sort((a, b) => a.name.localeCompare(b.name));
    },

    async saveTeam(siteId, team) {
      const teams = await this.teams(siteId);
      const all = [...teams.filter((t) => t.id !== team.id), team];
      // Membership is denormalised per agent so the assignment script checks it with one HGET.
      const byAgent = new Map<string, string[]>();
      for (const t of all) for (const member of t.memberIds) byAgent.set(member, [...(byAgent.get(member) ?? []), t.id]);
      const multi = redis.multi().hSet(keys.teams(siteId), team.id, JSON.stringify(team)).del(keys.routeAgentTeams(siteId));
      if (byAgent.size) multi.hSet(keys.routeAgentTeams(siteId), Object.fromEntries([...byAgent].map(([a, ids]) => [a, `,${ids.join(',')},`])));
      await multi.exec();
    },

    async rules(siteId) {
      const json = await redis.get(keys.routeRules(siteId));
      return json ? (JSON.parse(json) as RoutingRule[]) : [];
    },

    async saveRules(siteId, rules) {
      await redis.set(keys.routeRules(siteId), JSON.stringify(rules));
    },
  };
}
