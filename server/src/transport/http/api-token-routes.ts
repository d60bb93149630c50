import { apiTokenCreateSchema, idSchema } from '@hilo/shared';
import type { Request } from 'express';
import { Router } from 'express';
import type { ApiTokenService } from '../../domain/api-token-service.js';
import type { AuthService } from '../../domain/auth-service.js';
import { signedInAgent } from './signed-in-agent.js';

/** `/api/api-tokens`: admins list, create and revoke the site's REST API tokens (session cookie). */
export function createApiTokenRoutes({ auth, tokens }: { auth: AuthService; tokens: ApiTokenService }): Router {
  const router = Router();
  const agentOf = (req: Request) => signedInAgent(auth, req);

  router.get('/', async (req, res) => {
    res.set('Cache-Control', 'no-store').json({ tokens: await tokens.list(await agentOf(req)) });
  });
  router.post('/', async (req, res) => {
    const agent = await agentOf(req);
    // The answer carries the plain token: nothing may keep a copy of it.
    res.set('Cache-Control', 'no-store').status(201).json(await tokens.create(agent, apiTokenCreateSchema.parse(req.body)));
  });
  router.delete('/:id', async (req, res) => {
    const agent = await agentOf(req);
    await tokens.revoke(agent, idSchema.parse(req.params.id));
    res.status(204).end();
  });
  return router;
}
