import { createServer, type Server as HttpServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { createShardedAdapter } from '@socket.io/redis-adapter';
import express from 'express';
import helmet from 'helmet';
import { Server } from 'socket.io';
import type { Config } from './config.js';
import { createAuthService } from './domain/auth-service.js';
import { createConversationService } from './domain/conversation-service.js';
import type { Site } from './domain/ports.js';
import { embedSnippet, storefrontPage } from './demo/storefront-page.js';
import type { Logger } from './logger.js';
import { createAgentStore } from './store/agent-store.js';
import { createConversationStore } from './store/conversation-store.js';
import type { RedisClient } from './store/redis-client.js';
import { createSessionStore, createRateLimiter } from './store/session-store.js';
import { createSiteStore } from './store/site-store.js';
import { createVisitorStore } from './store/visitor-store.js';
import { createAuthRoutes } from './transport/http/auth-routes.js';
import { csrfGuard } from './transport/http/csrf-guard.js';
import { createHealthRoutes } from './transport/http/health-routes.js';
import { errorHandler, notFound } from './transport/http/http-errors.js';
import { createConsoleRoutes, createWidgetRoutes, type StaticPaths } from './transport/http/static-routes.js';
import { createAgentAuth } from './transport/socket/agent-auth.js';
import { createAgentHandlers } from './transport/socket/agent-handlers.js';
import { createAgentPresence } from './transport/socket/agent-presence.js';
import { hashSessionToken } from './domain/auth-service.js';
import { rooms } from './transport/socket/rooms.js';
import { createSocketNotifier } from './transport/socket/socket-notifier.js';
import { namespacesOf } from './transport/socket/typed-namespaces.js';
import { createVisitorAuth } from './transport/socket/visitor-auth.js';
import { createVisitorHandlers } from './transport/socket/visitor-handlers.js';

export interface AppDeps {
  config: Pick<Config, 'publicUrl' | 'sessionTtlSeconds' | 'trustProxy'>;
  logger: Logger;
  redis: RedisClient;
  /** Site whose key the demo storefront embeds; null hides /demo. */
  demoSite: Site | null;
  paths?: StaticPaths;
}

export interface HiloApp {
  httpServer: HttpServer;
  io: Server;
  /** Stops taking connections, closes sockets (clients reconnect to another process) and the adapter's Redis link. */
  close(): Promise<void>;
}

const repoRoot = new URL('../../', import.meta.url);
const defaultPaths: StaticPaths = {
  widgetDist: fileURLToPath(new URL('widget/dist', repoRoot)),
  consoleDist: fileURLToPath(new URL('console/dist', repoRoot)),
};

/** Builds the whole server from its dependencies; `main.ts` and the tests both call this. */
export async function createApp({ config, logger, redis, demoSite, paths = defaultPaths }: AppDeps): Promise<HiloApp> {
  const sites = createSiteStore(redis);
  const agentStore = createAgentStore(redis);
  const auth = createAuthService({
    agents: agentStore,
    sessions: createSessionStore(redis),
    limiter: createRateLimiter(redis),
    sessionTtlSeconds: config.sessionTtlSeconds,
  });

  const app = express();
  const httpServer = createServer(app);
  const subscriber = redis.duplicate();
  subscriber.on('error', (err: Error) => logger.warn({ err }, 'redis adapter subscriber error'));
  await subscriber.connect();
  const io = new Server(httpServer, {
    adapter: createShardedAdapter(redis, subscriber),
    // The visitor namespace checks each site's own allow-list; CORS only lets the browser ask.
    cors: { origin: true, credentials: false },
    maxHttpBufferSize: 64 * 1024,
    pingInterval: 20_000,
    pingTimeout: 20_000,
  });
  const { visitors, agents } = namespacesOf(io);

  const conversations = createConversationService({
    conversations: createConversationStore(redis),
    visitors: createVisitorStore(redis),
    notifier: createSocketNotifier(visitors, agents),
  });

  const publicOrigin = new URL(config.publicUrl).origin;
  const consoleOrigins = (host: string | undefined) => {
    const origins = [publicOrigin];
    if (host) origins.push(`http://${host}`, `https://${host}`);
    return origins;
  };

  const presence = createAgentPresence(agents, visitors, logger);
  visitors.use(createVisitorAuth({ sites, logger }));
  visitors.on('connection', createVisitorHandlers({ conversations, presence, logger }));
  agents.use(createAgentAuth({ auth, consoleOrigins, logger }));
  agents.on('connection', createAgentHandlers({ conversations, auth, presence, logger }));

  app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');
  app.use(
    helmet({
      contentSecurityPolicy: false,
      crossOriginResourcePolicy: { policy: 'same-site' },
      // The visitor handshake falls back to the Referer's origin when a same-origin request omits Origin.
      referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    }),
  );
  app.use(createHealthRoutes(() => redis.ping()));
  app.use('/widget', createWidgetRoutes(paths));
  app.use('/console', createConsoleRoutes(paths));
  app.get('/', (_req, res) => res.redirect('/console/'));
  if (demoSite) {
    const page = storefrontPage(embedSnippet(config.publicUrl, demoSite.publicKey));
    app.get('/demo', (_req, res) => {
      res.type('html').set('Cache-Control', 'no-cache').send(page);
    });
  }
  app.use('/api', express.json({ limit: '32kb' }), csrfGuard(consoleOrigins));
  app.use(
    '/api/auth',
    createAuthRoutes({
      auth,
      publicUrl: config.publicUrl,
      sessionTtlSeconds: config.sessionTtlSeconds,
      onSignOut: (token) => agents.in(rooms.agentSession(hashSessionToken(token))).disconnectSockets(true),
    }),
  );
  app.use(notFound);
  app.use(errorHandler(logger));

  return {
    httpServer,
    io,
    async close() {
      // io.close() also closes the HTTP server; it resolves once every socket is gone.
      await new Promise<void>((resolve) => {
        io.close(() => resolve());
      });
      await subscriber.close();
    },
  };
}
