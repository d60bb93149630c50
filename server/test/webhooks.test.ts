import type { Conversation, Message, Webhook, WebhookDelivery, WebhookList, WebhookPayload, WebhookWithSecret } from '@hilo/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyWebhookSignature } from '../src/channels/webhooks/webhook-signature.js';
import { hashPassword } from '../src/domain/password.js';
import { createAgentStore } from '../src/store/agent-store.js';
import {
  agentClient,
  request,
  signIn,
  startTestRedis,
  uuid,
  visitorClient,
  whenConnected,
  whenReady,
  type AgentClient,
  type TestRedis,
  type TestServer,
  type VisitorClient,
} from './harness.js';
import { api, startReceiver, startWebhookServer, type Receiver, type Received } from './webhooks-support.js';

let redis: TestRedis;
let server: TestServer;
let receiver: Receiver;
let cookie: string;
let desk: AgentClient;
const sockets: Array<AgentClient | VisitorClient> = [];

beforeAll(async () => {
  redis = await startTestRedis();
  server = await startWebhookServer(redis.url);
  receiver = await startReceiver();
  cookie = await signIn(server.url);
  desk = agentClient(server.url, cookie);
  sockets.push(desk);
  await whenConnected(desk);
});
afterAll(async () => {
  sockets.forEach((s) => s.disconnect());
  await server.close();
  await receiver.close();
  await redis.dispose();
});

async function createHook(path: string, body: Record<string, unknown> = {}): Promise<WebhookWithSecret> {
  const answer = await api<WebhookWithSecret>(server.url, cookie, 'POST', '/webhooks', {
    url: `${receiver.url}${path}`,
    events: ['conversation.created', 'message.created', 'conversation.resolved', 'contact.updated', 'csat.received'],
    ...body,
  });
  expect(answer.status).toBe(201);
  return answer.body;
}

async function deliveriesOf(webhookId: string): Promise<WebhookDelivery[]> {
  const answer = await api<{ deliveries: WebhookDelivery[] }>(server.url, cookie, 'GET', `/webhooks/${webhookId}/deliveries`);
  expect(answer.status).toBe(200);
  return answer.body.deliveries;
}

