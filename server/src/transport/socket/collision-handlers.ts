import { conversationViewingSchema, type ConversationViewers } from '@hilo/shared';
import type { Logger } from '../../logger.js';
import { handle } from './handle.js';
import { rooms } from './rooms.js';
import type { AgentNamespace, AgentSocket, AgentSocketData } from './typed-namespaces.js';

/** Kept on socket.data so `fetchSockets()` on any process sees it. */
type WithViewing = AgentSocketData & { viewing?: { conversationId: string; typing: boolean } };

const viewingRoom = (conversationId: string) => `viewing:${conversationId}`;

/**
 * Collision warnings: each tab says which conversation it has open and whether the agent is typing;
 * everyone on the site hears who is in that conversation (across processes, via the adapter's rooms).
 */
export function registerCollision(socket: AgentSocket, agents: AgentNamespace, logger: Logger): void {
  const data = socket.data as WithViewing;
  const { agent } = data;

  async function announce(conversationId: string): Promise<void> {
    const sockets = await agents.in(viewingRoom(conversationId)).fetchSockets();
    const byAgent = new Map<string, ConversationViewers['viewers'][number]>();
    for (const s of sockets) {
      const d = s.data as WithViewing;
      if (d.viewing?.conversationId !== conversationId) continue;
      const held = byAgent.get(d.agent.id);
      byAgent.set(d.agent.id, { id: d.agent.id, name: d.agent.name, typing: Boolean(held?.typing) || d.viewing.typing });
    }
    agents.to(rooms.siteAgents(agent.siteId)).emit('conversation:viewers', { conversationId, viewers: [...byAgent.values()] });
  }
  const warn = (err: unknown) => logger.warn({ err }, 'collision update failed');

  socket.on(
    'conversation:viewing',
    handle(conversationViewingSchema, logger, async ({ conversationId, typing }) => {
      const before = data.viewing?.conversationId;
      if (before && before !== conversationId) {
        await socket.leave(viewingRoom(before));
        data.viewing = undefined;
        await announce(before);
      }
      if (conversationId) {
        await socket.join(viewingRoom(conversationId));
        data.viewing = { conversationId, typing };
        await announce(conversationId);
      }
      return null;
    }),
  );
  socket.on('disconnect', () => {
    const left = data.viewing?.conversationId;
    data.viewing = undefined;
    if (left) announce(left).catch(warn);
  });
}
