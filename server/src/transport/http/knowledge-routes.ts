import { articleInputSchema, articlePreviewSchema, botSettingsSchema, consoleArticleSearchQuerySchema, idSchema } from '@hilo/shared';
import type { Request } from 'express';
import { Router } from 'express';
import type { AuthService } from '../../domain/auth-service.js';
import type { KnowledgeService } from '../../domain/knowledge-service.js';
import { signedInAgent } from './signed-in-agent.js';

/**
 * `/api/kb`: the console's knowledge base (agent cookie). Every agent of the site reads, drafts
 * included; only admins write (the service refuses others with 403). Bodies are validated here, and a
 * bad one changes nothing.
 */
export function createKnowledgeRoutes({ auth, knowledge }: { auth: AuthService; knowledge: KnowledgeService }): Router {
  const router = Router();
  const agentOf = (req: Request) => signedInAgent(auth, req);
  const articleId = (req: Request) => idSchema.parse(req.params.id);

  router.use((_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });
  router.get('/articles', async (req, res) => {
    res.json({ articles: await knowledge.list(await agentOf(req)) });
  });
  router.post('/articles', async (req, res) => {
    const agent = await agentOf(req);
    res.status(201).json({ article: await knowledge.create(agent, articleInputSchema.parse(req.body)) });
  });
  router.put('/articles/:id', async (req, res) => {
    const agent = await agentOf(req);
    const id = articleId(req);
    res.json({ article: await knowledge.update(agent, id, articleInputSchema.parse(req.body)) });
  });
  router.delete('/articles/:id', async (req, res) => {
    const agent = await agentOf(req);
    await knowledge.remove(agent, articleId(req));
    res.status(204).end();
  });
  router.post('/preview', async (req, res) => {
    await agentOf(req);
    res.json({ html: knowledge.preview(articlePreviewSchema.parse(req.body).body) });
  });
  router.get('/search', async (req, res) => {
    const agent = await agentOf(req);
    const { q, lang, limit } = consoleArticleSearchQuerySchema.parse(req.query);
    res.json({ results: await knowledge.searchAll(agent, q, lang, limit) });
  });
  router.get('/bot', async (req, res) => {
    const agent = await agentOf(req);
    res.json({ settings: await knowledge.botSettings(agent.siteId) });
  });
  router.put('/bot', async (req, res) => {
    const agent = await agentOf(req);
    res.json({ settings: await knowledge.setBotSettings(agent, botSettingsSchema.parse(req.body)) });
  });
  return router;
}
