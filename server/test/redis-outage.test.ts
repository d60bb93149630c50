import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request, startTestRedis, startTestServer, uuid, visitorClient, whenReady, type TestRedis, type TestServer } from './harness.js';

let redis: TestRedis;
let server: TestServer;

beforeAll(async () => {
  redis = await startTestRedis({ appendonly: true });
  server = await startTestServer(redis.url);
});
afterAll(async () => {
  await server.close().catch(() => undefined);
  await redis.dispose();
});

describe('when Redis goes away', () => {
  it('reports 503 on /healthz, answers sends with unavailable, and recovers when Redis is back', async () => {
    const shopper = visitorClient(server.url, { siteKey: server.site.publicKey });
    await whenReady(shopper);
    const before = await request(shopper, 'message:send', { clientId: uuid(), text: 'before the outage' });
    expect(before.ok).toBe(true);

    await redis.stop();
    expect((await fetch(`${server.url}/healthz`)).status).toBe(503);
    expect(await request(shopper, 'message:send', { clientId: uuid(), text: 'during' })).toMatchObject({ ok: false, error: { code: 'unavailable' } });

    // Same port and data folder: the restarted server replays the AOF and owns cleanup from now on.
    redis = await startTestRedis({ appendonly: true, port: redis.port, dir: redis.dir });
    await expect.poll(async () => (await fetch(`${server.url}/healthz`)).status, { timeout: 10_000 }).toBe(200);
    const after = await request<{ order: number }>(shopper, 'message:send', { clientId: uuid(), text: 'after' });
    expect(after).toMatchObject({ ok: true, data: { order: 2 } });
    shopper.disconnect();
  });
});
