import { articleFeedbackSchema, articleSearchQuerySchema, idSchema } from '@hilo/shared';
import type { Request, Response } from 'express';
import express, { Router } from 'express';
import { z } from 'zod';
import { DomainError } from '../../domain/errors.js';
import type { KnowledgeService } from '../../domain/knowledge-service.js';
import type { Site, SiteRepository } from '../../domain/ports.js';

const siteQuerySchema = z.object({ site: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be a site key') });

/**
 * `/widget/kb`: what the widget reads from the storefront, public by site key. Like the visitor socket,
 * it answers only the site's allowed origins (a request without Origin, e.g. from a server, is served
 * without CORS headers: the articles are public on the help page anyway). Search answers are cached
 * briefly; opening an article counts a view.
 */
export function createWidgetKnowledgeRoutes({ sites, knowledge }: { sites: Pick<SiteRepository, 'findByPublicKey'>; knowledge: KnowledgeService }): Router {
  const router = Router();

  /** The site named by `?site=`, after the Origin check; sets the CORS headers for that origin. */
  async function siteFor(req: Request, res: Response): Promise<Site> {
    res.vary('Origin').set('Cross-Origin-Resource-Policy', 'cross-origin');
    const { site: key } = siteQuerySchema.parse({ site: req.query.site });
    const site = await sites.findByPublicKey(key);
    if (!site) throw new DomainError('not_found', 'Unknown site key');
    const origin = req.get('origin');
    if (origin !== undefined) {
      if (!site.allowedOrigins.includes(origin)) throw new DomainError('forbidden', 'This origin is not allowed for the site');
      res.set('Access-Control-Allow-Origin', origin);
    }
    return site;
  }

  // Preflight: the feedback POST sends JSON, so browsers ask first.
  router.options('/{*path}', async (req, res) => {
    await siteFor(req, res);
    res
      .set({ 'Access-Control-Allow-Methods': 'GET, POST', 'Access-Control-Allow-Headers': 'Content-Type', 'Access-Control-Max-Age': '600' })
      .status(204)
      .end();
  });

  router.get('/search', async (req, res) => {
    const site = await siteFor(req, res);
    const { q, lang, limit } = articleSearchQuerySchema.parse(req.query);
    const results = await knowledge.searchPublished(site.id, q, lang, limit);
    res.set('Cache-Control', 'public, max-age=30').json({ results });
  });

  router.get('/articles/:id', async (req, res) => {
    const site = await siteFor(req, res);
    const article = await knowledge.read(site.id, idSchema.parse(req.params.id), { countView: true });
    // Not cached: every open is a view, and an unpublished article must disappear at once.
    res.set('Cache-Control', 'no-store').json({ article });
  });

  router.post('/articles/:id/feedback', express.json({ limit: '1kb' }), async (req, res) => {
    const site = await siteFor(req, res);
    const id = idSchema.parse(req.params.id);
    const { helpful } = articleFeedbackSchema.parse(req.body);
    await knowledge.feedback(site.id, id, helpful);
    res.set('Cache-Control', 'no-store').status(204).end();
  });

  return router;
}
