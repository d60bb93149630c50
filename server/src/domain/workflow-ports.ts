import type { AgentStatus, AgentSummary, Conversation, ConversationNote, ConversationStatus, RoutingRule, Team } from '@hilo/shared';

/** Storage the routing and workflow services need; store/routing-store.ts and store/workflow-store.ts implement it. */

export type AssignMode = 'assign' | 'queue' | 'release' | 'enqueue-if-free';

export interface AgentStates {
  /** Agent id → last heartbeat of any of their tabs. */
  lastSeen: Map<string, number>;
  status: Map<string, 'online' | 'away'>;
  load: Map<string, number>;
  capacity: Map<string, number>;
}

export interface RoutingRepository {
  /** One atomic pass over the queue; returns what it assigned. */
  autoAssign(siteId: string, staleBefore: number, defaultCapacity: number): Promise<Array<{ conversationId: string; agentId: string }>>;
  /** Atomic change of one conversation's assignee and queue place; returns the previous assignee. */
  setAssignee(siteId: string, conversationId: string, agentId: string | null, mode: AssignMode, at: number, teamId: string | null): Promise<string | null>;
  assigneeOf(siteId: string, conversationId: string): Promise<string | null>;
  heartbeat(siteId: string, agentId: string, at: number): Promise<void>;
  leave(siteId: string, agentId: string): Promise<void>;
  setStatus(siteId: string, agentId: string, status: 'online' | 'away'): Promise<void>;
  setCapacity(siteId: string, agentId: string, capacity: number): Promise<void>;
  agentStates(siteId: string): Promise<AgentStates>;
  /** Agents who ever opened the console on this site. */
  knownAgents(siteId: string): Promise<string[]>;
  addKnownAgent(siteId: string, agentId: string): Promise<void>;
  teams(siteId: string): Promise<Team[]>;
  saveTeam(siteId: string, team: Team): Promise<void>;
  rules(siteId: string): Promise<RoutingRule[]>;
  saveRules(siteId: string, rules: RoutingRule[]): Promise<void>;
}

export interface WorkflowFields {
  status?: ConversationStatus;
  assigneeId?: string | null;
  teamId?: string | null;
  labels?: string[];
  snoozedUntil?: number | null;
  waitingSince?: number | null;
  updatedAt?: number;
  resolvedAt?: number | null;
}

export interface WorkflowRepository {
  setFields(conversationId: string, fields: WorkflowFields): Promise<void>;
  /** Puts the conversation in exactly the inbox views it belongs to now, and in its status's inbox. */
  reindex(conversation: Conversation): Promise<void>;
  /**
   * Re-indexes (views and status inbox) only while routing has the conversation, held by an agent or
   * waiting in the queue; false (and nothing changed) otherwise.
   */
  reindexIfRouted(conversation: Conversation): Promise<boolean>;
  viewPage(siteId: string, view: string, byWaiting: boolean, offset: number, limit: number): Promise<{ ids: string[]; total: number }>;
  viewSizes(siteId: string, views: string[]): Promise<number[]>;
  addNote(note: ConversationNote): Promise<void>;
  notes(conversationId: string, limit: number): Promise<ConversationNote[]>;
  snooze(siteId: string, conversationId: string, until: number): Promise<void>;
  unsnooze(siteId: string, conversationId: string): Promise<void>;
  /** Claims due snoozes: each is returned to exactly one caller, across processes. */
  claimDueSnoozes(now: number, limit: number): Promise<Array<{ siteId: string; conversationId: string }>>;
}

export interface WorkflowNotifier {
  noteAdded(siteId: string, note: ConversationNote): void;
  agentsChanged(siteId: string, agents: AgentSummary[]): void;
  teamsChanged(siteId: string, teams: Team[]): void;
}

export type { AgentStatus };
