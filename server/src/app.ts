import { createServer, type Server as HttpServer } from 'node:http';
import type { Duplex } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { createShardedAdapter } from '@socket.io/redis-adapter';
import { guardSubscriptions } from './store/guard-subscriptions.js';
import { skipOwnPublishes } from './store/skip-own-publishes.js';
import { coalesceWrites } from './transport/coalesce-writes.js';
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
import { createAttachmentStore } from './store/attachment-store.js';
import { createEmailThreadStore } from './store/email-thread-store.js';
import { createTimelineStore } from './store/timeline-store.js';
import { createAttachmentRoutes } from './transport/http/attachment-routes.js';
import { createDemoRoutes } from './transport/http/demo-routes.js';
import { createIntegrationRoutes } from './transport/http/integration-routes.js';
import type { Site } from './domain/ports.js';
import type { Logger } from './logger.js';
import { createAgentStore } from './store/agent-store.js';
import { createConversationStore } from './store/conversation-store.js';
import { watchRedis, type RedisClient } from './store/redis-client.js';
import { createSessionStore, createRateLimiter } from './store/session-store.js';
import { createSiteStore } from './store/site-store.js';
import { createWidgetSettingsStore } from './store/widget-settings-store.js';
import { createReadStateStore } from './store/read-state-store.js';
import { createChatSignalsService } from './domain/chat-signals-service.js';
import { createChatSignalsNotifier } from './transport/socket/chat-signals-notifier.js';
import { createAgentChatSignalHandlers, createVisitorChatSignalHandlers } from './transport/socket/chat-signals-handlers.js';
import { createAfterChatService } from './domain/after-chat-service.js';
import { createAfterChatStore } from './store/after-chat-store.js';
import { createAfterChatNotifier, createAgentAfterChatHandlers, createVisitorAfterChatHandlers, withResolvedForVisitors } from './transport/socket/after-chat-handlers.js';
import { createWidgetSettingsService } from './domain/widget-settings-service.js';
import { createWidgetConfigRoutes, createWidgetSettingsRoutes } from './transport/http/widget-settings-routes.js';
import { createReportService } from './domain/reports/report-service.js';
import { createReportRoutes } from './transport/http/report-routes.js';
import { createChatAttachmentService } from './domain/chat-attachment-service.js';
import { createChatAttachmentRoutes } from './transport/http/chat-attachment-routes.js';
import { createVisitorStore } from './store/visitor-store.js';
import { createAuthRoutes } from './transport/http/auth-routes.js';
import { csrfGuard } from './transport/http/csrf-guard.js';
import { createApiTokenService } from './domain/api-token-service.js';
import { createApiTokenStore } from './store/api-token-store.js';
import { createApiTokenRoutes } from './transport/http/api-token-routes.js';
import { createSiteInstallRoutes } from './transport/http/site-install-routes.js';
import { createSiteInstallService } from './domain/site-install-service.js';
import { restApiSpec } from './transport/http/rest/api-spec.js';
import { createRestRouter } from './transport/http/rest/rest-router.js';
import { createHealthRoutes } from './transport/http/health-routes.js';
import { errorHandler, notFound } from './transport/http/http-errors.js';
import { createConsoleRoutes, createWidgetRoutes, type StaticPaths } from './transport/http/static-routes.js';
import { createAgentAuth } from './transport/socket/agent-auth.js';
import { createAgentHandlers } from './transport/socket/agent-handlers.js';
import { createWorkflow } from './workflow-wiring.js';
import { createInviteRoutes } from './transport/http/invite-routes.js';
import type { WorkflowService } from './domain/workflow-service.js';
import { createAgentPresence } from './transport/socket/agent-presence.js';
import { hashSessionToken } from './domain/auth-service.js';
import { rooms } from './transport/socket/rooms.js';
import { createSocketNotifier } from './transport/socket/socket-notifier.js';
import { announceResync, announceResyncEverywhere, onceStoreAnswers, onResubscribed } from './transport/socket/resync-hint.js';
import { createSoloMode } from './transport/socket/solo-mode.js';
import { textParser } from './transport/socket/text-encoder.js';
import { namespacesOf } from './transport/socket/typed-namespaces.js';
import { createVisitorAuth } from './transport/socket/visitor-auth.js';
import { createVisitorHandlers } from './transport/socket/visitor-handlers.js';
import { instrumentNotifier } from './observability/instrument-notifier.js';
import { createMetrics, type HiloMetrics } from './observability/metrics.js';
import { createMetricsRoutes } from './observability/metrics-routes.js';
import { createActivityLog, type ActivityLog } from './domain/activity.js';
import { createActivityStore } from './store/activity-store.js';
import { createArticleSearch } from './domain/article-search.js';
import { createAnswerBot } from './domain/answer-bot.js';
import { createKnowledgeService, type KnowledgeService } from './domain/knowledge-service.js';
import { createArticleStore } from './store/article-store.js';
import { createBotStateStore } from './store/bot-state-store.js';
import { createHelpPageRoutes } from './transport/http/help-page-routes.js';
import { createKnowledgeRoutes } from './transport/http/knowledge-routes.js';
import { createWidgetKnowledgeRoutes } from './transport/http/widget-knowledge-routes.js';
import { createVisitorBotHandlers, subscribeAnswerBot } from './transport/socket/bot-handlers.js';
import { createWebhooks, type WebhooksOptions } from './channels/webhooks/webhooks.js';
import { createWebhookRoutes } from './transport/http/webhook-routes.js';
import { createProtection, DEFAULT_PROTECTION, type ProtectionOptions } from './transport/protection/protection.js';

