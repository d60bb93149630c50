import { Router } from 'express';
import type { HiloMetrics } from './metrics.js';

/** `GET /metrics` in the Prometheus text format. Expose it to the scraper only (see README). */
export function createMetricsRoutes(metrics: HiloMetrics): Router {
  const router = Router();
  router.get('/metrics', async (_req, res) => {
    res.set('Content-Type', metrics.registry.contentType).set('Cache-Control', 'no-store').send(await metrics.registry.metrics());
  });
  return router;
}
