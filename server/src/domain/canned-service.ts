import type { Agent, CannedResponse } from '@hilo/shared';
import { DomainError } from './errors.js';
import { newId } from './ids.js';

export interface CannedRepository {
  list(siteId: string): Promise<CannedResponse[]>;
  save(siteId: string, response: CannedResponse): Promise<void>;
  remove(siteId: string, id: string): Promise<boolean>;
}

export type CannedService = ReturnType<typeof createCannedService>;

const MAX_RESPONSES = 500;

/** Canned responses: every agent uses them, admins manage them; shortcuts are unique per site. */
export function createCannedService(store: CannedRepository, changed: (siteId: string, list: CannedResponse[]) => void) {
  function requireAdmin(agent: Agent): void {
    if (agent.role !== 'admin') throw new DomainError('forbidden', 'Only admins can manage canned responses');
  }
  return {
    list: (siteId: string) => store.list(siteId),
    async save(agent: Agent, input: { id?: string; shortcut: string; text: string }): Promise<CannedResponse> {
      requireAdmin(agent);
      const all = await store.list(agent.siteId);
      if (input.id && !all.some((r) => r.id === input.id)) throw new DomainError('not_found', 'Canned response not found');
      if (all.some((r) => r.shortcut === input.shortcut && r.id !== input.id)) throw new DomainError('conflict', `/${input.shortcut} is already used`);
      if (!input.id && all.length >= MAX_RESPONSES) throw new DomainError('conflict', 'Too many canned responses');
      const response: CannedResponse = { id: input.id ?? newId('cr'), shortcut: input.shortcut, text: input.text };
      await store.save(agent.siteId, response);
      changed(agent.siteId, await store.list(agent.siteId));
      return response;
    },
    async remove(agent: Agent, id: string): Promise<null> {
      requireAdmin(agent);
      if (!(await store.remove(agent.siteId, id))) throw new DomainError('not_found', 'Canned response not found');
      changed(agent.siteId, await store.list(agent.siteId));
      return null;
    },
  };
}
