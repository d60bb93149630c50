import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Ack, AgentClientToServer, AgentServerToClient, VisitorClientToServer, VisitorServerToClient } from '@hilo/shared';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { createApp, type HiloApp } from '../src/app.js';
import type { Mailer } from '../src/channels/email/mailer.js';
import type { ProtectionOptions } from '../src/transport/protection/protection.js';
import { bootstrap } from '../src/domain/bootstrap.js';
import type { Site } from '../src/domain/ports.js';
import { startRedisServer, type RedisServerProcess } from '../src/infra/redis-server-process.js';
import { createLogger, type Logger } from '../src/logger.js';
import { createAgentStore } from '../src/store/agent-store.js';
import { connectRedis, type RedisClient } from '../src/store/redis-client.js';
import { createSiteStore } from '../src/store/site-store.js';
import type { WebhooksOptions } from '../src/channels/webhooks/webhooks.js';

export interface TestRedis extends RedisServerProcess {
  dir: string;
  /** Stops redis-server and removes its data folder. */
  dispose(): Promise<void>;
}

/** A private redis-server on a free port, never the machine's shared one. */
export async function startTestRedis(options: { appendonly?: boolean; port?: number; dir?: string } = {}): Promise<TestRedis> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'hilo-redis-'));
  const server = await startRedisServer({ dir, appendonly: options.appendonly ?? false, port: options.port });
  return {
    ...server,
    dir,
    async dispose() {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function testClient(url: string): Promise<RedisClient> {
  return connectRedis({ url, onError: () => undefined });
}

export const ADMIN = { email: 'admin@hilo.test', password: 'correct horse battery' };
const STATIC_FIXTURES = {
  widgetDist: fileURLToPath(new URL('./fixtures/static/widget', import.meta.url)),
  consoleDist: fileURLToPath(new URL('./fixtures/static/console', import.meta.url)),
};

export const INTEGRATION_TOKEN = 'it_test_token_0123456789abcdef';

export interface TestServer {
  url: string;
  site: Site;
  redis: RedisClient;
  app: HiloApp;
  close(): Promise<void>;
}

/** A full Hilo server on an ephemeral port, wired exactly as main.ts does. */
export async function startTestServer(
  redisUrl: string,
  options: {
    mailer?: Pick<Mailer, 'send'> | null;
    protection?: Partial<ProtectionOptions>;
    logger?: Logger;
    /** Webhook delivery timings, and whether loopback receivers are allowed. */
    webhooks?: WebhooksOptions;
    webhooksAllowPrivate?: boolean;
  } = {},
): Promise<TestServer> {
  const redis = await testClient(redisUrl);
  const logger = options.logger ?? createLogger('silent');
  // The port is not known before listening, so the allow-list uses a placeholder fixed below.
  const { site } = await bootstrap(createSiteStore(redis), createAgentStore(redis), {
    publicUrl: 'http://127.0.0.1:1',
    extraOrigins: ['https://shop.example'],
    adminEmail: ADMIN.email,
    adminPassword: ADMIN.password,
    supportEmail: 'support@shop.example',
    integrationToken: INTEGRATION_TOKEN,
  });
  const app = await createApp({
    // Fixed static files: tests never depend on whether widget/ and console/ were built.
    paths: STATIC_FIXTURES,
    config: { publicUrl: 'http://127.0.0.1:1', sessionTtlSeconds: 3600, trustProxy: false, webhooksAllowPrivate: options.webhooksAllowPrivate ?? false },
    logger,
    redis,
    demoSite: site,
    mailer: options.mailer ?? null,
    outboxTimings: { baseDelayMs: 50, pollMs: 50 },
    ...(options.webhooks && { webhooks: options.webhooks }),
    // Behaviour tests send fast from one address, and a busy test machine must not make them shed
    // load; limits and shedding are tested on their own (protection.test.ts, faults/overload.test.ts).
    protection: options.protection ?? { visitor: NO_LIMIT, agent: NO_LIMIT, ip: NO_LIMIT, overload: { maxLagMs: 60_000, maxRedisLatencyMs: 60_000 } },
  });
  await new Promise<void>((resolve) => app.httpServer.listen(0, '127.0.0.1', resolve));
  const { port } = app.httpServer.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    site,
    redis,
    app,
    async close() {
      await app.close();
      // close() waits for pending replies; one sent as a test stopped Redis may never come.
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), 5000);
      });
      const closed = await Promise.race([redis.close().then(() => true), late]);
      clearTimeout(timer);
      if (!closed) redis.destroy();
    },
  };
}

export type VisitorClient = Socket<VisitorServerToClient, VisitorClientToServer>;
export type AgentClient = Socket<AgentServerToClient, AgentClientToServer>;

export const SHOP_ORIGIN = 'https://shop.example';
const NO_LIMIT = { burst: 1e9, perSecond: 1e9 };

export function visitorClient(url: string, auth: { siteKey: string; token?: string }, origin = SHOP_ORIGIN): VisitorClient {
  return connect(`${url}/visitor`, {
    auth,
    extraHeaders: { origin },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
}

export function agentClient(url: string, cookie: string, origin?: string): AgentClient {
  return connect(`${url}/agent`, {
    extraHeaders: { cookie, ...(origin ? { origin } : {}) },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
}

/** Resolves with the session:ready payload, or rejects with the connect_error message. */
export function whenReady(socket: VisitorClient): Promise<{ visitorId: string; token: string }> {
  return new Promise((resolve, reject) => {
    socket.once('session:ready', resolve);
    socket.once('connect_error', (err) => reject(err));
  });
}

export function whenConnected(socket: AgentClient): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (err) => reject(err));
  });
}

/** Emits an acknowledged event with a raw payload (tests also send malformed ones) and resolves with the ack. */
export function request<T>(socket: Socket, event: string, payload: unknown): Promise<Ack<T>> {
  return socket.timeout(5000).emitWithAck(event, payload) as Promise<Ack<T>>;
}

export function nextEvent<T>(socket: Socket, event: string, timeoutMs = 5000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event} within ${timeoutMs} ms`)), timeoutMs);
    socket.once(event, (payload: T) => {
      clearTimeout(timer);
      resolve(payload);
    });
  });
}

export async function signIn(url: string, credentials = ADMIN): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(credentials),
  });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.get('set-cookie') ?? '';
  return cookie.split(';')[0] ?? '';
}

export function uuid(): string {
  return crypto.randomUUID();
}

/**
 * For store tests: a private Redis for the test file, one client on it, and a fresh site id per test.
 * Call at the top of the file; read the client and the site id inside tests.
 */
export function redisForStoreTests(): { client(): RedisClient; siteId(): string } {
  let server: TestRedis;
  let client: RedisClient;
  let site = 0;
  beforeAll(async () => {
    server = await startTestRedis();
    client = await testClient(server.url);
  });
  afterAll(async () => {
    client.destroy();
    await server.dispose();
  });
  beforeEach(() => {
    site += 1;
  });
  return { client: () => client, siteId: () => `s_${site}` };
}

/** Script calls (EVAL and EVALSHA) this Redis has run so far: tells how many calls a batch took. */
export async function scriptCalls(redis: RedisClient): Promise<number> {
  const stats = await redis.info('commandstats');
  return [...stats.matchAll(/cmdstat_(?:evalsha|eval):calls=(\d+)/g)].reduce((sum, m) => sum + Number(m[1]), 0);
}
