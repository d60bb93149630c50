import { Router } from 'express';

/** `GET /healthz`: 200 when Redis answers a PING within a second, 503 otherwise. */
export function createHealthRoutes(pingRedis: () => Promise<unknown>): Router {
  const router = Router();
  router.get('/healthz', async (_req, res) => {
    const started = Date.now();
    try {
      await Promise.race([pingRedis(), new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 1000))]);
      res.set('Cache-Control', 'no-store').json({ status: 'ok', redis: 'ok', redisLatencyMs: Date.now() - started });
    } catch {
      res.set('Cache-Control', 'no-store').status(503).json({ status: 'error', redis: 'unreachable' });
    }
  });
  return router;
}
