import type { IncomingMessage } from 'node:http';
import type { Ack, AckError } from '@hilo/shared';
import type { RequestHandler } from 'express';
import type { Socket } from 'socket.io';
import type { Logger } from '../../logger.js';
import type { HiloMetrics } from '../../observability/metrics.js';
import { createOverloadGuard, type OverloadGuard, type OverloadOptions } from './overload.js';
import { createRateLimiter, type BucketRule, type RateLimiter } from './rate-limiter.js';

/**
 * The one gate every socket event, HTTP request and new socket handshake passes before any work:
 * per-visitor / per-agent / per-IP token buckets (`rate_limited` + retry hint) and overload shedding
 * (`unavailable` + retry hint). Refusals cost no Redis command.
 */
export interface ProtectionOptions {
  visitor: BucketRule;
  agent: BucketRule;
  /** Shared by socket events, HTTP requests and handshakes from one address. */
  ip: BucketRule;
  overload: Partial<OverloadOptions>;
  /** Behind a proxy the client address is the first X-Forwarded-For entry. */
  trustProxy: boolean;
}

/** Builds buckets from per-second rates; bursts are four seconds' worth. */
export function protectionRules(perSecond: { visitor: number; agent: number; ip: number }): Pick<ProtectionOptions, 'visitor' | 'agent' | 'ip'> {
  const rule = (n: number): BucketRule => ({ perSecond: n, burst: Math.max(1, Math.ceil(n * 4)) });
  return { visitor: rule(perSecond.visitor), agent: rule(perSecond.agent), ip: rule(perSecond.ip) };
}

export const DEFAULT_PROTECTION: ProtectionOptions = { ...protectionRules({ visitor: 5, agent: 20, ip: 100 }), overload: {}, trustProxy: false };

/** How long a shed client should wait: about the overload hold time, spread so retries do not align. */
const shedRetryMs = () => 500 + Math.floor(Math.random() * 1000);
/** An event whose handler never answers must not hold an in-flight slot for ever. */
const IN_FLIGHT_CAP_MS = 30_000;

export interface Protection {
  /** Socket middleware for a visitor socket (after its auth has set socket.data). */
  visitorSocket(socket: Socket): void;
  agentSocket(socket: Socket): void;
  http: RequestHandler;
  /** Engine.IO `allowRequest`: refuses new handshakes from a flooding address or while overloaded. */
  allowRequest(req: IncomingMessage, callback: (err: string | null | undefined, success: boolean) => void): void;
  overload: OverloadGuard;
  limiter: RateLimiter;
  stop(): void;
}

function firstForwarded(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  return value?.split(',')[0]?.trim() || undefined;
}

