import type { Agent } from '@hilo/shared';
import type { Logger } from '../../logger.js';
import { rooms } from './rooms.js';
import type { AgentNamespace, VisitorNamespace } from './typed-namespaces.js';

type Presence = { online: number; agents: Pick<Agent, 'id' | 'name'>[] };

const FRESH_MS = 10_000;

/**
 * Which agents of a site are connected, on any process. Counting sockets needs a cross-process round
 * trip, so the answer is cached per site and refreshed when an agent comes or goes.
 */
export function createAgentPresence(agents: AgentNamespace, visitors: VisitorNamespace, logger: Logger) {
  const cache = new Map<string, { at: number; presence: Presence }>();

  async function compute(siteId: string): Promise<Presence> {
    const sockets = await agents.in(rooms.siteAgents(siteId)).fetchSockets();
    const byId = new Map<string, Pick<Agent, 'id' | 'name'>>();
    for (const socket of sockets) byId.set(socket.data.agent.id, { id: socket.data.agent.id, name: socket.data.agent.name });
    const presence = { online: byId.size, agents: [...byId.values()] };
    cache.set(siteId, { at: Date.now(), presence });
    return presence;
  }

  function tell(siteId: string, audience: { emit(event: 'agents:presence', presence: Presence): unknown }): void {
    compute(siteId).then(
      (presence) => audience.emit('agents:presence', presence),
      (err: unknown) => logger.warn({ err }, 'presence refresh failed'),
    );
  }

  return {
    /** For the domain's PresencePort. */
    async agentsOnline(siteId: string): Promise<number> {
      const hit = cache.get(siteId);
      return (hit && Date.now() - hit.at < FRESH_MS ? hit.presence : await compute(siteId)).online;
    },
    async visitorOnline(siteId: string, visitorId: string): Promise<boolean> {
      return (await visitors.in(rooms.visitor(siteId, visitorId)).fetchSockets()).length > 0;
    },
    async current(siteId: string): Promise<Presence> {
      const hit = cache.get(siteId);
      return hit && Date.now() - hit.at < FRESH_MS ? hit.presence : compute(siteId);
    },
    /** Recounts and tells the site's visitors; called when an agent connects or disconnects. */
    changed(siteId: string): void {
      tell(siteId, visitors.to(rooms.siteVisitors(siteId)));
    },
    /**
     * Recounts and tells, for every site this process has visitors of, only this process's visitors:
     * for when this process may have missed the other processes' `changed` pushes.
     */
    refreshLocal(): void {
      const sites = new Set<string>();
      for (const socket of visitors.sockets.values()) sites.add(socket.data.site.id);
      for (const siteId of sites) tell(siteId, visitors.local.to(rooms.siteVisitors(siteId)));
    },
  };
}

export type AgentPresence = ReturnType<typeof createAgentPresence>;
