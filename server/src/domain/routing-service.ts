import type { Agent, AgentSummary, RoutingRule, Team } from '@hilo/shared';
import { WORKFLOW } from '@hilo/shared';
import { DomainError } from './errors.js';
import { newId } from './ids.js';
import type { AgentRepository } from './ports.js';
import type { RoutingRepository, WorkflowNotifier } from './workflow-ports.js';

export interface RoutingServiceDeps {
  routing: RoutingRepository;
  agents: Pick<AgentRepository, 'findById'>;
  notifier: WorkflowNotifier;
  now?: () => number;
  /** A tab that has not sent a heartbeat for this long counts as closed (a crashed process). */
  staleMs?: number;
  defaultCapacity?: number;
}

export type RoutingService = ReturnType<typeof createRoutingService>;

export const HEARTBEAT_MS = 15_000;

function requireAdmin(agent: Agent): void {
  if (agent.role !== 'admin') throw new DomainError('forbidden', 'Only admins can change this');
}

/** Presence, capacity, teams and rules; the queue itself is moved by the Lua scripts in store/. */
export function createRoutingService({ routing, agents, notifier, now = Date.now, staleMs = 3 * HEARTBEAT_MS, defaultCapacity = WORKFLOW.defaultCapacity }: RoutingServiceDeps) {
  async function summaries(siteId: string): Promise<AgentSummary[]> {
    const [ids, states] = await Promise.all([routing.knownAgents(siteId), routing.agentStates(siteId)]);
    const fresh = now() - staleMs;
    const records = await Promise.all(ids.map((id) => agents.findById(id)));
    return records
      .filter((a): a is NonNullable<typeof a> => a !== null && a.siteId === siteId)
      .map((a) => {
        const connected = (states.lastSeen.get(a.id) ?? 0) >= fresh;
        return {
          id: a.id,
          name: a.name,
          role: a.role,
          status: connected ? (states.status.get(a.id) ?? 'online') : 'offline',
          load: states.load.get(a.id) ?? 0,
          capacity: states.capacity.get(a.id) ?? defaultCapacity,
        } satisfies AgentSummary;
      })
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  async function broadcastAgents(siteId: string): Promise<AgentSummary[]> {
    const list = await summaries(siteId);
    notifier.agentsChanged(siteId, list);
    return list;
  }

  async function summaryOf(siteId: string, agentId: string): Promise<AgentSummary> {
    const found = (await broadcastAgents(siteId)).find((a) => a.id === agentId);
    if (!found) throw new DomainError('not_found', 'Agent not found');
    return found;
  }

  return {
    summaries,
    broadcastAgents,
    /** One atomic pass of the queue; the caller applies what was assigned. */
    autoAssign(siteId: string) {
      return routing.autoAssign(siteId, now() - staleMs, defaultCapacity);
    },
    async connected(agent: Agent): Promise<void> {
      await routing.addKnownAgent(agent.siteId, agent.id);
      await routing.heartbeat(agent.siteId, agent.id, now());
    },
    heartbeat(agent: Agent): Promise<void> {
      return routing.heartbeat(agent.siteId, agent.id, now());
    },
    /** The agent's last tab closed. */
    left(agent: Agent): Promise<void> {
      return routing.leave(agent.siteId, agent.id);
    },
    async setStatus(agent: Agent, status: 'online' | 'away'): Promise<AgentSummary> {
      await routing.setStatus(agent.siteId, agent.id, status);
      await routing.heartbeat(agent.siteId, agent.id, now());
      return summaryOf(agent.siteId, agent.id);
    },
    async setCapacity(admin: Agent, agentId: string, capacity: number): Promise<AgentSummary> {
      requireAdmin(admin);
      const target = await agents.findById(agentId);
      if (!target || target.siteId !== admin.siteId) throw new DomainError('not_found', 'Agent not found');
      await routing.setCapacity(admin.siteId, agentId, capacity);
      return summaryOf(admin.siteId, agentId);
    },
    async isAgentOfSite(siteId: string, agentId: string): Promise<boolean> {
      const found = await agents.findById(agentId);
      return found !== null && found.siteId === siteId;
    },
    teams: (siteId: string) => routing.teams(siteId),
    async saveTeam(admin: Agent, input: { id?: string; name: string; memberIds: string[] }): Promise<Team> {
      requireAdmin(admin);
      const existing = await routing.teams(admin.siteId);
      if (input.id && !existing.some((t) => t.id === input.id)) throw new DomainError('not_found', 'Team not found');
      const members = await Promise.all([...new Set(input.memberIds)].map((id) => agents.findById(id)));
      if (members.some((m) => !m || m.siteId !== admin.siteId)) throw new DomainError('bad_request', 'Unknown agent in team');
      const team: Team = { id: input.id ?? newId('t'), name: input.name, memberIds: [...new Set(input.memberIds)] };
      await routing.saveTeam(admin.siteId, team);
      notifier.teamsChanged(admin.siteId, await routing.teams(admin.siteId));
      return team;
    },
    rules: (siteId: string) => routing.rules(siteId),
    async saveRules(admin: Agent, input: Array<Omit<RoutingRule, 'id'> & { id?: string }>): Promise<RoutingRule[]> {
      requireAdmin(admin);
      const teamIds = new Set((await routing.teams(admin.siteId)).map((t) => t.id));
      if (input.some((r) => !teamIds.has(r.teamId))) throw new DomainError('bad_request', 'Rule points to an unknown team');
      const rules = input.map((r) => ({ ...r, id: r.id ?? newId('r') }));
      await routing.saveRules(admin.siteId, rules);
      return rules;
    },
  };
}
