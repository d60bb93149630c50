import {
  restAssignSchema,
  restConversationBodySchema,
  restConversationListSchema,
  restConversationPageSchema,
  restMessageBodySchema,
  restMessageListSchema,
  restMessagePageSchema,
  restNoteBodySchema,
  restNoteCreateSchema,
  restNoteListBodySchema,
  restReplySchema,
} from '@hilo/shared';
import type { ApiTokenService } from '../../../domain/api-token-service.js';
import type { ConversationService } from '../../../domain/conversation-service.js';
import { DomainError } from '../../../domain/errors.js';
import type { InboxPosition } from '../../../domain/ports.js';
import type { WorkflowService } from '../../../domain/workflow-service.js';
import { operation, type RestOperation } from './operation.js';

export interface ConversationOperationDeps {
  conversations: ConversationService;
  workflow: WorkflowService;
  tokens: Pick<ApiTokenService, 'actingAgent'>;
}

/** A page position as the caller sees it: opaque, URL-safe. */
export function encodeCursor(position: InboxPosition): string {
  return Buffer.from(`${position.at}.${position.id}`).toString('base64url');
}

export function decodeCursor(cursor: string): InboxPosition {
  const match = /^(\d{1,16})\.([A-Za-z0-9_-]{1,64})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!match?.[1] || !match[2]) throw new DomainError('bad_request', 'cursor: pass the nextCursor of an earlier page');
  return { at: Number(match[1]), id: match[2] };
}

const ACTING_AGENT =
  '`agentId` names the agent the API writes as: an active agent of the token\'s site, so routing, first-response times, reports and the customer see an ordinary agent reply.';

/** `/api/v1/conversations`: list, read, messages, reply, assign, resolve and internal notes. */
export function conversationOperations({ conversations, workflow, tokens }: ConversationOperationDeps): RestOperation[] {
  return [
    operation({
      method: 'get',
      path: '/conversations',
      operationId: 'listConversations',
      tag: 'Conversations',
      summary: 'List conversations',
      description: 'Newest activity first. Pass `nextCursor` back as `cursor` for the next page; a conversation with new activity meanwhile moves to the front of a fresh listing.',
      query: restConversationListSchema,
      status: 200,
      response: restConversationPageSchema,
      errors: ['bad_request'],
      handler: async ({ caller, query }) => {
        const page = await conversations.pageFor(caller.siteId, query.status, query.cursor ? decodeCursor(query.cursor) : null, query.limit);
        return { conversations: page.conversations, nextCursor: page.next ? encodeCursor(page.next) : null };
      },
    }),
    operation({
      method: 'get',
      path: '/conversations/:id',
      operationId: 'getConversation',
      tag: 'Conversations',
      summary: 'Read a conversation',
      status: 200,
      response: restConversationBodySchema,
      errors: ['bad_request', 'not_found'],
      handler: async ({ caller, params }) => ({ conversation: await conversations.getFor(caller.siteId, params.id) }),
    }),
    operation({
      method: 'get',
      path: '/conversations/:id/messages',
      operationId: 'listMessages',
      tag: 'Conversations',
      summary: "A conversation's messages",
      description: 'Oldest first, those with an order above `after` (at most 200). When `hasMore` is true, ask again with `after` = the last order returned.',
      query: restMessageListSchema,
      status: 200,
      response: restMessagePageSchema,
      errors: ['bad_request', 'not_found'],
      handler: async ({ caller, params, query }) => {
        const { messages, hasMore } = await conversations.openFor(caller.siteId, params.id, query.after);
        return { messages, hasMore };
      },
    }),
    operation({
      method: 'post',
      path: '/conversations/:id/messages',
      operationId: 'replyToConversation',
      tag: 'Conversations',
      summary: 'Reply to the customer',
      description: `${ACTING_AGENT} The reply reaches the widget live, or leaves by email for email conversations. Sending the same \`clientId\` again (from the same agent) stores nothing new and answers with the message stored the first time: retry freely.`,
      body: restReplySchema,
      status: 201,
      response: restMessageBodySchema,
      errors: ['bad_request', 'not_found'],
      handler: async ({ caller, params, body }) => {
        const agent = await tokens.actingAgent(caller, body.agentId);
        return { message: await conversations.agentSend(agent, params.id, { clientId: body.clientId, text: body.text }) };
      },
    }),
    operation({
      method: 'post',
      path: '/conversations/:id/assign',
      operationId: 'assignConversation',
      tag: 'Conversations',
      summary: 'Assign to an agent, or back to the queue',
      description: '`agentId: null` puts the conversation back in the queue. Only open conversations can be assigned (409 otherwise).',
      body: restAssignSchema,
      status: 200,
      response: restConversationBodySchema,
      errors: ['bad_request', 'not_found', 'conflict'],
      handler: async ({ caller, params, body }) => ({ conversation: await workflow.assignFor(caller.siteId, params.id, body.agentId) }),
    }),
    operation({
      method: 'post',
      path: '/conversations/:id/resolve',
      operationId: 'resolveConversation',
      tag: 'Conversations',
      summary: 'Resolve a conversation',
      description: 'Recorded as resolved by the API in reports. Resolving a resolved conversation changes nothing. Needs no body.',
      status: 200,
      response: restConversationBodySchema,
      errors: ['bad_request', 'not_found'],
      handler: async ({ caller, params }) => ({ conversation: await workflow.resolveFor(caller.siteId, params.id, 'api') }),
    }),
    operation({
      method: 'get',
      path: '/conversations/:id/notes',
      operationId: 'listNotes',
      tag: 'Conversations',
      summary: "A conversation's internal notes",
      status: 200,
      response: restNoteListBodySchema,
      errors: ['bad_request', 'not_found'],
      handler: async ({ caller, params }) => ({ notes: await workflow.notesFor(caller.siteId, params.id) }),
    }),
    operation({
      method: 'post',
      path: '/conversations/:id/notes',
      operationId: 'addNote',
      tag: 'Conversations',
      summary: 'Add an internal note',
      description: `Agents see notes; the customer never does. ${ACTING_AGENT}`,
      body: restNoteCreateSchema,
      status: 201,
      response: restNoteBodySchema,
      errors: ['bad_request', 'not_found'],
      handler: async ({ caller, params, body }) => {
        const agent = await tokens.actingAgent(caller, body.agentId);
        return { note: await workflow.addNote(agent, params.id, body.text) };
      },
    }),
  ];
}
