import { observable } from './observable';

/** A reply the agent sent that the server has not acknowledged yet. */
export interface PendingReply {
  clientId: string;
  conversationId: string;
  text: string;
  createdAt: number;
}

/** Replies waiting for their ack; they survive reconnects and are re-sent with the same clientId. */
export function createOutboxModel() {
  const items = observable<PendingReply[]>([]);
  const has = (clientId: string): boolean => items.get().some((reply) => reply.clientId === clientId);
  return {
    items,
    add(reply: PendingReply): void {
      items.update((list) => [...list, reply]);
    },
    has,
    remove(clientId: string): void {
      if (has(clientId)) items.update((list) => list.filter((reply) => reply.clientId !== clientId));
    },
  };
}

export type OutboxModel = ReturnType<typeof createOutboxModel>;
