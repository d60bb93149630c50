import { join } from 'node:path';
import { createApp } from './app.js';
import { startInboundSmtp, type InboundSmtp } from './channels/email/inbound-smtp.js';
import { createMailer, type Mailer } from './channels/email/mailer.js';
import { startSmtpSink, type SmtpSink } from './channels/email/smtp-sink.js';
import { ConfigError, loadConfig } from './config.js';
import { seedDemoCustomer } from './demo/demo-seed.js';
import { seedDemoArticles } from './demo/demo-articles.js';
import { seedDemoActivity } from './demo/demo-activity.js';
import { createActivityStore } from './store/activity-store.js';
import { createRoutingStore } from './store/routing-store.js';
import { bootstrap } from './domain/bootstrap.js';
import { embedSnippet } from './domain/site-install-service.js';
import { RedisServerMissingError, startRedisServer, type RedisServerProcess } from './infra/redis-server-process.js';
import { createLogger } from './logger.js';
import { createMetrics } from './observability/metrics.js';
import { protectionRules } from './transport/protection/protection.js';
import { createAgentStore } from './store/agent-store.js';
import { createConversationStore } from './store/conversation-store.js';
import { createEmailThreadStore } from './store/email-thread-store.js';
import { connectRedis, connectRedisCluster } from './store/redis-client.js';
import { createSiteStore } from './store/site-store.js';
import { createTimelineStore } from './store/timeline-store.js';

let localRedis: RedisServerProcess | null = null;

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const logger = createLogger(config.logLevel);

  let redisUrl = config.redisUrl;
  if (!redisUrl && !config.redisClusterUrls) {
    localRedis = await startRedisServer({ dir: join(config.dataDir, 'redis'), appendonly: true });
    redisUrl = localRedis.url;
    logger.info({ redisPid: localRedis.pid, redisPort: localRedis.port }, 'started a local redis-server (REDIS_URL unset)');
  }

  const metrics = createMetrics();
  const onError = (err: Error) => {
    metrics.redisErrors.inc({ client: 'main' });
    logger.warn({ err: err.message }, 'redis error');
  };
  const redis = config.redisClusterUrls
    ? await connectRedisCluster({ urls: config.redisClusterUrls, onError })
    : await connectRedis({ url: redisUrl as string, onError });
  const setup = await bootstrap(createSiteStore(redis), createAgentStore(redis), {
    publicUrl: config.publicUrl,
    extraOrigins: config.demoAllowedOrigins,
    adminEmail: config.adminEmail,
    adminPassword: config.adminPassword,
    supportEmail: config.supportEmail,
    integrationToken: config.integrationToken,
  });

  // Without SMTP_URL, replies go to a local sink so the demo shows them as sent without a mail server.
  let sink: SmtpSink | null = null;
  let mailer: Mailer;
  if (config.smtpUrl) mailer = createMailer(config.smtpUrl);
  else {
    sink = await startSmtpSink({ logger });
    mailer = createMailer(sink.url);
  }

  const app = await createApp({ config, logger, redis, demoSite: setup.site, mailer, metrics, protection: { ...protectionRules(config.rateLimits), overload: { maxInFlight: config.overloadMaxInFlight } } });
  if (setup.createdSite && config.demoSeed) {
    await seedDemoCustomer(
      { contacts: app.services.contacts, conversations: createConversationStore(redis), timeline: createTimelineStore(redis), threads: createEmailThreadStore(redis) },
      setup.site,
    );
    await seedDemoActivity({ activity: createActivityStore(redis), agents: createAgentStore(redis), teams: createRoutingStore(redis) }, setup.site, setup.adminEmail);
    await seedDemoArticles(app.services.knowledge, setup.site.id);
  }

  let inbound: InboundSmtp | null = null;
  if (config.smtpInboundPort !== null) {
    inbound = await startInboundSmtp({
      host: config.smtpInboundHost,
      port: config.smtpInboundPort,
      maxMessageBytes: 25 * 1024 * 1024,
      maxAttachmentBytes: config.attachmentMaxBytes,
      acceptRecipient: (address) => app.services.email.accepts(address),
      onEmail: async (email, envelope) => {
        await app.services.email.receive(email, envelope.rcptTo);
      },
      logger,
    });
  }

  await new Promise<void>((resolve, reject) => {
    app.httpServer.once('error', reject);
    app.httpServer.listen(config.port, config.host, resolve);
  });
  const address = app.httpServer.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const base = config.publicUrl.endsWith(`:${config.port}`) && port !== config.port ? config.publicUrl.replace(/:\d+$/, `:${port}`) : config.publicUrl;
  logger.info({ port, host: config.host, smtpPort: inbound?.port ?? null }, 'listening');

  const password = setup.generatedPassword
    ? setup.generatedPassword
    : config.adminPassword
      ? '(the ADMIN_PASSWORD you set)'
      : '(printed at first start; set ADMIN_PASSWORD to reset it)';
  const token = setup.generatedIntegrationToken ?? (config.integrationToken ? '(the INTEGRATION_TOKEN you set)' : '(printed at first start; set INTEGRATION_TOKEN to replace it)');
  console.log(
    [
      '',
      '  Hilo is running.',
      `  Storefront demo:  ${base}/demo`,
      `  Agent console:    ${base}/console/`,
      `  Help centre:      ${base}/help/${setup.site.publicKey}`,
      `  REST API:         ${base}/api/v1/openapi.json (tokens: console → Settings → API tokens)`,
      `  Sign in as:       ${setup.adminEmail}`,
      `  Password:         ${password}`,
      `  Embed snippet:    ${embedSnippet(base, setup.site.publicKey)}`,
      `  Support email:    ${setup.site.supportEmail}${inbound ? ` (inbound SMTP on ${config.smtpInboundHost}:${inbound.port})` : ' (inbound SMTP off)'}`,
      `  Outbound email:   ${sink ? `local sink at ${sink.url} (set SMTP_URL to send for real)` : 'SMTP_URL'}`,
      `  Integration token (POST /api/calls, /api/email/inbound): ${token}`,
      '',
    ].join('\n'),
  );

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      logger.error('graceful shutdown timed out; exiting');
      // Our redis-server child must not outlive us: SIGTERM makes it write its AOF and stop on its own.
      try {
        if (localRedis) process.kill(localRedis.pid, 'SIGTERM');
      } catch {
        // Already gone.
      }
      process.exit(1);
    }, config.shutdownGraceMs);
    force.unref();
    try {
      await inbound?.close();
      await app.close();
      mailer.close();
      await sink?.close();
      await redis.close();
      await localRedis?.stop();
      process.exit(0);
    } catch (err) {
      logger.error({ err }, 'error during shutdown');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch(async (err: unknown) => {
  await localRedis?.stop();
  if (err instanceof ConfigError || err instanceof RedisServerMissingError) {
    console.error(err.message);
  } else {
    console.error('Hilo failed to start:', err);
  }
  process.exit(1);
});
