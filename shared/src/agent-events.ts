import { z } from 'zod';
import type { AckCallback } from './ack.js';
import type { Call, CallLogInput, Contact, ContactMergeInput, ContactProfile, Note, NoteAddInput, TimelineEntry } from './contact.js';
import type { Conversation, ConversationHistory, Message } from './domain.js';
import { CONVERSATION_STATUSES, afterOrderSchema, clientIdSchema, idSchema, messageTextSchema } from './domain.js';
import { LIMITS } from './limits.js';
import type { WorkflowClientToServer, WorkflowServerToClient } from './workflow.js';
import type { AfterChatAgentClientToServer, AfterChatAgentServerToClient } from './after-chat.js';
import type { ChatSignalsAgentClientToServer, ChatSignalsAgentServerToClient } from './chat-signals.js';
import type { ResyncServerToClient } from './resync.js';

export const inboxListSchema = z.object({
  status: z.enum(CONVERSATION_STATUSES).default('open'),
  limit: z.number().int().min(1).max(LIMITS.inboxPage).default(50),
});
export type InboxList = z.input<typeof inboxListSchema>;

export const conversationOpenSchema = z.object({
  conversationId: idSchema,
  afterOrder: afterOrderSchema.default(0),
});
export type ConversationOpen = z.input<typeof conversationOpenSchema>;

export const agentSendSchema = z.object({
  conversationId: idSchema,
  clientId: clientIdSchema,
  text: messageTextSchema,
});
export type AgentSend = z.infer<typeof agentSendSchema>;

/** Events the console sends. */
export interface AgentClientToServer extends WorkflowClientToServer, ChatSignalsAgentClientToServer, AfterChatAgentClientToServer {
  'inbox:list': (payload: InboxList, ack: AckCallback<Conversation[]>) => void;
  /** History of one conversation after `afterOrder` (0 for all); also used to catch up after reconnect. */
  'conversation:open': (payload: ConversationOpen, ack: AckCallback<ConversationHistory>) => void;
  /** Reply in any conversation; in an email conversation the reply also leaves by email. */
  'message:send': (payload: AgentSend, ack: AckCallback<Message>) => void;
  'contact:get': (payload: { contactId: string }, ack: AckCallback<ContactProfile>) => void;
  /** Everything on one customer across channels, newest first. */
  'timeline:get': (payload: { contactId: string }, ack: AckCallback<TimelineEntry[]>) => void;
  /** Moves everything of `mergedId` onto `survivorId`; refused when verified identities conflict. */
  'contact:merge': (payload: ContactMergeInput, ack: AckCallback<Contact>) => void;
  'note:add': (payload: NoteAddInput, ack: AckCallback<Note>) => void;
  'call:log': (payload: CallLogInput, ack: AckCallback<Call>) => void;
}

/** Events the server sends to every agent of the site. */
export interface AgentServerToClient extends WorkflowServerToClient, ChatSignalsAgentServerToClient, AfterChatAgentServerToClient, ResyncServerToClient {
  /** A conversation was created or changed (new message, status, assignee). */
  'conversation:updated': (conversation: Conversation) => void;
  /**
   * A new message, with its conversation as it stands after it (present from the server: one push
   * instead of a `message:new` plus a `conversation:updated` per message).
   */
  'message:new': (message: Message, conversation?: Conversation) => void;
  /** A stored message changed (email delivery state). */
  'message:updated': (message: Message) => void;
  'contact:updated': (contact: Contact) => void;
  /** Something was added to this customer's timeline; refetch it if it is on screen. */
  'timeline:changed': (change: { contactId: string }) => void;
}
