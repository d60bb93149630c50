import { cannedSaveSchema, idSchema, searchSchema } from '@hilo/shared';
import { z } from 'zod';
import type { CannedService } from '../../domain/canned-service.js';
import type { SearchService } from '../../domain/search-service.js';
import type { Logger } from '../../logger.js';
import { registerCollision } from './collision-handlers.js';
import { handle } from './handle.js';
import type { AgentNamespace, AgentSocket } from './typed-namespaces.js';

export interface AssistDeps {
  agents: AgentNamespace;
  canned: CannedService;
  search: SearchService;
  logger: Logger;
}

/** The agent's helpers: canned responses, search and collision warnings. */
export function createAssistHandlers({ agents, canned, search, logger }: AssistDeps) {
  return (socket: AgentSocket): void => {
    const { agent } = socket.data;
    registerCollision(socket, agents, logger);
    socket.on('canned:list', handle(z.object({}).strict().default({}), logger, () => canned.list(agent.siteId)));
    socket.on('canned:save', handle(cannedSaveSchema, logger, (input) => canned.save(agent, input)));
    socket.on('canned:delete', handle(z.object({ id: idSchema }), logger, ({ id }) => canned.remove(agent, id)));
    socket.on('search', handle(searchSchema, logger, ({ query }) => search.search(agent, query)));
  };
}
