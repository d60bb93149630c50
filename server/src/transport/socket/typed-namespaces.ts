import type { Agent, AgentClientToServer, AgentServerToClient, VisitorClientToServer, VisitorServerToClient } from '@hilo/shared';
import type { Namespace, Server, Socket } from 'socket.io';
import type { Site } from '../../domain/ports.js';
import { AGENT_NAMESPACE, VISITOR_NAMESPACE } from '@hilo/shared';

export interface VisitorSocketData {
  site: Site;
  visitorId: string;
  token: string;
  /** The conversation this connection last wrote to: its next message skips looking up the link. */
  conversationId?: string;
}

export interface AgentSocketData {
  agent: Agent;
  sessionToken: string;
  sessionHash: string;
}

// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- no inter-server events yet
type NoEvents = {};

export type VisitorNamespace = Namespace<VisitorClientToServer, VisitorServerToClient, NoEvents, VisitorSocketData>;
export type VisitorSocket = Socket<VisitorClientToServer, VisitorServerToClient, NoEvents, VisitorSocketData>;
export type AgentNamespace = Namespace<AgentClientToServer, AgentServerToClient, NoEvents, AgentSocketData>;
export type AgentSocket = Socket<AgentClientToServer, AgentServerToClient, NoEvents, AgentSocketData>;

/** The one place the untyped `io.of()` is narrowed to each audience's event map. */
export function namespacesOf(io: Server): { visitors: VisitorNamespace; agents: AgentNamespace } {
  return {
    visitors: io.of(VISITOR_NAMESPACE) as unknown as VisitorNamespace,
    agents: io.of(AGENT_NAMESPACE) as unknown as AgentNamespace,
  };
}