function expectSigned(r: Received, secret: string, type: string): void {
  expect(r.headers['content-type']).toBe('application/json');
  expect(r.headers['user-agent']).toBe('Hilo-Webhooks/1');
  expect(r.headers['hilo-event']).toBe(type);
  expect(r.headers['hilo-delivery']).toMatch(/^whd_/);
  const signature = String(r.headers['hilo-signature']);
  expect(signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
  expect(verifyWebhookSignature(secret, r.body, signature)).toBe(true);
  // A changed body or another secret does not verify.
  expect(verifyWebhookSignature(secret, `${r.body} `, signature)).toBe(false);
  expect(verifyWebhookSignature('whsec_other', r.body, signature)).toBe(false);
}

async function ok<T>(socket: AgentClient | VisitorClient, event: string, payload: unknown): Promise<T> {
  const answer = await request<T>(socket, event, payload);
  if (!answer.ok) throw new Error(`${event}: ${answer.error.message}`);
  return answer.data;
}

describe('webhook settings API', () => {
  it('is for signed-in admins only', async () => {
    expect((await api(server.url, '', 'GET', '/webhooks')).status).toBe(401);
    await createAgentStore(server.redis).create({
      id: 'a_dan', siteId: server.site.id, email: 'dan@hilo.test', name: 'Dan', role: 'agent', passwordHash: await hashPassword('dan long password'), createdAt: Date.now(),
    });
    const dan = await signIn(server.url, { email: 'dan@hilo.test', password: 'dan long password' });
    expect((await api(server.url, dan, 'GET', '/webhooks')).status).toBe(403);
    const refused = await api(server.url, dan, 'POST', '/webhooks', { url: `${receiver.url}/x`, events: ['message.created'] });
    expect(refused).toMatchObject({ status: 403, body: { error: { code: 'forbidden' } } });
    expect((await api<WebhookList>(server.url, cookie, 'GET', '/webhooks')).body.webhooks).toHaveLength(0);
  });

  it('validates input and changes nothing on a bad request', async () => {
    const bad = [
      { url: 'ftp://example.com/hook', events: ['message.created'] },
      { url: 'not a url', events: ['message.created'] },
      { url: `https://example.com/${'x'.repeat(2100)}`, events: ['message.created'] },
      { url: 'https://example.com/hook', events: ['message.deleted'] },
      { url: 'https://example.com/hook', events: [] },
      { url: 'https://example.com/hook', events: ['message.created'], secret: 'mine' },
    ];
    for (const body of bad) {
      const answer = await api<{ error: { code: string; message: string } }>(server.url, cookie, 'POST', '/webhooks', body);
      expect(answer.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(answer.body.error.code).toBe('bad_request');
    }
    expect((await api<WebhookList>(server.url, cookie, 'GET', '/webhooks')).body.webhooks).toHaveLength(0);

    const { webhook } = await createHook('/crud', { events: ['csat.received'], active: false });
    expect((await api(server.url, cookie, 'PATCH', `/webhooks/${webhook.id}`, { events: ['nope'] })).status).toBe(400);
    expect((await api(server.url, cookie, 'PATCH', `/webhooks/${webhook.id}`, {})).status).toBe(400);
    expect((await api(server.url, cookie, 'PATCH', '/webhooks/wh_unknown', { active: true })).status).toBe(404);
    expect((await api(server.url, cookie, 'PATCH', `/webhooks/${webhook.id}`, { url: 'javascript:alert(1)' })).status).toBe(400);
    expect((await api(server.url, cookie, 'POST', `/webhooks/${webhook.id}/deliveries/bad%20id/redeliver`)).status).toBe(400);
    expect((await api(server.url, cookie, 'POST', `/webhooks/${webhook.id}/deliveries/whd_unknown/redeliver`)).status).toBe(404);
    const list = await api<WebhookList>(server.url, cookie, 'GET', '/webhooks');
    expect(list.body.webhooks).toEqual([expect.objectContaining({ id: webhook.id, events: ['csat.received'], active: false, url: `${receiver.url}/crud` })]);
    expect(list.body.events).toEqual(['conversation.created', 'message.created', 'conversation.resolved', 'contact.updated', 'csat.received']);
    expect(JSON.stringify(list.body)).not.toContain('whsec_');
    expect((await api(server.url, cookie, 'DELETE', `/webhooks/${webhook.id}`)).status).toBe(204);
    expect((await api(server.url, cookie, 'DELETE', `/webhooks/${webhook.id}`)).status).toBe(404);
  });
});

describe('webhook deliveries', () => {
  it('sends contact.updated when page context changes an attribute, not on every page view', async () => {
    await createHook('/contacts', { events: ['contact.updated'] });
    const shopper = visitorClient(server.url, { siteKey: server.site.publicKey });
    sockets.push(shopper);
    await whenReady(shopper);
    const updates = () => receiver.to('/contacts').filter((r) => r.payload.type === 'contact.updated').length;
    await ok(shopper, 'visitor:context', { url: 'https://shop.example/a', attributes: { plan: 'gold' } });
    await expect.poll(updates, { timeout: 5000 }).toBe(1);
    await ok(shopper, 'visitor:context', { url: 'https://shop.example/b', attributes: { plan: 'gold' } });
    await ok(shopper, 'visitor:context', { url: 'https://shop.example/c', attributes: { plan: 'silver' } });
    await expect.poll(updates, { timeout: 5000 }).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(updates()).toBe(2);
  });

  it('signs and delivers every subscribed event of a real conversation, and nothing else', async () => {
    const all = await createHook('/all');
    expect(all.secret).toMatch(/^whsec_[A-Za-z0-9_-]{40,}$/);
    expect(all.webhook.secretHint).toBe(all.secret.slice(-4));
    const csatOnly = await createHook('/csat', { events: ['csat.received'] });
    const paused = await createHook('/paused');
    expect((await api<{ webhook: Webhook }>(server.url, cookie, 'PATCH', `/webhooks/${paused.webhook.id}`, { active: false })).body.webhook.active).toBe(false);

    const shopper = visitorClient(server.url, { siteKey: server.site.publicKey });
    sockets.push(shopper);
    await whenReady(shopper);
    const first = await ok<Message>(shopper, 'message:send', { clientId: uuid(), text: 'Do you ship to Porto?' });
    const { conversationId } = first;
    await ok<Message>(desk, 'message:send', { conversationId, clientId: uuid(), text: 'We do, in two days.' });
    await ok<Conversation>(desk, 'conversation:resolve', { conversationId });
    await ok(shopper, 'conversation:rate', { rating: 'good', comment: 'Fast!' });
    await ok(shopper, 'visitor:identify', { name: 'Rita Sousa', email: 'rita@example.com' });

    const typesOf = (path: string) => receiver.to(path).map((r) => r.payload.type);
    await expect.poll(() => new Set(typesOf('/all')).size, { timeout: 5000 }).toBe(5);
    await expect.poll(() => typesOf('/all').filter((t) => t === 'message.created').length).toBe(2);
    await expect.poll(() => typesOf('/csat')).toEqual(['csat.received']);

    const got = (type: WebhookPayload['type']) => {
      const hit = receiver.to('/all').find((r) => r.payload.type === type);
      if (!hit) throw new Error(`no ${type}`);
      expectSigned(hit, all.secret, type);
      expect(hit.payload).toMatchObject({ id: expect.stringMatching(/^ev_/), type, siteId: server.site.id, createdAt: expect.any(Number) });
      return hit.payload;
    };
    expect(got('conversation.created').data).toMatchObject({ conversationId, channel: 'chat', contactId: expect.any(String) });
    const messages = receiver.to('/all').filter((r) => r.payload.type === 'message.created').map((r) => r.payload.data);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ conversationId, messageId: first.id, authorKind: 'visitor', text: 'Do you ship to Porto?' }),
        expect.objectContaining({ conversationId, authorKind: 'agent', text: 'We do, in two days.' }),
      ]),
    );
    expect(got('conversation.resolved').data).toMatchObject({ conversationId, by: 'agent', humanReplied: true });
    expect(got('csat.received').data).toMatchObject({ conversationId, rating: 'good', comment: 'Fast!' });
    const contact = got('contact.updated');
    expect(contact.data).toMatchObject({
      contactId: expect.any(String),
      contact: { name: 'Rita Sousa', emails: [{ value: 'rita@example.com', verified: false }], siteId: server.site.id },
    });
    expectSigned(receiver.to('/csat')[0] as Received, csatOnly.secret, 'csat.received');

    // Every delivery is in the webhook's history as delivered on the first attempt.
    const history = await deliveriesOf(all.webhook.id);
    expect(history).toHaveLength(6);
    for (const d of history) expect(d).toMatchObject({ status: 'delivered', attempt: 1, responseStatus: 200, error: null, nextAttemptAt: null });
    // The envelope id is the event id; Hilo-Delivery is the delivery's.
    const sample = receiver.to('/all')[0] as Received;
    expect(history.find((d) => d.id === sample.headers['hilo-delivery'])?.eventId).toBe(sample.payload.id);

    await new Promise((r) => setTimeout(r, 300));
    expect(receiver.to('/paused')).toHaveLength(0);
    expect(await deliveriesOf(paused.webhook.id)).toEqual([]);
    expect(receiver.to('/csat')).toHaveLength(1);
  });

  it('retries a failing receiver with backoff and records each attempt', async () => {
    receiver.on('/flaky', (n) => (n <= 2 ? 500 : 200));
    const hook = await createHook('/flaky');
    const test = await api<{ delivery: WebhookDelivery }>(server.url, cookie, 'POST', `/webhooks/${hook.webhook.id}/test`);
    expect(test).toMatchObject({ status: 202, body: { delivery: { type: 'ping', status: 'pending', attempt: 0 } } });

    await expect.poll(() => receiver.to('/flaky').length, { timeout: 5000 }).toBe(3);
    const [a, b, c] = receiver.to('/flaky') as [Received, Received, Received];
    // 150 ms then 300 ms (plus up to 20% jitter), measured at the receiver.
    expect(b.at - a.at).toBeGreaterThanOrEqual(145);
    expect(c.at - b.at).toBeGreaterThanOrEqual(295);
    expect(new Set([a, b, c].map((r) => r.headers['hilo-delivery']))).toEqual(new Set([test.body.delivery.id]));
    expect(new Set([a, b, c].map((r) => r.body)).size).toBe(1);
    expectSigned(c, hook.secret, 'ping');
    expect(c.payload).toMatchObject({ type: 'ping', data: { webhookId: hook.webhook.id } });

    await expect.poll(async () => (await deliveriesOf(hook.webhook.id))[0]?.status).toBe('delivered');
    expect((await deliveriesOf(hook.webhook.id))[0]).toMatchObject({ id: test.body.delivery.id, attempt: 3, responseStatus: 200, error: null, durationMs: expect.any(Number) });
  });

  it('records timeouts, retries, and marks the delivery failed after the last attempt', async () => {
    receiver.on('/hang', () => 'hang');
    const hook = await createHook('/hang');
    await api(server.url, cookie, 'POST', `/webhooks/${hook.webhook.id}/test`);
    await expect.poll(async () => (await deliveriesOf(hook.webhook.id))[0]?.attempt, { timeout: 5000 }).toBe(1);
    const afterFirst = (await deliveriesOf(hook.webhook.id))[0];
    expect(afterFirst).toMatchObject({ status: 'pending', responseStatus: null, error: 'No answer within 0.4 s' });
    expect(afterFirst?.nextAttemptAt).toBeGreaterThan(Date.now() - 1000);
    await expect.poll(async () => (await deliveriesOf(hook.webhook.id))[0]?.status, { timeout: 6000 }).toBe('failed');
    expect((await deliveriesOf(hook.webhook.id))[0]).toMatchObject({ attempt: 3, nextAttemptAt: null, error: 'No answer within 0.4 s' });
    expect(receiver.to('/hang')).toHaveLength(3);
  }, 15_000);

  it('redelivers a past delivery with the same envelope id, and signs with a rotated secret', async () => {
    receiver.on('/redo', (n) => (n === 1 ? 410 : 200));
    const hook = await createHook('/redo');
    await api(server.url, cookie, 'PATCH', `/webhooks/${hook.webhook.id}`, { events: ['csat.received'] });
    await api(server.url, cookie, 'POST', `/webhooks/${hook.webhook.id}/test`);
    await expect.poll(() => receiver.to('/redo').length, { timeout: 5000 }).toBe(2);
    const [past] = await deliveriesOf(hook.webhook.id);
    if (!past) throw new Error('no delivery');

    const rotated = await api<WebhookWithSecret>(server.url, cookie, 'POST', `/webhooks/${hook.webhook.id}/rotate-secret`);
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).not.toBe(hook.secret);
    const again = await api<{ delivery: WebhookDelivery }>(server.url, cookie, 'POST', `/webhooks/${hook.webhook.id}/deliveries/${past.id}/redeliver`);
    expect(again).toMatchObject({ status: 202, body: { delivery: { eventId: past.eventId, redeliveryOf: past.id, status: 'pending' } } });
    expect(again.body.delivery.id).not.toBe(past.id);

    await expect.poll(() => receiver.to('/redo').length, { timeout: 5000 }).toBe(3);
    const last = receiver.to('/redo')[2] as Received;
    expect(last.payload.id).toBe(past.eventId);
    expect(last.headers['hilo-delivery']).toBe(again.body.delivery.id);
    expectSigned(last, rotated.body.secret, 'ping');
    expect(verifyWebhookSignature(hook.secret, last.body, String(last.headers['hilo-signature']))).toBe(false);
    const history = await deliveriesOf(hook.webhook.id);
    expect(history.map((d) => d.id)).toEqual([again.body.delivery.id, past.id]);
  });

  it('keeps the last 50 deliveries of a webhook', async () => {
    const hook = await createHook('/many');
    for (let i = 0; i < 53; i++) await api(server.url, cookie, 'POST', `/webhooks/${hook.webhook.id}/test`);
    await expect.poll(() => receiver.to('/many').length, { timeout: 8000 }).toBe(53);
    const history = await deliveriesOf(hook.webhook.id);
    expect(history).toHaveLength(50);
    expect(history.every((d) => d.status === 'delivered')).toBe(true);
  }, 15_000);
});