export interface AppDeps {
  config: Pick<Config, 'publicUrl' | 'sessionTtlSeconds' | 'trustProxy'> & Partial<Pick<Config, 'phoneDefaultCountry' | 'webhooksAllowPrivate'>>;
  logger: Logger;
  redis: RedisClient;
  /** Site whose key the demo storefront embeds; null hides /demo. */
  demoSite: Site | null;
  /** Where agents' email replies leave; null turns outbound email off. */
  mailer: Pick<Mailer, 'send'> | null;
  /** Test hook: outbox retry timings. */
  outboxTimings?: Pick<EmailOutboxOptions, 'baseDelayMs' | 'maxAttempts' | 'pollMs'>;
  /** Test hook: webhook retry timings and cache. */
  webhooks?: WebhooksOptions;
  paths?: StaticPaths;
  /** Rate limits and overload thresholds; defaults in transport/protection/protection.ts. */
  protection?: Partial<ProtectionOptions>;
  /** main.ts passes its own so the Redis client's errors are counted too. */
  metrics?: HiloMetrics;
}

export interface HiloServices {
  conversations: ConversationService;
  contacts: ContactService;
  timeline: TimelineService;
  email: EmailService;
  outbox: EmailOutbox | null;
  workflow: WorkflowService;
  /** Recorded events: reports read them, webhooks and the answer bot listen to them. */
  activity: ActivityLog;
  /** Knowledge base articles and the answer bot's settings (main.ts seeds the demo's). */
  knowledge: KnowledgeService;
}

export interface HiloApp {
  httpServer: HttpServer;
  io: Server;
  services: HiloServices;
  /** Stops taking connections, closes sockets (clients reconnect to another process) and the adapter's Redis link. */
  close(): Promise<void>;
}

const SHUTDOWN_STEP_MS = 5000;

/**
 * A step that waits on Redis as it goes away (a command sent just before, a queue's poll) must not hold
 * shutdown: it moves on after SHUTDOWN_STEP_MS.
 * Resolves false when the step was abandoned; a step's own failure is still thrown.
 */
async function shutdownStep(step: Promise<unknown> | undefined, name: string, logger: Logger): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), SHUTDOWN_STEP_MS);
  });
  try {
    const done = Promise.resolve(step).then(() => 'done' as const);
    // An abandoned step may still fail later; that must not surface as an unhandled rejection.
    done.catch(() => undefined);
    const outcome = await Promise.race([done, late]);
    if (outcome === 'late') logger.warn({ step: name }, 'shutdown step abandoned after waiting too long');
    return outcome === 'done';
  } finally {
    clearTimeout(timer);
  }
}

