import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * Prometheus metrics for one Hilo process. A registry per process (not prom-client's global one) so
 * tests can run several servers in one Node process without "metric already registered" errors.
 */
export interface HiloMetrics {
  registry: Registry;
  messagesStored: Counter<'author'>;
  /** Stored → handed to the Socket.IO adapter for fan-out (the server's share of delivery latency). */
  deliveryLatency: Histogram;
  /** Time from an event's arrival to its ack, by event and outcome code. */
  eventDuration: Histogram<'namespace' | 'event' | 'outcome'>;
  redisErrors: Counter<'client'>;
  rateLimited: Counter<'scope'>;
  shed: Counter<'reason' | 'transport'>;
  /** Times this process told its sockets to catch up because its Pub/Sub link to Redis came back. */
  resyncHints: Counter;
  /** Called at scrape time to read live socket counts. */
  setSocketCounter(count: () => Record<string, number>): void;
  /** Called at scrape time: whether this process is alone on its Redis (broadcasts stay local). */
  setSoloReader(read: () => boolean): void;
}

export function createMetrics(): HiloMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'hilo_' });
  let socketCounter: () => Record<string, number> = () => ({});
  new Gauge({
    name: 'hilo_sockets',
    help: 'Connected Socket.IO sockets on this process, by namespace',
    labelNames: ['namespace'],
    registers: [registry],
    collect() {
      for (const [namespace, n] of Object.entries(socketCounter())) this.set({ namespace }, n);
    },
  });
  let soloReader = () => false;
  new Gauge({
    name: 'hilo_adapter_solo',
    help: '1 while no other Hilo process shares this Redis, so broadcasts are not published to it',
    registers: [registry],
    collect() {
      this.set(soloReader() ? 1 : 0);
    },
  });
  return {
    registry,
    messagesStored: new Counter({ name: 'hilo_messages_stored_total', help: 'Messages stored (each once; resends are not counted)', labelNames: ['author'], registers: [registry] }),
    deliveryLatency: new Histogram({
      name: 'hilo_delivery_latency_seconds',
      help: 'From a message being stored to its fan-out to sockets',
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
    eventDuration: new Histogram({
      name: 'hilo_socket_event_duration_seconds',
      help: 'Socket event arrival to ack, by outcome (ok or an error code)',
      labelNames: ['namespace', 'event', 'outcome'],
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5],
      registers: [registry],
    }),
    redisErrors: new Counter({ name: 'hilo_redis_errors_total', help: 'Errors reported by Redis clients', labelNames: ['client'], registers: [registry] }),
    rateLimited: new Counter({ name: 'hilo_rate_limited_total', help: 'Requests refused by a rate limit, by scope', labelNames: ['scope'], registers: [registry] }),
    shed: new Counter({ name: 'hilo_shed_total', help: 'Requests refused because the process was overloaded', labelNames: ['reason', 'transport'], registers: [registry] }),
    resyncHints: new Counter({ name: 'hilo_resync_hints_total', help: 'Times the adapter subscriber came back after a loss and this process asked its sockets to catch up', registers: [registry] }),
    setSocketCounter(count) {
      socketCounter = count;
    },
    setSoloReader(read) {
      soloReader = read;
    },
  };
}
