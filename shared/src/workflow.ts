import { z } from 'zod';
import type { AckCallback } from './ack.js';
import type { Agent, Conversation } from './domain.js';
import { CHANNELS, idSchema, messageTextSchema } from './domain.js';

/**
 * Conversation workflow (resolve, assign, transfer, notes, labels, snooze), routing (teams, rules,
 * queue, capacity), presence and inbox views: the agent-side protocol of issue 5.
 */

/** An internal note inside a conversation: stored apart from messages, so it can never reach the customer. */
export interface ConversationNote {
  id: string;
  conversationId: string;
  author: { id: string; name: string };
  text: string;
  createdAt: number;
}

export interface Team {
  id: string;
  name: string;
  memberIds: string[];
}

export const ROUTING_MATCHES = ['url', 'channel', 'keyword'] as const;
/** Sends a conversation to a team: page URL contains / channel equals / first message contains (case-insensitive). */
export interface RoutingRule {
  id: string;
  teamId: string;
  match: (typeof ROUTING_MATCHES)[number];
  value: string;
}

export const AGENT_STATUSES = ['online', 'away', 'offline'] as const;
export type AgentStatus = (typeof AGENT_STATUSES)[number];

/** An agent as the workspace lists them: presence and how many open conversations they hold. */
export interface AgentSummary extends Pick<Agent, 'id' | 'name' | 'role'> {
  status: AgentStatus;
  load: number;
  capacity: number;
}

export const INBOX_VIEWS = ['mine', 'unassigned', 'all', 'resolved', 'snoozed', 'team', 'label'] as const;
export type InboxViewName = (typeof INBOX_VIEWS)[number];
export const INBOX_SORTS = ['activity', 'waiting'] as const;
export type InboxSort = (typeof INBOX_SORTS)[number];

const labelSchema = z
  .string()
  .trim()
  .min(1)
  .max(32)
  .regex(/^[\p{L}\p{N} _-]+$/u, 'letters, digits, space, _ and - only')
  .transform((label) => label.toLowerCase());

const conversationRef = { conversationId: idSchema };

export const conversationRefSchema = z.object(conversationRef);
export type ConversationRef = z.input<typeof conversationRefSchema>;

export const conversationAssignSchema = z.object({ ...conversationRef, agentId: idSchema.nullable() });
export type ConversationAssign = z.input<typeof conversationAssignSchema>;

export const conversationTransferSchema = z
  .object({
    ...conversationRef,
    agentId: idSchema.optional(),
    teamId: idSchema.optional(),
    note: z.string().trim().max(2000).default(''),
  })
  .refine((t) => Boolean(t.agentId) !== Boolean(t.teamId), 'give exactly one of agentId and teamId');
export type ConversationTransfer = z.input<typeof conversationTransferSchema>;

export const conversationNoteSchema = z.object({ ...conversationRef, text: messageTextSchema });
export type ConversationNoteInput = z.input<typeof conversationNoteSchema>;

export const conversationLabelsSchema = z.object({ ...conversationRef, labels: z.array(labelSchema).max(10) });
export type ConversationLabels = z.input<typeof conversationLabelsSchema>;

export const conversationSnoozeSchema = z.object({ ...conversationRef, until: z.number().int().positive() });
export type ConversationSnooze = z.input<typeof conversationSnoozeSchema>;

export const inboxViewSchema = z.object({
  view: z.enum(INBOX_VIEWS).default('all'),
  teamId: idSchema.optional(),
  label: labelSchema.optional(),
  sort: z.enum(INBOX_SORTS).default('activity'),
  offset: z.number().int().min(0).max(1_000_000).default(0),
  limit: z.number().int().min(1).max(200).default(50),
});
export type InboxViewQuery = z.input<typeof inboxViewSchema>;
export interface InboxPage {
  conversations: Conversation[];
  /** How many conversations the view holds in all (for paging and counts). */
  total: number;
}

export type InboxCounts = Record<'mine' | 'unassigned' | 'all' | 'snoozed' | 'resolved', number>;

export const teamSaveSchema = z.object({
  id: idSchema.optional(),
  name: z.string().trim().min(1).max(60),
  memberIds: z.array(idSchema).max(500),
});
export type TeamSave = z.input<typeof teamSaveSchema>;

export const routingRuleSchema = z.object({
  id: idSchema.optional(),
  teamId: idSchema,
  match: z.enum(ROUTING_MATCHES),
  value: z.string().trim().min(1).max(200),
}).refine((r) => r.match !== 'channel' || (CHANNELS as readonly string[]).includes(r.value), 'channel must be chat, email or phone');
export const routingRulesSaveSchema = z.object({ rules: z.array(routingRuleSchema).max(100) });
export type RoutingRulesSave = z.input<typeof routingRulesSaveSchema>;

export const agentInviteSchema = z.object({
  email: z.string().trim().toLowerCase().email().max(254),
  name: z.string().trim().min(1).max(80),
  role: z.enum(['admin', 'agent']).default('agent'),
});
export type AgentInvite = z.input<typeof agentInviteSchema>;
export interface InviteCreated {
  /** One-time link for the invitee; shown to the admin once, only its hash is stored. */
  inviteUrl: string;
  expiresAt: number;
}
/** `POST /api/invites/accept`: the invitee sets a password and is signed in. */
export const inviteAcceptSchema = z.object({
  token: z.string().min(20).max(100).regex(/^[A-Za-z0-9_-]+$/),
  password: z.string().min(10, 'at least 10 characters').max(200),
});
export type InviteAccept = z.input<typeof inviteAcceptSchema>;
export const agentRoleSchema = z.object({ agentId: idSchema, role: z.enum(['admin', 'agent']) });

