import { idSchema, KB_LIMITS } from '@hilo/shared';
import { parseCookie } from 'cookie';
import type { ErrorRequestHandler, Request } from 'express';
import express, { Router } from 'express';
import { z } from 'zod';
import { DomainError } from '../../domain/errors.js';
import type { KnowledgeService } from '../../domain/knowledge-service.js';
import type { Site, SiteRepository } from '../../domain/ports.js';
import type { Logger } from '../../logger.js';
import { httpStatusOf, toAckError } from '../error-mapping.js';
import { HELP_PAGE_CSP, helpArticlePage, helpErrorPage, helpIndexPage } from './help-page-template.js';

const SITE_KEY = /^[A-Za-z0-9_-]{1,64}$/;
const indexQuerySchema = z.object({ q: z.string().trim().max(KB_LIMITS.query).optional() });
const articleQuerySchema = z.object({ voted: z.string().max(8).optional() });
const feedbackFormSchema = z.object({ helpful: z.enum(['yes', 'no']) });
/** Set per article (cookie path = the article's URL) once its reader voted, so a second vote is not counted. */
const VOTED_COOKIE = 'hilo_kb_voted';
const YEAR_MS = 365 * 24 * 3600 * 1000;

/**
 * `/help/:siteKey`: the site's public help centre, server-rendered (no script): published articles by
 * language, a search form, one page per article with "Was this helpful?". The vote is a plain form
 * POST answered with a redirect (a reload does not post again) and remembered in a cookie.
 */
export function createHelpPageRoutes({ sites, knowledge, logger }: { sites: Pick<SiteRepository, 'findByPublicKey'>; knowledge: KnowledgeService; logger: Logger }): Router {
  const router = Router();

  async function siteOf(key: string | undefined): Promise<Site> {
    const site = key && SITE_KEY.test(key) ? await sites.findByPublicKey(key) : null;
    if (!site) throw new DomainError('not_found', 'There is no help centre at this address.');
    return site;
  }
  const baseOf = (site: Site) => `/help/${encodeURIComponent(site.publicKey)}`;
  const articleIdOf = (req: Request) => {
    const id = idSchema.safeParse(req.params.articleId);
    if (!id.success) throw new DomainError('not_found', 'Article not found');
    return id.data;
  };
  const votedFor = (req: Request) => parseCookie(req.headers.cookie ?? '')[VOTED_COOKIE] === '1';

  router.use((_req, res, next) => {
    res.set({ 'Content-Security-Policy': HELP_PAGE_CSP, 'Cache-Control': 'no-cache' });
    next();
  });

  router.get('/:siteKey', async (req, res) => {
    const site = await siteOf(req.params.siteKey);
    const { q = '' } = indexQuerySchema.parse(req.query);
    const results = q ? await knowledge.searchPublished(site.id, q, undefined, 20) : null;
    const articles = results ? [] : await knowledge.listPublished(site.id);
    res.type('html').send(helpIndexPage({ siteName: site.name, base: baseOf(site), query: q, results, articles }));
  });

  router.get('/:siteKey/:articleId', async (req, res) => {
    const site = await siteOf(req.params.siteKey);
    const id = articleIdOf(req);
    const { voted } = articleQuerySchema.parse(req.query);
    // The redirect back after a vote is not a new reading.
    const article = await knowledge.read(site.id, id, { countView: voted === undefined });
    res.type('html').send(helpArticlePage({ siteName: site.name, base: baseOf(site), article, voted: voted === '1' || votedFor(req) }));
  });

  router.post('/:siteKey/:articleId/feedback', express.urlencoded({ extended: false, limit: '1kb', parameterLimit: 5 }), async (req, res) => {
    const site = await siteOf(req.params.siteKey);
    const id = articleIdOf(req);
    const { helpful } = feedbackFormSchema.parse(req.body ?? {});
    const path = `${baseOf(site)}/${encodeURIComponent(id)}`;
    if (!votedFor(req)) {
      await knowledge.feedback(site.id, id, helpful === 'yes');
      res.cookie(VOTED_COOKIE, '1', { path, httpOnly: true, sameSite: 'lax', secure: req.secure, maxAge: YEAR_MS });
    }
    res.redirect(303, `${path}?voted=1`);
  });

  router.use(((err, _req, res, next) => {
    if (res.headersSent) return next(err);
    // Body-parser errors carry `expose`; the router's error for a malformed %-escape is a URIError with a status.
    const withStatus = err as { status?: number; expose?: boolean };
    const parserStatus = withStatus.expose || (err instanceof URIError && withStatus.status === 400) ? (withStatus.status ?? 400) : null;
    const error = parserStatus ? { code: 'bad_request' as const, message: 'The form could not be read.' } : toAckError(err, logger);
    const status = parserStatus ?? httpStatusOf(error);
    res.status(status).type('html').send(helpErrorPage(status, status === 404 ? error.message : status < 500 ? 'The request was not valid.' : 'Please try again in a moment.'));
  }) as ErrorRequestHandler);

  return router;
}
