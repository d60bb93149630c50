import type { AckError } from '@hilo/shared';
import type { Request, Response } from 'express';
import express, { Router } from 'express';
import type { ApiCaller, ApiTokenService } from '../../../domain/api-token-service.js';
import { DomainError } from '../../../domain/errors.js';
import type { HiloMetrics } from '../../../observability/metrics.js';
import type { BucketRule, RateLimiter } from '../../protection/rate-limiter.js';
import { buildOpenApiDocument } from './openapi.js';
import type { RestOperation } from './operation.js';

export interface RestRouterDeps {
  tokens: Pick<ApiTokenService, 'authenticate'>;
  operations: RestOperation[];
  /** Per-token buckets (in process memory, like every other limit but the login's). */
  limiter: RateLimiter;
  rule: BucketRule;
  /** Refusals are counted as `hilo_rate_limited_total{scope="api_token"}`. */
  metrics?: Pick<HiloMetrics, 'rateLimited'>;
  /** The `servers` entry of the OpenAPI document. */
  publicUrl: string;
}

const BEARER = /^Bearer\s+(\S{1,200})$/i;

async function callerOf(req: Request, res: Response, tokens: RestRouterDeps['tokens']): Promise<ApiCaller> {
  const match = BEARER.exec(req.get('authorization') ?? '');
  const caller = match?.[1] ? await tokens.authenticate(match[1]) : null;
  if (caller) return caller;
  res.set('WWW-Authenticate', 'Bearer realm="hilo"');
  throw new DomainError('unauthorized', match ? 'Unknown or revoked API token' : 'Send a site API token as "Authorization: Bearer hilo_…"');
}

/**
 * `/api/v1`: mounts every operation of the route table behind Bearer-token authentication and a
 * per-token rate limit, and serves the OpenAPI document built from the same table. It never reads
 * cookies, so it sits outside the console's CSRF guard: a browser cannot attach a Bearer token to a
 * forged request, and generated clients may POST without a body (resolve).
 */
export function createRestRouter({ tokens, operations, limiter, rule, publicUrl, metrics }: RestRouterDeps): Router {
  const router = Router();
  const document = buildOpenApiDocument(operations, publicUrl);
  router.use(express.json({ limit: '32kb' }));
  router.get('/openapi.json', (_req, res) => {
    res.set('Cache-Control', 'public, max-age=300').json(document);
  });

  for (const op of operations) {
    router[op.method](op.path, async (req, res) => {
      const caller = await callerOf(req, res, tokens);
      const verdict = limiter.take(`api:${caller.tokenId}`, rule);
      if (!verdict.ok) {
        metrics?.rateLimited.inc({ scope: 'api_token' });
        const error: AckError = { code: 'rate_limited', message: `Too many requests for this API token; retry in ${Math.ceil(verdict.retryAfterMs / 1000)} s`, retryAfterMs: verdict.retryAfterMs };
        res.set('Retry-After', String(Math.ceil(verdict.retryAfterMs / 1000))).status(429).json({ error });
        return;
      }
      if (op.body && !req.is('application/json')) throw new DomainError('bad_request', 'Content-Type must be application/json');
      const body = await op.run(caller, { params: req.params as Record<string, string>, query: req.query, body: req.body as unknown });
      res.status(op.status).set('Cache-Control', 'no-store').json(body);
    });
  }
  return router;
}
