import type { Agent, Conversation, ConversationNote, InboxCounts, InboxPage, InboxSort, InboxViewName, Message } from '@hilo/shared';
import { type ActivityPort, conversationFacts, noActivity } from './activity.js';
import { DomainError } from './errors.js';
import { newId } from './ids.js';
import type { ConversationNotifier, ConversationRepository, VisitorRepository } from './ports.js';
import { matchTeam } from './routing-rules.js';
import type { RoutingService } from './routing-service.js';
import type { RoutingRepository, WorkflowFields, WorkflowNotifier, WorkflowRepository } from './workflow-ports.js';

export interface WorkflowServiceDeps {
  conversations: Pick<ConversationRepository, 'get'>;
  workflow: WorkflowRepository;
  routing: RoutingService;
  /** The atomic assignee changes (Lua); the service keeps the conversation hash in step with them. */
  assignees: Pick<RoutingRepository, 'setAssignee' | 'assigneeOf'>;
  visitors: Pick<VisitorRepository, 'state'>;
  notifier: Pick<ConversationNotifier, 'conversationUpdated'>;
  workflowNotifier: WorkflowNotifier;
  activity?: ActivityPort;
  now?: () => number;
}

export type WorkflowService = ReturnType<typeof createWorkflowService>;

const NOTES_LIMIT = 500;
const OPEN_VIEWS: readonly InboxViewName[] = ['mine', 'unassigned', 'all', 'team'];

/**
 * Resolve, reopen, assign, transfer, labels, snooze, internal notes and inbox views. Assignments go
 * through the routing scripts first (the single source of truth), then onto the conversation.
 */
