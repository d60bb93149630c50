import { createServer, type Server as HttpServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { createShardedAdapter } from '@socket.io/redis-adapter';
import express from 'express';
import helmet from 'helmet';
import { Server } from 'socket.io';
import type { Config } from './config.js';
import { createAuthService } from './domain/auth-service.js';
import { createEmailOutbox, type EmailOutbox, type EmailOutboxOptions } from './channels/email/email-outbox.js';
import type { Mailer } from './channels/email/mailer.js';
import { createContactService, type ContactService } from './domain/contact-service.js';
import { createConversationService, type ConversationService } from './domain/conversation-service.js';
import { createEmailService, type EmailService } from './domain/email-service.js';
import { DomainError } from './domain/errors.js';
import { createTimelineService, type TimelineService } from './domain/timeline-service.js';
import { createContactStore } from './store/contact-store.js';
import { createAttachmentStore, createEmailThreadStore } from './store/email-thread-store.js';
import { createTimelineStore } from './store/timeline-store.js';
import { createAttachmentRoutes } from './transport/http/attachment-routes.js';
import { createDemoRoutes } from './transport/http/demo-routes.js';
import { createIntegrationRoutes } from './transport/http/integration-routes.js';
import type { Site } from './domain/ports.js';
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
  config: Pick<Config, 'publicUrl' | 'sessionTtlSeconds' | 'trustProxy'> & Partial<Pick<Config, 'phoneDefaultCountry'>>;
  logger: Logger;
  redis: RedisClient;
  /** Site whose key the demo storefront embeds; null hides /demo. */
  demoSite: Site | null;
  /** Where agents' email replies leave; null turns outbound email off. */
  mailer: Pick<Mailer, 'send'> | null;
  /** Test hook: outbox retry timings. */
  outboxTimings?: Pick<EmailOutboxOptions, 'baseDelayMs' | 'maxAttempts' | 'pollMs'>;
  paths?: StaticPaths;
}

export interface HiloServices {
  conversations: ConversationService;
  contacts: ContactService;
  timeline: TimelineService;
  email: EmailService;
  outbox: EmailOutbox | null;
}

export interface HiloApp {
  httpServer: HttpServer;
  io: Server;
  services: HiloServices;
  /** Stops taking connections, closes sockets (clients reconnect to another process) and the adapter's Redis link. */
  close(): Promise<void>;
}

const repoRoot = new URL('../../', import.meta.url);
const defaultPaths: StaticPaths = {
  widgetDist: fileURLToPath(new URL('widget/dist', repoRoot)),
  consoleDist: fileURLToPath(new URL('console/dist', repoRoot)),
};

/** Builds the whole server from its dependencies; `main.ts` and the tests both call this. */
export async function createApp({ config, logger, redis, demoSite, mailer, outboxTimings, paths = defaultPaths }: AppDeps): Promise<HiloApp> {
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

  const notifier = createSocketNotifier(visitors, agents);
  const presence = createAgentPresence(agents, visitors, logger);
  const conversationStore = createConversationStore(redis);
  const visitorStore = createVisitorStore(redis);
  const timelineStore = createTimelineStore(redis);
  const contacts = createContactService({
    contacts: createContactStore(redis),
    timeline: timelineStore,
    visitors: visitorStore,
    conversations: conversationStore,
    notifier,
    phoneCountry: config.phoneDefaultCountry,
  });
  const timeline = createTimelineService({ timeline: timelineStore, conversations: conversationStore, contacts, notifier, phoneCountry: config.phoneDefaultCountry });
  let outbox: EmailOutbox | null = null;
  // The email service and the conversation service need each other; the getters break the cycle.
  const email = createEmailService({
    sites,
    conversations: conversationStore,
    conversationService: () => conversations,
    contacts,
    threads: createEmailThreadStore(redis),
    attachments: createAttachmentStore(redis),
    presence,
    notifier,
    outbox: () => {
      if (!outbox) throw new DomainError('unavailable', 'Outbound email is not configured');
      return outbox;
    },
  });
  const conversations = createConversationService({
    conversations: conversationStore,
    visitors: visitorStore,
    contacts,
    timeline: timelineStore,
    notifier,
    presence,
    ...(mailer ? { emailReplies: email.replies } : {}),
  });
  if (mailer) {
    outbox = createEmailOutbox({ redis, mailer, logger, onDelivery: (job, delivery) => email.delivered(job, delivery), ...outboxTimings });
    outbox.start();
  }

  const publicOrigin = new URL(config.publicUrl).origin;
  const consoleOrigins = (host: string | undefined) => {
    const origins = [publicOrigin];
    if (host) origins.push(`http://${host}`, `https://${host}`);
    return origins;
  };

  visitors.use(createVisitorAuth({ sites, logger }));
  visitors.on('connection', createVisitorHandlers({ conversations, contacts, presence, logger }));
  agents.use(createAgentAuth({ auth, consoleOrigins, logger }));
  agents.on('connection', createAgentHandlers({ conversations, contacts, timeline, auth, presence, logger }));

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
  if (demoSite) app.use('/demo', createDemoRoutes({ publicUrl: config.publicUrl, site: demoSite }));
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
  app.use('/api/attachments', createAttachmentRoutes({ auth, attachments: createAttachmentStore(redis) }));
  app.use('/api', createIntegrationRoutes({ sites, timeline, email }));
  app.use(notFound);
  app.use(errorHandler(logger));

  return {
    httpServer,
    io,
    services: { conversations, contacts, timeline, email, outbox },
    async close() {
      await outbox?.stop();
      // io.close() also closes the HTTP server; it resolves once every socket is gone.
      await new Promise<void>((resolve) => {
        io.close(() => resolve());
      });
      await subscriber.close();
    },
  };
}
