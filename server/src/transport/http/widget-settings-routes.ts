import { widgetSettingsPatchSchema } from '@hilo/shared';
import type { Request } from 'express';
import { Router } from 'express';
import type { AuthService } from '../../domain/auth-service.js';
import { DomainError } from '../../domain/errors.js';
import type { WidgetSettingsService } from '../../domain/widget-settings-service.js';
import { signedInAgent } from './signed-in-agent.js';

const SITE_KEY = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * `GET /widget/config/:siteKey`: the one request the loader makes before the shopper opens the chat.
 * Public (the site key is in every page), readable from any origin, cached briefly so a busy
 * storefront costs one hit per visitor per minute at most, and settings changes show within a minute.
 */
export function createWidgetConfigRoutes({ widgetSettings }: { widgetSettings: WidgetSettingsService }): Router {
  const router = Router();
  router.get('/:siteKey', async (req, res) => {
    res.set({ 'Access-Control-Allow-Origin': '*', 'Cross-Origin-Resource-Policy': 'cross-origin' });
    const config = SITE_KEY.test(req.params.siteKey) ? await widgetSettings.configFor(req.params.siteKey) : null;
    if (!config) throw new DomainError('not_found', 'Unknown site key');
    res.set('Cache-Control', 'public, max-age=60, stale-while-revalidate=600').json(config);
  });
  return router;
}

/** `/api/widget-settings`: the console's settings page (agent cookie; only admins may change). */
export function createWidgetSettingsRoutes({ auth, widgetSettings }: { auth: AuthService; widgetSettings: WidgetSettingsService }): Router {
  const router = Router();
  const agentOf = (req: Request) => signedInAgent(auth, req);
  router.get('/', async (req, res) => {
    res.set('Cache-Control', 'no-store').json(await widgetSettings.read(await agentOf(req)));
  });
  router.put('/', async (req, res) => {
    const agent = await agentOf(req);
    res.json({ settings: await widgetSettings.update(agent, widgetSettingsPatchSchema.parse(req.body)) });
  });
  return router;
}