export function createWorkflowService(deps: WorkflowServiceDeps) {
  const { conversations, workflow, routing, assignees, visitors, notifier, workflowNotifier, activity = noActivity, now = Date.now } = deps;

  async function load(agent: Pick<Agent, 'siteId'>, conversationId: string): Promise<Conversation> {
    const conversation = await conversations.get(conversationId);
    if (!conversation || conversation.siteId !== agent.siteId) throw new DomainError('not_found', 'Conversation not found');
    return conversation;
  }

  /** Writes the change, re-indexes every inbox view (and the status inbox) and tells every console. */
  async function commit(id: string, fields: WorkflowFields): Promise<Conversation> {
    await workflow.setFields(id, fields);
    const fresh = await conversations.get(id);
    if (!fresh) throw new DomainError('not_found', 'Conversation not found');
    await workflow.reindex(fresh);
    notifier.conversationUpdated(fresh);
    return fresh;
  }

  function recordAssigned(c: Conversation): Promise<void> {
    return activity.record({ type: 'conversation.assigned', ...conversationFacts(c) });
  }

  /** Resolves as an agent, the answer bot (a deflection) or an API client; the holder is recorded for reports. */
  async function resolveConversation(c: Conversation, by: 'agent' | 'bot' | 'api'): Promise<Conversation> {
    if (c.status === 'resolved') return c;
    await assignees.setAssignee(c.siteId, c.id, null, 'release', now(), null);
    await workflow.unsnooze(c.siteId, c.id);
    const at = now();
    const updated = await commit(c.id, { status: 'resolved', resolvedAt: at, updatedAt: at, snoozedUntil: null, waitingSince: null });
    await activity.record({ type: 'conversation.resolved', ...conversationFacts(c), createdAt: c.createdAt, by, humanReplied: c.firstResponseAt !== null, at });
    await pump(c.siteId);
    await routing.broadcastAgents(c.siteId);
    return updated;
  }

  /** Runs the queue once and applies what it assigned; capacity or presence may have changed. */
  async function pump(siteId: string): Promise<void> {
    const assigned = await routing.autoAssign(siteId);
    for (const { conversationId, agentId } of assigned) await recordAssigned(await commit(conversationId, { assigneeId: agentId }));
    if (assigned.length) await routing.broadcastAgents(siteId);
  }

  async function assignTo(c: Conversation, agentId: string | null, teamId: string | null): Promise<Conversation> {
    if (agentId && !(await routing.isAgentOfSite(c.siteId, agentId))) throw new DomainError('not_found', 'Agent not found');
    await assignees.setAssignee(c.siteId, c.id, agentId, agentId ? 'assign' : 'queue', now(), teamId);
    const updated = await commit(c.id, { assigneeId: agentId, teamId });
    if (agentId) await recordAssigned(updated);
    await routing.broadcastAgents(c.siteId);
    if (!agentId) await pump(c.siteId);
    return (await conversations.get(c.id)) ?? updated;
  }

  async function note(agent: Agent, conversationId: string, text: string): Promise<ConversationNote> {
    const stored: ConversationNote = { id: newId('n'), conversationId, author: { id: agent.id, name: agent.name }, text, createdAt: now() };
    await workflow.addNote(stored);
    workflowNotifier.noteAdded(agent.siteId, stored);
    return stored;
  }

  async function assignIn(siteId: string, conversationId: string, agentId: string | null): Promise<Conversation> {
    const c = await load({ siteId }, conversationId);
    if (c.status !== 'open') throw new DomainError('conflict', 'Reopen the conversation before assigning it');
    return assignTo(c, agentId, c.teamId ?? null);
  }

  /** Back to open: to the agent who held it when they still exist, otherwise to the queue. */
  async function backToOpen(c: Conversation, fields: WorkflowFields): Promise<Conversation> {
    const keeper = c.assigneeId && (await routing.isAgentOfSite(c.siteId, c.assigneeId)) ? c.assigneeId : null;
    await assignees.setAssignee(c.siteId, c.id, keeper, keeper ? 'assign' : 'queue', now(), c.teamId ?? null);
    const updated = await commit(c.id, { ...fields, status: 'open', snoozedUntil: null, resolvedAt: null, assigneeId: keeper });
    if (c.status === 'resolved') await activity.record({ type: 'conversation.reopened', ...conversationFacts(updated) });
    await pump(c.siteId);
    return updated;
  }

  return {
    pump,

    async resolve(agent: Agent, conversationId: string): Promise<Conversation> {
      return resolveConversation(await load(agent, conversationId), 'agent');
    },

    /** For the answer bot and the REST API, which act for a site rather than as an agent. */
    async resolveFor(siteId: string, conversationId: string, by: 'bot' | 'api'): Promise<Conversation> {
      const c = await conversations.get(conversationId);
      if (!c || c.siteId !== siteId) throw new DomainError('not_found', 'Conversation not found');
      return resolveConversation(c, by);
    },

    async reopen(agent: Agent, conversationId: string): Promise<Conversation> {
      const c = await load(agent, conversationId);
      if (c.status === 'open') return c;
      await workflow.unsnooze(c.siteId, c.id);
      return backToOpen(c, { updatedAt: now() });
    },

    assign: (agent: Agent, conversationId: string, agentId: string | null): Promise<Conversation> => assignIn(agent.siteId, conversationId, agentId),

    /** For the REST API, which acts for a site rather than as an agent. */
    assignFor: assignIn,

    async transfer(agent: Agent, input: { conversationId: string; agentId?: string; teamId?: string; note: string }): Promise<Conversation> {
      const c = await load(agent, input.conversationId);
      if (c.status !== 'open') throw new DomainError('conflict', 'Reopen the conversation before transferring it');
      let target: string;
      if (input.teamId) {
        const team = (await routing.teams(agent.siteId)).find((t) => t.id === input.teamId);
        if (!team) throw new DomainError('not_found', 'Team not found');
        target = `team ${team.name}`;
      } else {
        const summary = (await routing.summaries(agent.siteId)).find((a) => a.id === input.agentId);
        if (!summary) throw new DomainError('not_found', 'Agent not found');
        target = summary.name;
      }
      const updated = input.teamId ? await assignTo(c, null, input.teamId) : await assignTo(c, input.agentId ?? null, c.teamId ?? null);
      await note(agent, c.id, `Transferred to ${target}${input.note ? `: ${input.note}` : ''}`);
      return updated;
    },

    async setLabels(agent: Agent, conversationId: string, labels: string[]): Promise<Conversation> {
      await load(agent, conversationId);
      return commit(conversationId, { labels: [...new Set(labels)] });
    },

    async snooze(agent: Agent, conversationId: string, until: number): Promise<Conversation> {
      const c = await load(agent, conversationId);
      if (until <= now()) throw new DomainError('bad_request', 'Snooze until a time in the future');
      if (c.status === 'resolved') throw new DomainError('conflict', 'Reopen the conversation before snoozing it');
      // The agent keeps it (shown as theirs) but it stops counting against their capacity meanwhile.
      await assignees.setAssignee(c.siteId, c.id, null, 'release', now(), null);
      await workflow.snooze(c.siteId, c.id, until);
      const updated = await commit(c.id, { status: 'pending', snoozedUntil: until });
      await pump(c.siteId);
      await routing.broadcastAgents(c.siteId);
      return updated;
    },

    /** An agent left for good: their open conversations go back to the queue (snoozed ones wake unassigned). */
    async releaseAgent(siteId: string, agentId: string): Promise<number> {
      const { ids } = await workflow.viewPage(siteId, `agent:${agentId}`, false, 0, 10_000);
      for (const id of ids) {
        const c = await conversations.get(id);
        if (c?.status === 'open' && c.assigneeId === agentId) await assignTo(c, null, c.teamId ?? null);
      }
      return ids.length;
    },

    /** Wakes snoozes that are due; every process runs this, each snooze wakes once. */
    async sweepSnoozes(): Promise<number> {
      const due = await workflow.claimDueSnoozes(now(), 100);
      for (const { conversationId } of due) {
        const c = await conversations.get(conversationId);
        if (c && c.status === 'pending') await backToOpen(c, { updatedAt: now() });
      }
      return due.length;
    },

    addNote: (agent: Agent, conversationId: string, text: string) => load(agent, conversationId).then(() => note(agent, conversationId, text)),

    async notesFor(siteId: string, conversationId: string): Promise<ConversationNote[]> {
      await load({ siteId }, conversationId);
      return workflow.notes(conversationId, NOTES_LIMIT);
    },

    async notes(agent: Agent, conversationId: string): Promise<ConversationNote[]> {
      await load(agent, conversationId);
      return workflow.notes(conversationId, NOTES_LIMIT);
    },

    async view(agent: Agent, q: { view: InboxViewName; teamId?: string; label?: string; sort: InboxSort; offset: number; limit: number }): Promise<InboxPage> {
      const name = viewKey(agent, q);
      const byWaiting = q.sort === 'waiting' && OPEN_VIEWS.includes(q.view);
      const { ids, total } = await workflow.viewPage(agent.siteId, name, byWaiting, q.offset, q.limit);
      const rows = await Promise.all(ids.map((id) => conversations.get(id)));
      return { conversations: rows.filter((c): c is Conversation => c !== null && c.siteId === agent.siteId), total };
    },

    async counts(agent: Agent): Promise<InboxCounts> {
      const [mine = 0, unassigned = 0, all = 0, snoozed = 0, resolved = 0] = await workflow.viewSizes(agent.siteId, [`agent:${agent.id}`, 'unassigned', 'all', 'snoozed', 'resolved']);
      return { mine, unassigned, all, snoozed, resolved };
    },

    /** Called by the conversation service after every stored message. */
    async onMessage(conversation: Conversation, message: Message): Promise<void> {
      // The conversation service hands over the conversation it read right after storing the message.
      const c = conversation;
      if (message.author.kind === 'agent') {
        await (c.waitingSince ? commit(c.id, { waitingSince: null }) : workflow.reindex(c));
        return;
      }
      if (message.author.kind !== 'visitor') return workflow.reindex(c);
      const fields: WorkflowFields = c.waitingSince ? {} : { waitingSince: message.createdAt };
      if (message.order === 1) {
        const url = c.visitorId ? (await visitors.state(c.siteId, c.visitorId)).url : null;
        const teamId = matchTeam(await routing.rules(c.siteId), { url, channel: c.channel, text: message.text });
        if (teamId) fields.teamId = teamId;
      }
      if (c.status === 'pending') {
        await workflow.unsnooze(c.siteId, c.id);
        await backToOpen({ ...c, teamId: fields.teamId ?? c.teamId ?? null }, fields);
        return;
      }
      const unchanged = Object.keys(fields).length === 0;
      // The common cases, a further message in a held or a queued conversation, in one round trip. A
      // queued one does not run the queue: a message frees no capacity, and the queue already runs on
      // every change of capacity or presence and every few seconds (workflow-handlers.ts).
      if (unchanged && (await workflow.reindexIfRouted(c))) return;
      const held = await assignees.assigneeOf(c.siteId, c.id);
      if (!held) {
        // New, or reopened by the customer after being resolved: back to its agent, else to the queue.
        const keeper = c.assigneeId && (await routing.isAgentOfSite(c.siteId, c.assigneeId)) ? c.assigneeId : null;
        await assignees.setAssignee(c.siteId, c.id, keeper, keeper ? 'assign' : 'enqueue-if-free', message.createdAt, fields.teamId ?? c.teamId ?? null);
      }
      // A message that changes no workflow field changes only the activity, which the conversation
      // service already indexed and announced with the message: the views alone need the new score.
      if (unchanged) await workflow.reindex(c);
      else await commit(c.id, fields);
      if (!held) await pump(c.siteId);
    },
  };
}

function viewKey(agent: Agent, q: { view: InboxViewName; teamId?: string; label?: string }): string {
  switch (q.view) {
    case 'mine':
      return `agent:${agent.id}`;
    case 'team':
      if (!q.teamId) throw new DomainError('bad_request', 'teamId is required for the team view');
      return `team:${q.teamId}`;
    case 'label':
      if (!q.label) throw new DomainError('bad_request', 'label is required for the label view');
      return `label:${q.label}`;
    default:
      return q.view;
  }
}
