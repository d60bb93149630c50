import type { WebhookDelivery, WebhookWithSecret } from '@hilo/shared';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startTestRedis, type TestRedis, type TestServer } from './harness.js';
import { api, FAST, startReceiver, startWebhookServer, type Receiver } from './webhooks-support.js';

let redis: TestRedis;
let receiver: Receiver;
const servers: TestServer[] = [];

beforeAll(async () => {
  redis = await startTestRedis();
  receiver = await startReceiver();
});
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
afterAll(async () => {
  await receiver.close();
  await redis.dispose();
});

async function start(options = FAST): Promise<{ server: TestServer; cookie: string }> {
  const server = await startWebhookServer(redis.url, options);
  servers.push(server);
  return { server, cookie: await signIn(server.url) };
}

async function stop(server: TestServer): Promise<void> {
  servers.splice(servers.indexOf(server), 1);
  await server.close();
}

async function createHook(server: TestServer, cookie: string, path: string): Promise<WebhookWithSecret> {
  const answer = await api<WebhookWithSecret>(server.url, cookie, 'POST', '/webhooks', { url: `${receiver.url}${path}`, events: ['message.created'] });
  expect(answer.status).toBe(201);
  return answer.body;
}

async function history(server: TestServer, cookie: string, webhookId: string): Promise<WebhookDelivery[]> {
  return (await api<{ deliveries: WebhookDelivery[] }>(server.url, cookie, 'GET', `/webhooks/${webhookId}/deliveries`)).body.deliveries;
}

describe('webhook deliveries across processes', () => {
  it('a delivery waiting for its retry survives a restart and is delivered by the next server', async () => {
    receiver.on('/restart', (n) => (n === 1 ? 503 : 200));
    const first = await start({ ...FAST, retryDelaysMs: [1000] });
    const hook = await createHook(first.server, first.cookie, '/restart');
    await api(first.server.url, first.cookie, 'POST', `/webhooks/${hook.webhook.id}/test`);
    await expect.poll(async () => (await history(first.server, first.cookie, hook.webhook.id))[0]?.attempt, { timeout: 5000 }).toBe(1);
    expect((await history(first.server, first.cookie, hook.webhook.id))[0]).toMatchObject({ status: 'pending', responseStatus: 503 });
    await stop(first.server);

    const second = await start();
    await expect.poll(() => receiver.to('/restart').length, { timeout: 5000 }).toBe(2);
    const [a, b] = receiver.to('/restart');
    expect(b?.headers['hilo-delivery']).toBe(a?.headers['hilo-delivery']);
    await expect.poll(async () => (await history(second.server, second.cookie, hook.webhook.id))[0]?.status).toBe('delivered');
    expect((await history(second.server, second.cookie, hook.webhook.id))[0]).toMatchObject({ attempt: 2, responseStatus: 200 });
  });

  it('an attempt cut short by shutdown goes back to the queue and counts for nothing', async () => {
    receiver.on('/cut', (n) => (n === 1 ? 'hang' : 200));
    const first = await start({ ...FAST, timeoutMs: 5000 });
    const hook = await createHook(first.server, first.cookie, '/cut');
    await api(first.server.url, first.cookie, 'POST', `/webhooks/${hook.webhook.id}/test`);
    await expect.poll(() => receiver.to('/cut').length, { timeout: 5000 }).toBe(1);
    const stoppedAt = Date.now();
    await stop(first.server);
    // Stopping did not wait for the receiver's 5 s timeout.
    expect(Date.now() - stoppedAt).toBeLessThan(2000);

    const second = await start();
    await expect.poll(() => receiver.to('/cut').length, { timeout: 5000 }).toBe(2);
    await expect.poll(async () => (await history(second.server, second.cookie, hook.webhook.id))[0]?.status).toBe('delivered');
    expect((await history(second.server, second.cookie, hook.webhook.id))[0]).toMatchObject({ attempt: 1, error: null });
  });

  it('two servers on one Redis deliver each job once', async () => {
    const a = await start();
    const b = await start();
    const hook = await createHook(a.server, a.cookie, '/both');
    const queued: string[] = [];
    for (let i = 0; i < 40; i++) {
      const via = i % 2 === 0 ? a : b;
      const answer = await api<{ delivery: WebhookDelivery }>(via.server.url, via.cookie, 'POST', `/webhooks/${hook.webhook.id}/test`);
      queued.push(answer.body.delivery.id);
    }
    await expect.poll(() => receiver.to('/both').length, { timeout: 8000 }).toBe(40);
    await new Promise((r) => setTimeout(r, 300));
    const ids = receiver.to('/both').map((r) => String(r.headers['hilo-delivery']));
    expect(ids).toHaveLength(40);
    expect(new Set(ids)).toEqual(new Set(queued));
    const seen = await history(b.server, b.cookie, hook.webhook.id);
    expect(seen).toHaveLength(40);
    expect(seen.every((d) => d.status === 'delivered' && d.attempt === 1)).toBe(true);
  }, 15_000);
});
