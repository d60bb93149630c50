import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { Router } from 'express';
import helmet from 'helmet';

export interface StaticPaths {
  widgetDist: string;
  consoleDist: string;
}

/**
 * Widget files are fetched by storefronts on other origins (a dynamic `import()` needs CORS), so they
 * are public and cross-origin; they are not content-hashed, so caches revalidate often.
 */
export function createWidgetRoutes({ widgetDist }: StaticPaths): Router {
  const router = Router();
  router.use(
    express.static(widgetDist, {
      index: false,
      fallthrough: true,
      setHeaders(res) {
        res.setHeader('Access-Control-Allow-Origin', '*');
        res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
        res.setHeader('Cache-Control', 'public, max-age=300, stale-while-revalidate=86400');
      },
    }),
  );
  return router;
}

/** The console SPA: hashed assets cached for a year, every other path answered with index.html. */
export function createConsoleRoutes({ consoleDist }: StaticPaths): Router {
  const router = Router();
  router.use(
    helmet.contentSecurityPolicy({
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
      },
    }),
  );
  router.use(
    '/assets',
    express.static(join(consoleDist, 'assets'), { immutable: true, maxAge: '365d', fallthrough: false }),
  );
  router.use(express.static(consoleDist, { index: false }));
  router.get('/{*rest}', (_req, res) => {
    const index = join(consoleDist, 'index.html');
    if (!existsSync(index)) {
      res.status(503).type('text/plain').send('The console is not built yet: run `pnpm build`.');
      return;
    }
    res.set('Cache-Control', 'no-cache').sendFile(index);
  });
  return router;
}