const repoRoot = new URL('../../', import.meta.url);
const defaultPaths: StaticPaths = {
  widgetDist: fileURLToPath(new URL('widget/dist', repoRoot)),
  consoleDist: fileURLToPath(new URL('console/dist', repoRoot)),
};

/** Builds the whole server from its dependencies; `main.ts` and the tests both call this. */
export async function createApp({ config, logger, redis, demoSite, mailer, outboxTimings, paths = defaultPaths, ...deps }: AppDeps): Promise<HiloApp> {
  const metrics = deps.metrics ?? createMetrics();
  const protection = createProtection({ ...DEFAULT_PROTECTION, trustProxy: config.trustProxy, ...deps.protection }, metrics, logger, () => redis.ping());
  const sites = createSiteStore(redis);
  const widgetSettings = createWidgetSettingsService({ sites, settings: createWidgetSettingsStore(redis) });
  const agentStore = createAgentStore(redis);
  const auth = createAuthService({
    agents: agentStore,
    sessions: createSessionStore(redis),
    limiter: createRateLimiter(redis),
    sessionTtlSeconds: config.sessionTtlSeconds,
  });

  const app = express();
  const httpServer = createServer(app);
  const subscriber = guardSubscriptions(redis.duplicate(), (err) => logger.warn({ err }, 'adapter (un)subscribe failed'));
  const subscriberError = (err: Error) => {
    metrics.redisErrors.inc({ client: 'adapter' });
    logger.warn({ err }, 'redis adapter subscriber error');
  };
  subscriber.on('error', subscriberError);
  await subscriber.connect();
  // Every WebSocket connection (the HTTP long-polling fallback answers one request at a time anyway).
  httpServer.on('upgrade', (_req, socket: Duplex) => coalesceWrites(socket));
  const ownPublishes = skipOwnPublishes(subscriber);
  const io = new Server(httpServer, {
    adapter: createShardedAdapter(redis, ownPublishes.subscriber),
    // The visitor namespace checks each site's own allow-list; CORS only lets the browser ask.
    cors: { origin: true, credentials: false },
    maxHttpBufferSize: 64 * 1024,
    parser: textParser,
    allowRequest: protection.allowRequest,
    pingInterval: 20_000,
    pingTimeout: 20_000,
  });
  const { visitors, agents } = namespacesOf(io);
  for (const namespace of [io.of('/'), visitors, agents]) ownPublishes.own(namespace.adapter);
  watchRedis(subscriber, subscriberError);
  const solo = createSoloMode({
    redis,
    subscriber,
    onUnannouncedPeer: () => {
      announceResyncEverywhere(visitors, agents);
      metrics.resyncHints.inc();
      logger.warn('found another Hilo process that had not announced itself: asked every socket to catch up');
    },
    onLateAck: () => {
      const sockets = announceResync(visitors, agents);
      metrics.resyncHints.inc();
      logger.warn({ sockets }, 'a peer answered this process\'s hello late: asked this process\'s sockets to catch up');
    },
  });
  for (const namespace of [io.of('/'), visitors, agents]) solo.own(namespace.adapter);
  metrics.setSoloReader(solo.isSolo);
  // Before any socket is accepted: every running process publishes to this one from here on.
  await solo.start();

  const notifier = withResolvedForVisitors(instrumentNotifier(createSocketNotifier(visitors, agents), metrics), visitors);
  metrics.setSocketCounter(() => ({ visitor: visitors.sockets.size, agent: agents.sockets.size }));
  const presence = createAgentPresence(agents, visitors, logger);
  const stopResync = onResubscribed(subscriber, () => {
    void onceStoreAnswers(
      () => redis.ping(),
      async () => {
        // Peers that came while this subscriber was away publish to this process once they hear it again.
        await solo.join().catch((err: unknown) => logger.warn({ err }, 'could not announce this process to its peers'));
        const sockets = announceResync(visitors, agents);
        presence.refreshLocal();
        metrics.resyncHints.inc();
        logger.warn({ sockets }, 'adapter subscriber is back: asked this process\'s sockets to catch up on missed pushes');
      },
    );
  });
  const activityStore = createActivityStore(redis);
  const activity = createActivityLog({
    store: activityStore,
    onError: (err, event) => logger.warn({ err, type: event.type }, 'activity event not recorded'),
  });
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
    activity,
  });
  const timeline = createTimelineService({ timeline: timelineStore, conversations: conversationStore, contacts, notifier, phoneCountry: config.phoneDefaultCountry });
  const attachmentStore = createAttachmentStore(redis);
  let outbox: EmailOutbox | null = null;
  // The email service and the conversation service need each other; the getters break the cycle.
  const email = createEmailService({
    sites,
    conversations: conversationStore,
    conversationService: () => conversations,
    contacts,
    threads: createEmailThreadStore(redis),
    attachments: attachmentStore,
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
    // Routing and inbox views follow every message; a failure there must not fail the stored message.
    afterMessage: (c, m) => workflowParts.afterMessage(c, m).catch((err: unknown) => logger.warn({ err }, 'workflow after message failed')),
    activity,
  });
  const workflowParts = createWorkflow({ redis, agents, agentStore, conversationStore, visitorStore, contactStore: createContactStore(redis), notifier, activity, logger, publicUrl: config.publicUrl });
  const { workflow, invites, transport: workflowTransport } = workflowParts;
  if (mailer) {
    outbox = createEmailOutbox({ redis, mailer, logger, onDelivery: (job, delivery) => email.delivered(job, delivery), ...outboxTimings });
    outbox.start();
  }
  const webhooks = createWebhooks({ redis, logger, activity, contacts, allowPrivate: config.webhooksAllowPrivate ?? false, options: deps.webhooks });
  webhooks.start();

  const publicOrigin = new URL(config.publicUrl).origin;
  const consoleOrigins = (host: string | undefined) => {
    const origins = [publicOrigin];
    if (host) origins.push(`http://${host}`, `https://${host}`);
    return origins;
  };

  visitors.use(createVisitorAuth({ sites, logger }));
  visitors.on('connection', protection.visitorSocket);
  visitors.on('connection', createVisitorHandlers({ conversations, contacts, presence, logger }));
  const chatSignals = createChatSignalsService({ conversations: conversationStore, visitors: visitorStore, reads: createReadStateStore(redis), notifier: createChatSignalsNotifier(visitors, agents) });
  visitors.on('connection', createVisitorChatSignalHandlers({ signals: chatSignals, logger }));
  const afterChat = createAfterChatService({ conversations: conversationStore, visitors: visitorStore, store: createAfterChatStore(redis), mailer: () => outbox, notifier: createAfterChatNotifier(agents), activity });
  visitors.on('connection', createVisitorAfterChatHandlers({ afterChat, logger }));
  const articleStore = createArticleStore(redis);
  const knowledge = createKnowledgeService({ articles: articleStore, search: createArticleSearch({ source: articleStore }) });
  const botSettingsSource = createWidgetSettingsStore(redis);
  const answerBot = createAnswerBot({
    knowledge,
    state: createBotStateStore(redis),
    conversations: conversationStore,
    append: (conversation, author, input) => conversations.append(conversation, author, input),
    workflow,
    sites,
    visitors: visitorStore,
    contacts,
    businessHours: async (siteId) => (await botSettingsSource.get(siteId)).businessHours,
    presence,
    notifier,
    activity,
  });
  visitors.on('connection', createVisitorBotHandlers({ bot: answerBot, logger }));
  subscribeAnswerBot(activity, answerBot, logger);
  agents.use(createAgentAuth({ auth, consoleOrigins, logger }));
  agents.on('connection', protection.agentSocket);
  agents.on('connection', createAgentHandlers({ conversations, contacts, timeline, auth, presence, logger }));
  agents.on('connection', createAgentChatSignalHandlers({ signals: chatSignals, logger }));
  agents.on('connection', createAgentAfterChatHandlers({ afterChat, logger }));
  agents.on('connection', workflowTransport.onConnection);
  workflowTransport.start();

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
  app.use(createMetricsRoutes(metrics));
  // Files from disk are served before the gate: they cost no Redis, and a shed page would show a shopper
  // raw JSON instead of the shop's chat button, or an agent no sign-in form (seen while a fresh server
  // was busy starting). The widget's own routes (config, files, kb) fall through to the gate.
  app.use('/widget', createWidgetRoutes(paths));
  app.use('/console', createConsoleRoutes(paths));
  app.get('/', (_req, res) => res.redirect('/console/'));
  if (demoSite) app.use('/demo', createDemoRoutes({ publicUrl: config.publicUrl, site: demoSite }));
  // Everything below is rate-limited per address and shed under overload; health and metrics are not.
  app.use(protection.http);
  app.use('/widget/config', createWidgetConfigRoutes({ widgetSettings }));
  const chatFiles = createChatAttachmentService({ attachments: attachmentStore, visitorSend: (siteId, visitorId, input) => conversations.visitorSend(siteId, visitorId, input), fileUrl: (id) => `${publicOrigin}/widget/files/${id}` });
  app.use('/widget/files', createChatAttachmentRoutes({ sites, files: chatFiles }));
  app.use('/widget/kb', createWidgetKnowledgeRoutes({ sites, knowledge }));
  app.use('/help', createHelpPageRoutes({ sites, knowledge, logger }));
  const apiTokens = createApiTokenService({ tokens: createApiTokenStore(redis), agents: agentStore });
  // Bearer tokens only, never cookies: outside the CSRF guard. A token gets the budget of one agent.
  app.use('/api/v1', createRestRouter({
    tokens: apiTokens,
    operations: restApiSpec({ contacts, timeline, conversations, workflow, tokens: apiTokens, sites }),
    limiter: protection.limiter,
    rule: deps.protection?.agent ?? DEFAULT_PROTECTION.agent,
    publicUrl: config.publicUrl,
    metrics,
  }));
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
  app.use('/api/widget-settings', createWidgetSettingsRoutes({ auth, widgetSettings }));
  app.use('/api/api-tokens', createApiTokenRoutes({ auth, tokens: apiTokens }));
  app.use('/api/site', createSiteInstallRoutes({ auth, install: createSiteInstallService({ sites, publicUrl: config.publicUrl }) }));
  app.use('/api/kb', createKnowledgeRoutes({ auth, knowledge }));
  app.use('/api/webhooks', createWebhookRoutes({ auth, webhooks: webhooks.service }));
  app.use('/api/reports', createReportRoutes({ auth, reports: createReportService({ activity: activityStore, agents: agentStore, teams: workflowParts.routing.teams }) }));
  app.use('/api/invites', createInviteRoutes({ invites, auth, publicUrl: config.publicUrl, sessionTtlSeconds: config.sessionTtlSeconds }));
  app.use('/api/attachments', createAttachmentRoutes({ auth, attachments: attachmentStore }));
  app.use('/api', createIntegrationRoutes({ sites, timeline, email }));
  app.use(notFound);
  app.use(errorHandler(logger));

  return {
    httpServer,
    io,
    services: { conversations, contacts, timeline, email, outbox, workflow, activity, knowledge },
    async close() {
      protection.stop();
      stopResync();
      solo.stop();
      await shutdownStep(outbox?.stop(), 'email outbox', logger);
      await shutdownStep(webhooks.stop(), 'webhooks', logger);
      workflowTransport.stop();
      // io.close() also closes the HTTP server; it resolves once every socket is gone.
      await shutdownStep(
        new Promise<void>((resolve) => {
          io.close(() => resolve());
        }),
        'sockets',
        logger,
      );
      if (!(await shutdownStep(subscriber.close(), 'adapter subscriber', logger))) subscriber.destroy();
    },
  };
}
