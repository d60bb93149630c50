import { Router } from 'express';
import { DEMO_CUSTOMER } from '../../demo/demo-customer.js';
import { embedSnippet, storefrontPage } from '../../demo/storefront-page.js';
import type { Site } from '../../domain/ports.js';
import { userHashFor } from '../../domain/user-hash.js';

/**
 * The demo storefront and its tiny "backend": a real shop computes the userHash on its own server with
 * the site secret, exactly as `/demo/session` does here, and never ships the secret to the browser.
 */
export function createDemoRoutes({ publicUrl, site }: { publicUrl: string; site: Site }): Router {
  const router = Router();
  const page = storefrontPage(embedSnippet(publicUrl, site.publicKey));
  router.get('/', (_req, res) => {
    res.type('html').set('Cache-Control', 'no-cache').send(page);
  });
  router.get('/session', (_req, res) => {
    const { email, name } = DEMO_CUSTOMER;
    res.set('Cache-Control', 'no-store').json({ email, name, userHash: userHashFor(site.identitySecret, email) });
  });
  return router;
}
