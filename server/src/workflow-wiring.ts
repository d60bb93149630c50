import type { Conversation, Message } from '@hilo/shared';
import type { ActivityPort } from './domain/activity.js';
import { createCannedService } from './domain/canned-service.js';
import { createInviteService } from './domain/invite-service.js';
import type { AgentRepository, ContactRepository, ConversationNotifier, ConversationRepository, VisitorRepository } from './domain/ports.js';
import { createRoutingService } from './domain/routing-service.js';
import { createSearchService } from './domain/search-service.js';
import { createWorkflowService } from './domain/workflow-service.js';
import type { Logger } from './logger.js';
import { createCannedStore } from './store/canned-store.js';
import { createInviteStore } from './store/invite-store.js';
import type { RedisClient } from './store/redis-client.js';
import { createRoutingStore } from './store/routing-store.js';
import { createSearchStore } from './store/search-store.js';
import { createWorkflowStore } from './store/workflow-store.js';
import { createAssistHandlers } from './transport/socket/assist-handlers.js';
import { rooms } from './transport/socket/rooms.js';
import type { AgentNamespace, AgentSocket } from './transport/socket/typed-namespaces.js';
import { createWorkflowNotifier, createWorkflowTransport } from './transport/socket/workflow-handlers.js';

export interface WorkflowWiringDeps {
  redis: RedisClient;
  agents: AgentNamespace;
  agentStore: AgentRepository;
  conversationStore: ConversationRepository;
  visitorStore: VisitorRepository;
  contactStore: Pick<ContactRepository, 'get' | 'findByIdentity'>;
  notifier: ConversationNotifier;
  activity: ActivityPort;
  logger: Logger;
  publicUrl: string;
}

/** Builds routing, workflow, invites, canned responses, search and their socket transport (issue 5). */
export function createWorkflow({ redis, agents, agentStore, conversationStore, visitorStore, contactStore, notifier, activity, logger, publicUrl }: WorkflowWiringDeps) {
  const routingStore = createRoutingStore(redis);
  const workflowNotifier = createWorkflowNotifier(agents);
  const routing = createRoutingService({ routing: routingStore, agents: agentStore, notifier: workflowNotifier });
  const workflow = createWorkflowService({
    conversations: conversationStore,
    workflow: createWorkflowStore(redis),
    routing,
    assignees: routingStore,
    visitors: visitorStore,
    notifier,
    workflowNotifier,
    activity,
  });
  const invites = createInviteService({ invites: createInviteStore(redis), agents: agentStore, publicUrl });
  const canned = createCannedService(createCannedStore(redis), (siteId, list) => agents.to(rooms.siteAgents(siteId)).emit('canned:changed', list));
  const search = createSearchService({ search: createSearchStore(redis), conversations: conversationStore, contacts: contactStore });
  const core = createWorkflowTransport({ agents, routing, workflow, invites, logger });
  const assist = createAssistHandlers({ agents, canned, search, logger });
  return {
    routing,
    workflow,
    invites,
    /** For the conversation service: routing, inbox views and search follow every stored message. */
    async afterMessage(conversation: Conversation, message: Message): Promise<void> {
      // Independent writes: both go out in the same round trip.
      await Promise.all([workflow.onMessage(conversation, message), search.index(conversation, message)]);
    },
    transport: {
      onConnection(socket: AgentSocket): void {
        core.onConnection(socket);
        assist(socket);
      },
      start: core.start,
      stop: core.stop,
    },
  };
}
