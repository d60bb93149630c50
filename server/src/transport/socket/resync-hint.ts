import type { AgentNamespace, VisitorNamespace } from './typed-namespaces.js';

/** The part of a node-redis client or cluster this needs. */
interface ReadyEvents {
  on(event: 'ready' | 'node-ready', listener: () => void): unknown;
  off(event: 'ready' | 'node-ready', listener: () => void): unknown;
}

/**
 * Calls `resubscribed` each time the adapter's subscriber, already connected, reports a connection
 * ready again: node-redis subscribes again before it says 'ready', and a cluster reports each node
 * connection as 'node-ready'. With a cluster that also covers a shard's Pub/Sub connection that is
 * new (a moved slot, a failover, a shard's first room), so some calls are needless: a needless
 * catch-up costs each client one request, a missed one hides a message until the next reconnect.
 * Readies in a burst (several shards coming back) make one call. Returns a function that stops it.
 */
export function onResubscribed(subscriber: ReadyEvents, resubscribed: () => void, settleMs = 200): () => void {
  let timer: NodeJS.Timeout | undefined;
  const ready = () => {
    clearTimeout(timer);
    timer = setTimeout(resubscribed, settleMs);
    timer.unref();
  };
  subscriber.on('ready', ready);
  subscriber.on('node-ready', ready);
  return () => {
    clearTimeout(timer);
    subscriber.off('ready', ready);
    subscriber.off('node-ready', ready);
  };
}

/**
 * Runs `then` once the store answers a PING, asking every `everyMs` for up to `forMs` (then runs it
 * anyway): after a Redis restart the subscriber can be back before the command connection, and every
 * socket told to catch up then would be refused and have to ask again.
 */
export async function onceStoreAnswers(ping: () => Promise<unknown>, then: () => unknown, everyMs = 250, forMs = 30_000): Promise<void> {
  const deadline = Date.now() + forMs;
  while (!(await ping().then(() => true, () => false)) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, everyMs).unref());
  }
  then();
}

/** One millisecond per socket, from 1 to 10 s: a crowd's catch-up requests arrive spread out, not as one burst. */
export function resyncWindowMs(sockets: number): number {
  return Math.min(10_000, Math.max(1_000, sockets));
}

/** Asks every socket of this process (only this one: the others did not lose their link) to catch up. */
export function announceResync(visitors: VisitorNamespace, agents: AgentNamespace): number {
  visitors.local.emit('sync:needed', { withinMs: resyncWindowMs(visitors.sockets.size) });
  agents.local.emit('sync:needed', { withinMs: resyncWindowMs(agents.sockets.size) });
  return visitors.sockets.size + agents.sockets.size;
}

/**
 * Asks every socket of every process to catch up, over the adapter: for pushes this process may have
 * kept from the others' sockets (see solo-mode.ts). The cluster's size is unknown here: the widest window.
 */
export function announceResyncEverywhere(visitors: VisitorNamespace, agents: AgentNamespace): void {
  visitors.emit('sync:needed', { withinMs: resyncWindowMs(Infinity) });
  agents.emit('sync:needed', { withinMs: resyncWindowMs(Infinity) });
}
