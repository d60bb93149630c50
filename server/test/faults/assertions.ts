import type { Message } from '@hilo/shared';
import { expect } from 'vitest';
import type { ReliableAgent, ReliableVisitor } from './reliable-clients.js';

/**
 * The delivery guarantee, checked against what is stored and what each participant saw:
 * every acknowledged message stored exactly once, orders dense, and every participant holding all of them.
 */
export function expectExactlyOnce(conversationId: string, stored: Message[], acked: Map<string, Message>[], participants: (ReliableVisitor | ReliableAgent)[]): void {
  const clientIds = stored.map((m) => m.clientId);
  expect(new Set(clientIds).size, 'a clientId stored twice').toBe(clientIds.length);
  expect(stored.map((m) => m.order), 'orders are dense').toEqual(stored.map((_, i) => i + 1));
  const byClientId = new Map(stored.map((m) => [m.clientId, m]));
  for (const ack of acked) {
    for (const [clientId, message] of ack) {
      expect(byClientId.get(clientId)?.id, `acknowledged ${clientId} is stored`).toBe(message.id);
    }
  }
  for (const participant of participants) {
    const seen = participant.seen.get(conversationId);
    expect(seen?.size ?? 0, 'every participant has every message').toBe(stored.length);
    for (const [, count] of participant.liveCount) expect(count, 'a live message delivered twice to one socket').toBe(1);
  }
}