/** What an agent has open and whether they are typing in it, for collision warnings. */
export const conversationViewingSchema = z.object({ conversationId: idSchema.nullable(), typing: z.boolean().default(false) });
export type ConversationViewing = z.input<typeof conversationViewingSchema>;
export interface ConversationViewers {
  conversationId: string;
  viewers: Array<{ id: string; name: string; typing: boolean }>;
}

export interface CannedResponse {
  id: string;
  /** Typed after `/` in the reply box, e.g. `refund`. */
  shortcut: string;
  /** May hold placeholders: {{name}} (customer), {{agent}} (the agent replying). */
  text: string;
}
export const cannedSaveSchema = z.object({
  id: idSchema.optional(),
  shortcut: z.string().trim().toLowerCase().min(1).max(32).regex(/^[a-z0-9_-]+$/, 'letters, digits, _ and - only'),
  text: messageTextSchema,
});
export type CannedSave = z.input<typeof cannedSaveSchema>;

export const searchSchema = z.object({ query: z.string().trim().min(2).max(100) });
export interface SearchResults {
  conversations: Conversation[];
  contacts: Array<{ id: string; name: string | null; emails: string[]; phones: string[] }>;
}

export const agentStatusSchema = z.object({ status: z.enum(['online', 'away']) });
export const agentCapacitySchema = z.object({ agentId: idSchema, capacity: z.number().int().min(0).max(100) });

export interface WorkflowClientToServer {
  'conversation:resolve': (payload: ConversationRef, ack: AckCallback<Conversation>) => void;
  'conversation:reopen': (payload: ConversationRef, ack: AckCallback<Conversation>) => void;
  /** `agentId: null` unassigns (back to the queue). */
  'conversation:assign': (payload: ConversationAssign, ack: AckCallback<Conversation>) => void;
  'conversation:transfer': (payload: ConversationTransfer, ack: AckCallback<Conversation>) => void;
  'conversation:labels': (payload: ConversationLabels, ack: AckCallback<Conversation>) => void;
  'conversation:snooze': (payload: ConversationSnooze, ack: AckCallback<Conversation>) => void;
  'conversation:note': (payload: ConversationNoteInput, ack: AckCallback<ConversationNote>) => void;
  'conversation:notes': (payload: ConversationRef, ack: AckCallback<ConversationNote[]>) => void;
  'inbox:view': (payload: InboxViewQuery, ack: AckCallback<InboxPage>) => void;
  /** How many conversations each fixed view holds, for the tab badges. */
  'inbox:counts': (payload: Record<string, never>, ack: AckCallback<InboxCounts>) => void;
  'agents:list': (payload: Record<string, never>, ack: AckCallback<AgentSummary[]>) => void;
  'agent:status': (payload: { status: 'online' | 'away' }, ack: AckCallback<AgentSummary>) => void;
  /** Admins only. */
  'agent:capacity': (payload: { agentId: string; capacity: number }, ack: AckCallback<AgentSummary>) => void;
  /** Admins only. */
  'agent:invite': (payload: AgentInvite, ack: AckCallback<InviteCreated>) => void;
  /** Admins only; an admin cannot demote themselves (someone must stay admin). */
  'agent:role': (payload: { agentId: string; role: 'admin' | 'agent' }, ack: AckCallback<AgentSummary>) => void;
  'conversation:viewing': (payload: ConversationViewing, ack: AckCallback<null>) => void;
  'canned:list': (payload: Record<string, never>, ack: AckCallback<CannedResponse[]>) => void;
  /** Admins only. */
  'canned:save': (payload: CannedSave, ack: AckCallback<CannedResponse>) => void;
  /** Admins only. */
  'canned:delete': (payload: { id: string }, ack: AckCallback<null>) => void;
  /** Conversations and contacts by name, email, phone or message text. */
  search: (payload: { query: string }, ack: AckCallback<SearchResults>) => void;
  /** Admins only: the agent can no longer sign in, their sessions end and their conversations go back to the queue. */
  'agent:deactivate': (payload: { agentId: string }, ack: AckCallback<null>) => void;
  'teams:list': (payload: Record<string, never>, ack: AckCallback<Team[]>) => void;
  'team:save': (payload: TeamSave, ack: AckCallback<Team>) => void;
  'routing:rules': (payload: Record<string, never>, ack: AckCallback<RoutingRule[]>) => void;
  'routing:rules:save': (payload: RoutingRulesSave, ack: AckCallback<RoutingRule[]>) => void;
}

export interface WorkflowServerToClient {
  /** An internal note was added; agents only, never the visitor namespace. */
  'conversation:note': (note: ConversationNote) => void;
  /** Presence or load of the site's agents changed. */
  'agents:changed': (agents: AgentSummary[]) => void;
  'teams:changed': (teams: Team[]) => void;
  /** Who else has a conversation open or is typing in it. */
  'conversation:viewers': (viewers: ConversationViewers) => void;
  'canned:changed': (responses: CannedResponse[]) => void;
}
