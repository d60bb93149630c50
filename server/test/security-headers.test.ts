import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRedis, startTestServer, type TestRedis, type TestServer } from './harness.js';

/** helmet's headers on every kind of response: pages, scripts, API answers, errors, health and metrics. */
let redis: TestRedis;
let server: TestServer;

beforeAll(async () => {
  redis = await startTestRedis();
  server = await startTestServer(redis.url);
});
afterAll(async () => {
  await server.close();
  await redis.dispose();
});

const PATHS = ['/', '/console/', '/console/inbox/deep/link', '/demo', '/demo/session', '/widget/loader.js', '/widget/app.js', '/api/auth/me', '/api/nope', '/healthz', '/metrics', '/nope', '/socket.io/?EIO=4&transport=polling'];

describe('security headers', () => {
  it.each(PATHS)('%s carries them, and no X-Powered-By', async (path) => {
    const res = await fetch(`${server.url}${path}`, { redirect: 'manual' });
    await res.arrayBuffer();
    // Engine.IO answers its own requests before Express; only the basics apply there.
    if (path.startsWith('/socket.io/')) {
      expect(res.headers.get('x-powered-by')).toBeNull();
      return;
    }
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    expect(res.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(res.headers.get('x-powered-by')).toBeNull();
  });
});
