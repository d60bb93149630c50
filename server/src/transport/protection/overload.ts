import { monitorEventLoopDelay } from 'node:perf_hooks';

/**
 * Decides when the process is saturated so new work is refused with `unavailable` (clients retry)
 * instead of piling up until the process runs out of memory or Redis commands time out.
 * Three signals, sampled every `sampleMs`:
 * - event-loop lag (the process cannot keep up with its own callbacks),
 * - Redis round-trip of a PING on the shared client (it queues behind every pending command, so a
 *   slow PING means a long command queue; node-redis does not expose the queue length itself),
 * - work in flight (events accepted but not yet answered), checked on every request.
 */
export interface OverloadOptions {
  maxLagMs: number;
  maxRedisLatencyMs: number;
  maxInFlight: number;
  sampleMs: number;
  /** How long the "overloaded" verdict holds after a bad sample, so load does not flap straight back. */
  holdMs: number;
}

export const DEFAULT_OVERLOAD: OverloadOptions = { maxLagMs: 250, maxRedisLatencyMs: 500, maxInFlight: 2000, sampleMs: 250, holdMs: 1000 };

export type OverloadReason = 'event_loop' | 'redis' | 'in_flight';

export interface OverloadGuard {
  /** Null when the work may start (call the returned `done` once answered), else why it is refused. */
  begin(): { done(): void } | { refused: OverloadReason };
  /** Why the process is refusing new work now, or null. */
  reason(): OverloadReason | null;
  inFlight(): number;
  stop(): void;
}

export function createOverloadGuard(options: Partial<OverloadOptions> = {}, pingRedis?: () => Promise<unknown>): OverloadGuard {
  const o = { ...DEFAULT_OVERLOAD, ...options };
  const lag = monitorEventLoopDelay({ resolution: 10 });
  lag.enable();
  let inFlight = 0;
  let overloadedUntil = 0;
  let lastReason: OverloadReason | null = null;
  let pingStartedAt: number | null = null;

  const trip = (reason: OverloadReason) => {
    overloadedUntil = Date.now() + o.holdMs;
    lastReason = reason;
  };

  let lastTick = Date.now();
  let lagging = false;
  const sample = () => {
    // The histogram can miss a block that ends in the poll phase; the late tick of this very timer cannot.
    const now = Date.now();
    const lagMs = Math.max(lag.max / 1e6, now - lastTick - o.sampleMs);
    lastTick = now;
    lag.reset();
    // One pause (a GC, a cold code path) is not overload: trip on a long one or on two in a row.
    if (lagMs > 2 * o.maxLagMs || (lagMs > o.maxLagMs && lagging)) trip('event_loop');
    lagging = lagMs > o.maxLagMs;
    if (!pingRedis) return;
    // A PING still waiting from an earlier sample counts with its age so far.
    if (pingStartedAt !== null) {
      if (Date.now() - pingStartedAt > o.maxRedisLatencyMs) trip('redis');
      return;
    }
    const started = Date.now();
    pingStartedAt = started;
    pingRedis().then(
      () => {
        if (Date.now() - started > o.maxRedisLatencyMs) trip('redis');
        pingStartedAt = null;
      },
      // Redis down is not overload: commands fail fast with `unavailable` on their own.
      () => {
        pingStartedAt = null;
      },
    );
  };
  const timer = setInterval(sample, o.sampleMs);
  timer.unref();

  const reason = (): OverloadReason | null => {
    if (inFlight >= o.maxInFlight) return 'in_flight';
    return Date.now() < overloadedUntil ? lastReason : null;
  };

  return {
    begin() {
      const why = reason();
      if (why) return { refused: why };
      inFlight += 1;
      let finished = false;
      return {
        done() {
          if (finished) return;
          finished = true;
          inFlight -= 1;
        },
      };
    },
    reason,
    inFlight: () => inFlight,
    stop() {
      clearInterval(timer);
      lag.disable();
    },
  };
}
