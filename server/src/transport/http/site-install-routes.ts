import { siteOriginsSchema } from '@hilo/shared';
import { Router } from 'express';
import type { AuthService } from '../../domain/auth-service.js';
import type { SiteInstallService } from '../../domain/site-install-service.js';
import { signedInAgent } from './signed-in-agent.js';

/** `/api/site`: the embed snippet, the origin allow-list and the identity secret (admin session cookie). */
export function createSiteInstallRoutes({ auth, install }: { auth: AuthService; install: SiteInstallService }): Router {
  const router = Router();
  router.get('/install', async (req, res) => {
    // The answer carries the identity secret: no cache may keep it.
    res.set('Cache-Control', 'no-store').json(await install.get(await signedInAgent(auth, req)));
  });
  router.put('/origins', async (req, res) => {
    const agent = await signedInAgent(auth, req);
    const { origins } = siteOriginsSchema.parse(req.body);
    res.set('Cache-Control', 'no-store').json(await install.setOrigins(agent, origins));
  });
  return router;
}
