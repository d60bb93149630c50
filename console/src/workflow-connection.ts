import type { Ack, Agent, AgentRole, AgentSummary, CannedResponse, Conversation, ConversationNote, InviteCreated, RoutingRule, SearchResults, Team } from '@hilo/shared';
import type { AgentConnection } from './agent-connection';
import type { ConversationModel } from './conversation-model';
import type { InboxModel } from './inbox-model';
import type { WorkflowModel } from './workflow-model';

export interface WorkflowConnectionDeps {
  connection: Pick<AgentConnection, 'request' | 'onPush' | 'onResync'>;
  workflow: WorkflowModel;
  inbox: InboxModel;
  conversation: ConversationModel;
  agent: Agent;
}

export type TransferTarget = { agentId: string } | { teamId: string };

/**
 * Workflow requests (resolve, assign, transfer, notes, labels, snooze, presence, teams, rules) over the
 * socket the agent connection owns; their pushes land in the workflow model.
 */
export function createWorkflowConnection({ connection, workflow, inbox, conversation, agent }: WorkflowConnectionDeps) {
  const { request, onPush, onResync } = connection;

  async function loadNotes(conversationId: string): Promise<void> {
    const answer = await request('conversation:notes', { conversationId });
    if (answer.ok && conversation.state.get().id === conversationId) workflow.setNotes(conversationId, answer.data);
  }

  async function loadDirectory(): Promise<void> {
    const [agents, teams, canned] = await Promise.all([request('agents:list', {}), request('teams:list', {}), request('canned:list', {})]);
    if (agents.ok) workflow.setAgents(agents.data);
    if (teams.ok) workflow.setTeams(teams.data);
    if (canned.ok) workflow.setCanned(canned.data);
    if (agent.role === 'admin') {
      const rules = await request('routing:rules', {});
      if (rules.ok) workflow.setRules(rules.data);
    }
  }

  /** The ack carries the changed conversation: show it now rather than waiting for the push. */
  function applied(answer: Ack<Conversation>): Ack<Conversation> {
    if (answer.ok) {
      inbox.upsert(answer.data);
      conversation.setConversation(answer.data);
    }
    return answer;
  }

  onPush('conversation:note', (note) => workflow.addNote(note));
  onPush('agents:changed', (agents) => workflow.setAgents(agents));
  onPush('teams:changed', (teams) => workflow.setTeams(teams));
  onPush('canned:changed', (canned) => workflow.setCanned(canned));

  // Tab counts follow changes, at most one request per second however busy the site is.
  const COUNTS_EVERY_MS = 1000;
  let countsTimer: ReturnType<typeof setTimeout> | undefined;
  async function loadCounts(): Promise<void> {
    const answer = await request('inbox:counts', {});
    if (answer.ok) workflow.setCounts(answer.data);
  }
  function countsSoon(): void {
    countsTimer ??= setTimeout(() => {
      countsTimer = undefined;
      void loadCounts();
    }, COUNTS_EVERY_MS);
  }
  onPush('conversation:updated', countsSoon);
  onPush('conversation:viewers', (viewers) => workflow.setViewers(viewers));

  // Collision warnings: tell the others what this tab has open, and when the agent types in it.
  let viewing: string | null = null;
  let typing = false;
  let typingTimer: ReturnType<typeof setTimeout> | undefined;
  const TYPING_IDLE_MS = 4000;
  function announce(): void {
    void request('conversation:viewing', { conversationId: viewing, typing });
  }

  onResync(() => {
    void loadDirectory();
    void loadCounts();
    const id = conversation.state.get().id;
    if (id) void loadNotes(id);
    if (viewing) announce();
  });
  conversation.state.subscribe(() => {
    const id = conversation.state.get().id;
    if (id && workflow.state.get().notesFor !== id) {
      workflow.setNotes(id, []);
      void loadNotes(id);
    }
    if (id !== viewing) {
      viewing = id;
      typing = false;
      clearTimeout(typingTimer);
      announce();
    }
  });

  const act = async (event: 'conversation:resolve' | 'conversation:reopen', conversationId: string) => applied(await request(event, { conversationId }));

  return {
    /** Called on each keystroke in the composer; tells others once, and again when the agent stops. */
    typing(): void {
      clearTimeout(typingTimer);
      typingTimer = setTimeout(() => {
        typing = false;
        announce();
      }, TYPING_IDLE_MS);
      if (typing || !viewing) return;
      typing = true;
      announce();
    },
    /** The reply left: others should not keep seeing "typing". */
    stopTyping(): void {
      clearTimeout(typingTimer);
      if (!typing) return;
      typing = false;
      announce();
    },
    async search(query: string): Promise<Ack<SearchResults>> {
      return request('search', { query });
    },
    async saveCanned(input: { id?: string; shortcut: string; text: string }): Promise<Ack<CannedResponse>> {
      return request('canned:save', input);
    },
    async deleteCanned(id: string): Promise<Ack<null>> {
      return request('canned:delete', { id });
    },
    resolve: (conversationId: string) => act('conversation:resolve', conversationId),
    reopen: (conversationId: string) => act('conversation:reopen', conversationId),
    async assign(conversationId: string, agentId: string | null): Promise<Ack<Conversation>> {
      return applied(await request('conversation:assign', { conversationId, agentId }));
    },
    async transfer(conversationId: string, target: TransferTarget, note: string): Promise<Ack<Conversation>> {
      return applied(await request('conversation:transfer', { conversationId, ...target, note }));
    },
    async setLabels(conversationId: string, labels: string[]): Promise<Ack<Conversation>> {
      return applied(await request('conversation:labels', { conversationId, labels }));
    },
    async snooze(conversationId: string, until: number): Promise<Ack<Conversation>> {
      return applied(await request('conversation:snooze', { conversationId, until }));
    },
    async addNote(conversationId: string, text: string): Promise<Ack<ConversationNote>> {
      const answer = await request('conversation:note', { conversationId, text });
      if (answer.ok) workflow.addNote(answer.data);
      return answer;
    },
    async setStatus(status: 'online' | 'away'): Promise<Ack<AgentSummary>> {
      return request('agent:status', { status });
    },
    async setCapacity(agentId: string, capacity: number): Promise<Ack<AgentSummary>> {
      return request('agent:capacity', { agentId, capacity });
    },
    invite(input: { email: string; name: string; role: AgentRole }): Promise<Ack<InviteCreated>> {
      return request('agent:invite', input);
    },
    deactivate(agentId: string): Promise<Ack<null>> {
      return request('agent:deactivate', { agentId });
    },
    setRole(agentId: string, role: AgentRole): Promise<Ack<AgentSummary>> {
      return request('agent:role', { agentId, role });
    },
    async saveTeam(team: { id?: string; name: string; memberIds: string[] }): Promise<Ack<Team>> {
      const answer = await request('team:save', team);
      if (answer.ok) void loadDirectory();
      return answer;
    },
    async saveRules(rules: Array<Omit<RoutingRule, 'id'> & { id?: string }>): Promise<Ack<RoutingRule[]>> {
      const answer = await request('routing:rules:save', { rules });
      if (answer.ok) workflow.setRules(answer.data);
      return answer;
    },
  };
}

export type WorkflowConnection = ReturnType<typeof createWorkflowConnection>;
