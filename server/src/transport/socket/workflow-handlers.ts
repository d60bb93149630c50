import {
  agentCapacitySchema,
  agentInviteSchema,
  agentRoleSchema,
  agentStatusSchema,
  conversationAssignSchema,
  conversationLabelsSchema,
  conversationNoteSchema,
  conversationRefSchema,
  conversationSnoozeSchema,
  conversationTransferSchema,
  inboxViewSchema,
  routingRulesSaveSchema,
  teamSaveSchema,
} from '@hilo/shared';
import { idSchema } from '@hilo/shared';
import { z } from 'zod';
import type { Agent } from '@hilo/shared';
import { DomainError } from '../../domain/errors.js';
import { HEARTBEAT_MS, type RoutingService } from '../../domain/routing-service.js';
import type { InviteService } from '../../domain/invite-service.js';
import type { WorkflowNotifier } from '../../domain/workflow-ports.js';
import type { WorkflowService } from '../../domain/workflow-service.js';
import type { Logger } from '../../logger.js';
import { handle } from './handle.js';
import { rooms } from './rooms.js';
import type { AgentNamespace, AgentSocket } from './typed-namespaces.js';

const empty = z.object({}).strict().default({});
/** Every tab of one agent, on any process: "offline" means this room is empty everywhere. */
const agentRoom = (agentId: string) => `agent:${agentId}`;

export function createWorkflowNotifier(agents: AgentNamespace): WorkflowNotifier {
  return {
    noteAdded: (siteId, note) => agents.to(rooms.siteAgents(siteId)).emit('conversation:note', note),
    agentsChanged: (siteId, list) => agents.to(rooms.siteAgents(siteId)).emit('agents:changed', list),
    teamsChanged: (siteId, teams) => agents.to(rooms.siteAgents(siteId)).emit('teams:changed', teams),
  };
}

export interface WorkflowTransportDeps {
  agents: AgentNamespace;
  routing: RoutingService;
  workflow: WorkflowService;
  invites: InviteService;
  logger: Logger;
  tickMs?: number;
}

/**
 * Agent events of the workflow (issue 5) plus this process's share of the background work:
 * heartbeats for its connected agents, waking due snoozes, and running the queue.
 */
export function createWorkflowTransport({ agents, routing, workflow, invites, logger, tickMs = 5000 }: WorkflowTransportDeps) {
  /** Agents with at least one tab on this process (by id), for heartbeats and queue runs. */
  const local = new Map<string, { agent: Agent; tabs: number }>();
  let timer: ReturnType<typeof setInterval> | undefined;
  let lastBeat = 0;
  const warn = (what: string) => (err: unknown) => logger.warn({ err }, what);

  async function tick(): Promise<void> {
    await workflow.sweepSnoozes();
    const beat = Date.now() - lastBeat >= HEARTBEAT_MS;
    if (beat) lastBeat = Date.now();
    const sites = new Set<string>();
    for (const { agent } of local.values()) {
      sites.add(agent.siteId);
      if (beat) await routing.heartbeat(agent);
    }
    for (const siteId of sites) await workflow.pump(siteId);
  }

  function onConnection(socket: AgentSocket): void {
    const { agent } = socket.data;
    void socket.join(agentRoom(agent.id));
    const held = local.get(agent.id);
    local.set(agent.id, { agent, tabs: (held?.tabs ?? 0) + 1 });
    routing
      .connected(agent)
      .then(() => workflow.pump(agent.siteId))
      .then(() => routing.broadcastAgents(agent.siteId))
      .catch(warn('agent presence update failed'));

    socket.on('disconnect', () => {
      const entry = local.get(agent.id);
      if (entry && entry.tabs > 1) local.set(agent.id, { ...entry, tabs: entry.tabs - 1 });
      else local.delete(agent.id);
      agents
        .in(agentRoom(agent.id))
        .fetchSockets()
        .then(async (tabs) => {
          if (tabs.length > 0) return;
          await routing.left(agent);
          await routing.broadcastAgents(agent.siteId);
        })
        .catch(warn('agent offline update failed'));
    });

    socket.on('conversation:resolve', handle(conversationRefSchema, logger, (i) => workflow.resolve(agent, i.conversationId)));
    socket.on('conversation:reopen', handle(conversationRefSchema, logger, (i) => workflow.reopen(agent, i.conversationId)));
    socket.on('conversation:assign', handle(conversationAssignSchema, logger, (i) => workflow.assign(agent, i.conversationId, i.agentId)));
    socket.on('conversation:transfer', handle(conversationTransferSchema, logger, (i) => workflow.transfer(agent, i)));
    socket.on('conversation:labels', handle(conversationLabelsSchema, logger, (i) => workflow.setLabels(agent, i.conversationId, i.labels)));
    socket.on('conversation:snooze', handle(conversationSnoozeSchema, logger, (i) => workflow.snooze(agent, i.conversationId, i.until)));
    socket.on('conversation:note', handle(conversationNoteSchema, logger, (i) => workflow.addNote(agent, i.conversationId, i.text)));
    socket.on('conversation:notes', handle(conversationRefSchema, logger, (i) => workflow.notes(agent, i.conversationId)));
    socket.on('inbox:view', handle(inboxViewSchema, logger, (q) => workflow.view(agent, q)));
    socket.on('inbox:counts', handle(empty, logger, () => workflow.counts(agent)));
    socket.on('agents:list', handle(empty, logger, () => routing.summaries(agent.siteId)));
    socket.on(
      'agent:status',
      handle(agentStatusSchema, logger, async ({ status }) => {
        const summary = await routing.setStatus(agent, status);
        if (status === 'online') await workflow.pump(agent.siteId);
        return summary;
      }),
    );
    socket.on(
      'agent:capacity',
      handle(agentCapacitySchema, logger, async ({ agentId, capacity }) => {
        const summary = await routing.setCapacity(agent, agentId, capacity);
        await workflow.pump(agent.siteId);
        return summary;
      }),
    );
    socket.on('agent:invite', handle(agentInviteSchema, logger, (input) => invites.invite(agent, input)));
    socket.on(
      'agent:role',
      handle(agentRoleSchema, logger, async ({ agentId, role }) => {
        await invites.setRole(agent, agentId, role);
        const found = (await routing.broadcastAgents(agent.siteId)).find((a) => a.id === agentId);
        if (!found) throw new DomainError('not_found', 'Agent not found');
        return found;
      }),
    );
    socket.on(
      'agent:deactivate',
      handle(z.object({ agentId: idSchema }), logger, async ({ agentId }) => {
        await invites.deactivate(agent, agentId);
        agents.in(agentRoom(agentId)).disconnectSockets(true);
        await routing.left({ ...agent, id: agentId });
        await workflow.releaseAgent(agent.siteId, agentId);
        await routing.broadcastAgents(agent.siteId);
        return null;
      }),
    );
    socket.on('teams:list', handle(empty, logger, () => routing.teams(agent.siteId)));
    socket.on('team:save', handle(teamSaveSchema, logger, (input) => routing.saveTeam(agent, input)));
    socket.on('routing:rules', handle(empty, logger, () => routing.rules(agent.siteId)));
    socket.on('routing:rules:save', handle(routingRulesSaveSchema, logger, ({ rules }) => routing.saveRules(agent, rules)));
  }

  return {
    onConnection,
    start(): void {
      timer ??= setInterval(() => void tick().catch(warn('workflow tick failed')), tickMs);
      timer.unref();
    },
    stop(): void {
      clearInterval(timer);
      timer = undefined;
    },
  };
}
