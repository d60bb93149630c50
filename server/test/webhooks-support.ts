import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WebhookPayload } from '@hilo/shared';
import type { WebhooksOptions } from '../src/channels/webhooks/webhooks.js';
import { startTestServer, type TestServer } from './harness.js';

/** Short timings: retries after 150 ms and 300 ms, three attempts, 400 ms per request. */
export const FAST: WebhooksOptions = { retryDelaysMs: [150, 300], maxAttempts: 3, timeoutMs: 400, pollMs: 25, leaseMs: 5000, cacheMs: 5000 };

/** A Hilo server with webhook timings and loopback receivers allowed. */
export function startWebhookServer(redisUrl: string, webhooks: WebhooksOptions = FAST, allowPrivate = true): Promise<TestServer> {
  const noLimit = { burst: 1e9, perSecond: 1e9 };
  return startTestServer(redisUrl, {
    webhooks,
    webhooksAllowPrivate: allowPrivate,
    // Behaviour tests; shedding under a busy test machine's load is tested in protection.test.ts.
    protection: { visitor: noLimit, agent: noLimit, ip: noLimit, overload: { maxLagMs: 60_000, maxRedisLatencyMs: 60_000 } },
  });
}

export interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  /** The raw body, as signed. */
  body: string;
  payload: WebhookPayload;
  at: number;
}

/** What the receiver answers for the n-th request (1-based) to a path; 'hang' never answers. */
export type Behaviour = (n: number) => number | 'hang';

export interface Receiver {
  url: string;
  received: Received[];
  on(path: string, behaviour: Behaviour): void;
  to(path: string): Received[];
  close(): Promise<void>;
}

/** A local webhook receiver on 127.0.0.1 that records every request (answered 200 unless told otherwise). */
export async function startReceiver(): Promise<Receiver> {
  const received: Received[] = [];
  const behaviours = new Map<string, Behaviour>();
  const counts = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const path = req.url ?? '/';
      const body = Buffer.concat(chunks).toString('utf8');
      received.push({ path, headers: req.headers, body, payload: JSON.parse(body) as WebhookPayload, at: Date.now() });
      const n = (counts.get(path) ?? 0) + 1;
      counts.set(path, n);
      const answer = behaviours.get(path)?.(n) ?? 200;
      if (answer === 'hang') return;
      res.writeHead(answer, { 'content-type': 'text/plain' }).end(answer >= 300 ? `no thanks (${answer})` : 'ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    on: (path, behaviour) => void behaviours.set(path, behaviour),
    to: (path) => received.filter((r) => r.path === path),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A JSON call to /api with the session cookie (and the console's Origin, as the CSRF guard wants). */
export async function api<T = unknown>(base: string, cookie: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const headers: Record<string, string> = { cookie, accept: 'application/json' };
  if (method !== 'GET') headers['content-type'] = 'application/json';
  const res = await fetch(`${base}/api${path}`, { method, headers, ...(method === 'GET' ? {} : { body: JSON.stringify(body ?? {}) }) });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
}