export function createProtection(options: ProtectionOptions, metrics: HiloMetrics, logger: Logger, pingRedis?: () => Promise<unknown>): Protection {
  const limiter = createRateLimiter();
  const overload = createOverloadGuard(options.overload, pingRedis);
  const sweeper = setInterval(() => limiter.sweep(), 30_000);
  sweeper.unref();

  const addressOf = (req: IncomingMessage) =>
    (options.trustProxy ? firstForwarded(req.headers['x-forwarded-for']) : undefined) ?? req.socket.remoteAddress ?? 'unknown';

  const rateLimited = (retryAfterMs: number): AckError => ({
    code: 'rate_limited',
    message: `Too many requests; retry in ${Math.ceil(retryAfterMs / 1000)} s`,
    retryAfterMs,
  });
  const unavailable = (retryAfterMs: number): AckError => ({ code: 'unavailable', message: 'Server busy; retry shortly', retryAfterMs });

  function guard(socket: Socket, namespace: string, buckets: [scope: string, key: string, rule: BucketRule][], who: Record<string, string>) {
    // Who connected, never with what: the handshake carries tokens and cookies.
    const context = { namespace, socketId: socket.id, ip: addressOf(socket.request), ...who };
    logger.debug(context, 'socket connected');
    socket.on('disconnect', (reason) => logger.debug({ ...context, reason }, 'socket disconnected'));
    let refusalsLogged = 0;
    socket.use((packet, next) => {
      const event = String(packet[0]);
      const last: unknown = packet[packet.length - 1];
      const ack = typeof last === 'function' ? (last as (response: Ack<unknown>) => void) : null;
      for (const [scope, key, rule] of buckets) {
        const verdict = limiter.take(key, rule);
        if (!verdict.ok) {
          metrics.rateLimited.inc({ scope });
          // One line per socket is enough to spot an abuser; a flood must not become a log flood.
          if (refusalsLogged++ === 0) logger.warn({ ...context, event, scope }, 'rate limited');
          ack?.({ ok: false, error: rateLimited(verdict.retryAfterMs) });
          return;
        }
      }
      const work = overload.begin();
      if ('refused' in work) {
        metrics.shed.inc({ reason: work.refused, transport: 'socket' });
        ack?.({ ok: false, error: unavailable(shedRetryMs()) });
        return;
      }
      if (!ack) {
        work.done();
        return next();
      }
      const started = performance.now();
      const cap = setTimeout(() => work.done(), IN_FLIGHT_CAP_MS);
      cap.unref();
      packet[packet.length - 1] = (response: Ack<unknown>) => {
        clearTimeout(cap);
        work.done();
        const outcome = response && typeof response === 'object' && 'ok' in response ? (response.ok ? 'ok' : response.error.code) : 'unknown';
        metrics.eventDuration.observe({ namespace, event, outcome }, (performance.now() - started) / 1000);
        ack(response);
      };
      next();
    });
  }

  return {
    visitorSocket(socket) {
      const data = socket.data as { site: { id: string }; visitorId: string };
      const ip = addressOf(socket.request);
      guard(
        socket,
        'visitor',
        [
          ['visitor', `v:${data.site.id}:${data.visitorId}`, options.visitor],
          ['ip', `ip:${ip}`, options.ip],
        ],
        { siteId: data.site.id, visitorId: data.visitorId },
      );
    },
    agentSocket(socket) {
      const data = socket.data as { agent: { id: string } };
      const ip = addressOf(socket.request);
      guard(
        socket,
        'agent',
        [
          ['agent', `a:${data.agent.id}`, options.agent],
          ['ip', `ip:${ip}`, options.ip],
        ],
        { agentId: data.agent.id },
      );
    },
    http(req, res, next) {
      const verdict = limiter.take(`ip:${addressOf(req)}`, options.ip);
      if (!verdict.ok) {
        metrics.rateLimited.inc({ scope: 'ip' });
        res.set('Retry-After', String(Math.ceil(verdict.retryAfterMs / 1000))).status(429).json({ error: rateLimited(verdict.retryAfterMs) });
        return;
      }
      const work = overload.begin();
      if ('refused' in work) {
        metrics.shed.inc({ reason: work.refused, transport: 'http' });
        const retryMs = shedRetryMs();
        res.set('Retry-After', String(Math.ceil(retryMs / 1000))).status(503).json({ error: unavailable(retryMs) });
        return;
      }
      res.once('close', () => work.done());
      next();
    },
    allowRequest(req, callback) {
      // Requests of an established Engine.IO session (polling, upgrade) are not new work.
      if (/[?&]sid=/.test(req.url ?? '')) return callback(null, true);
      if (!limiter.take(`ip:${addressOf(req)}`, options.ip).ok) {
        metrics.rateLimited.inc({ scope: 'handshake' });
        return callback('rate_limited', false);
      }
      const reason = overload.reason();
      if (reason) {
        metrics.shed.inc({ reason, transport: 'handshake' });
        return callback('unavailable', false);
      }
      callback(null, true);
    },
    overload,
    limiter,
    stop() {
      clearInterval(sweeper);
      overload.stop();
    },
  };
}
