import { z } from 'zod';

const boolish = z.enum(['0', '1', 'true', 'false']).transform((v) => v === '1' || v === 'true');

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
  /** Comma-separated seed nodes of a Redis Cluster (redis://host:port,…); wins over REDIS_URL. */
  REDIS_CLUSTER_URLS: z.string().regex(/^rediss?:\/\/[^,\s]+(,rediss?:\/\/[^,\s]+)*$/, 'comma-separated redis:// URLs').optional(),
  DATA_DIR: z.string().min(1).default('.data'),
  SESSION_TTL_HOURS: z.coerce.number().positive().max(24 * 30).default(12),
  ADMIN_EMAIL: z.email().default('admin@hilo.test'),
  ADMIN_PASSWORD: z.string().min(10, 'ADMIN_PASSWORD must be at least 10 characters').max(200).optional(),
  DEMO_ALLOWED_ORIGINS: z.string().default(''),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: boolish.default(false),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(120_000).default(10_000),
  SUPPORT_EMAIL: z.email().default('support@hilo.test'),
  SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
  SMTP_INBOUND_PORT: z.union([z.literal('off'), z.coerce.number().int().min(0).max(65535)]).default(2525),
  SMTP_INBOUND_HOST: z.string().min(1).default('127.0.0.1'),
  ATTACHMENT_MAX_BYTES: z.coerce.number().int().min(0).max(50 * 1024 * 1024).default(5 * 1024 * 1024),
  INTEGRATION_TOKEN: z.string().min(24, 'INTEGRATION_TOKEN must be at least 24 characters').max(200).optional(),
  PHONE_DEFAULT_COUNTRY: z.string().regex(/^[A-Z]{2}$/, 'PHONE_DEFAULT_COUNTRY is a two-letter country code such as ES').optional(),
  DEMO_SEED: boolish.default(true),
  RATE_LIMIT_VISITOR_PER_SECOND: z.coerce.number().positive().default(5),
  RATE_LIMIT_AGENT_PER_SECOND: z.coerce.number().positive().default(20),
  RATE_LIMIT_IP_PER_SECOND: z.coerce.number().positive().default(100),
  OVERLOAD_MAX_IN_FLIGHT: z.coerce.number().int().positive().default(2000),
  /** Off by default: a URL on loopback or a private network is how webhooks reach internal services (SSRF). */
  WEBHOOKS_ALLOW_PRIVATE: boolish.default(false),
});

export interface Config {
  port: number;
  host: string;
  /** Origin people use to reach this server (used in the embed snippet and the agent origin check). */
  publicUrl: string;
  redisUrl: string | undefined;
  /** Seed nodes when Hilo runs on Redis Cluster; null for a single Redis. */
  redisClusterUrls: string[] | null;
  dataDir: string;
  sessionTtlSeconds: number;
  adminEmail: string;
  adminPassword: string | undefined;
  demoAllowedOrigins: string[];
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  trustProxy: boolean;
  shutdownGraceMs: number;
  supportEmail: string;
  smtpUrl: string | undefined;
  /** Null when the inbound SMTP listener is off. */
  smtpInboundPort: number | null;
  smtpInboundHost: string;
  attachmentMaxBytes: number;
  integrationToken: string | undefined;
  phoneDefaultCountry: string | undefined;
  demoSeed: boolean;
  /** Sustained socket events / HTTP requests per second allowed (bursts of four seconds' worth). */
  rateLimits: { visitor: number; agent: number; ip: number };
  /** Socket events / HTTP requests being worked on at once before new ones are shed. */
  overloadMaxInFlight: number;
  /** Webhook URLs may point at loopback and private networks (SSRF guard off). */
  webhooksAllowPrivate: boolean;
}

export class ConfigError extends Error {}

/** Reads and checks the environment once at start; a bad value stops the process with a readable list. */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.') || '(env)'}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const publicUrl = new URL(e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).origin;
  return {
    port: e.PORT,
    host: e.HOST,
    publicUrl,
    redisUrl: e.REDIS_URL,
    redisClusterUrls: e.REDIS_CLUSTER_URLS ? e.REDIS_CLUSTER_URLS.split(',') : null,
    dataDir: e.DATA_DIR,
    sessionTtlSeconds: Math.round(e.SESSION_TTL_HOURS * 3600),
    adminEmail: e.ADMIN_EMAIL.toLowerCase(),
    adminPassword: e.ADMIN_PASSWORD,
    demoAllowedOrigins: e.DEMO_ALLOWED_ORIGINS.split(',').map((s) => s.trim()).filter(Boolean),
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY,
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    supportEmail: e.SUPPORT_EMAIL.toLowerCase(),
    smtpUrl: e.SMTP_URL,
    smtpInboundPort: e.SMTP_INBOUND_PORT === 'off' ? null : e.SMTP_INBOUND_PORT,
    smtpInboundHost: e.SMTP_INBOUND_HOST,
    attachmentMaxBytes: e.ATTACHMENT_MAX_BYTES,
    integrationToken: e.INTEGRATION_TOKEN,
    phoneDefaultCountry: e.PHONE_DEFAULT_COUNTRY,
    demoSeed: e.DEMO_SEED,
    rateLimits: { visitor: e.RATE_LIMIT_VISITOR_PER_SECOND, agent: e.RATE_LIMIT_AGENT_PER_SECOND, ip: e.RATE_LIMIT_IP_PER_SECOND },
    overloadMaxInFlight: e.OVERLOAD_MAX_IN_FLIGHT,
    webhooksAllowPrivate: e.WEBHOOKS_ALLOW_PRIVATE,
  };
}
