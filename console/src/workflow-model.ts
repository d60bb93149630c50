import type { AgentStatus, AgentSummary, CannedResponse, InboxCounts, ConversationNote, ConversationViewers, RoutingRule, Team } from '@hilo/shared';
import { observable } from './observable';

export interface WorkflowState {
  /** Every agent of the site with presence and load (for assign menus and the admin's overview). */
  agents: AgentSummary[];
  teams: Team[];
  rules: RoutingRule[];
  /** Internal notes of the open conversation. */
  notes: ConversationNote[];
  notesFor: string | null;
  canned: CannedResponse[];
  /** Who is in each conversation right now (collision warnings). */
  viewers: Record<string, ConversationViewers['viewers']>;
  /** Tab badges; null until the first answer. */
  counts: InboxCounts | null;
}

/** Team, presence and notes state beside the inbox; the workflow connection fills it. */
export function createWorkflowModel() {
  const state = observable<WorkflowState>({ agents: [], teams: [], rules: [], notes: [], notesFor: null, canned: [], viewers: {}, counts: null });
  return {
    state,
    setAgents(agents: AgentSummary[]): void {
      state.update((s) => ({ ...s, agents }));
    },
    setTeams(teams: Team[]): void {
      state.update((s) => ({ ...s, teams }));
    },
    setRules(rules: RoutingRule[]): void {
      state.update((s) => ({ ...s, rules }));
    },
    setNotes(conversationId: string, notes: ConversationNote[]): void {
      state.update((s) => ({ ...s, notesFor: conversationId, notes: [...notes].sort((a, b) => a.createdAt - b.createdAt) }));
    },
    /** A pushed or acknowledged note: kept once, only for the conversation on screen. */
    addNote(note: ConversationNote): void {
      const s = state.get();
      if (s.notesFor !== note.conversationId || s.notes.some((n) => n.id === note.id)) return;
      state.set({ ...s, notes: [...s.notes, note].sort((a, b) => a.createdAt - b.createdAt) });
    },
    setCounts(counts: InboxCounts): void {
      state.update((s) => ({ ...s, counts }));
    },
    setCanned(canned: CannedResponse[]): void {
      state.update((s) => ({ ...s, canned }));
    },
    setViewers({ conversationId, viewers }: ConversationViewers): void {
      state.update((s) => ({ ...s, viewers: { ...s.viewers, [conversationId]: viewers } }));
    },
    statusOf(agentId: string): AgentStatus {
      return state.get().agents.find((a) => a.id === agentId)?.status ?? 'offline';
    },
  };
}

export type WorkflowModel = ReturnType<typeof createWorkflowModel>;
