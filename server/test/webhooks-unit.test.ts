import type { LookupAddress } from 'node:dns';
import type { ActivityEvent, Agent, Contact, WebhookDelivery } from '@hilo/shared';
import { webhookCreateSchema } from '@hilo/shared';
import { describe, expect, it } from 'vitest';
import { publicOnlyLookup } from '../src/channels/webhooks/webhook-sender.js';
import { signWebhook, verifyWebhookSignature } from '../src/channels/webhooks/webhook-signature.js';
import { loadConfig } from '../src/config.js';
import { DomainError } from '../src/domain/errors.js';
import type { NewDelivery, StoredDelivery, WebhookRecord } from '../src/domain/webhook-ports.js';
import { createWebhookService } from '../src/domain/webhook-service.js';
import { isPrivateAddress, privateUrlReason } from '../src/domain/webhook-url-policy.js';

const admin: Agent = { id: 'a1', siteId: 's1', email: 'a@x.co', name: 'A', role: 'admin' };

function fakes(allowPrivate = false) {
  const hooks = new Map<string, WebhookRecord>();
  const queued: NewDelivery[] = [];
  let reads = 0;
  let clock = 1_000;
  const contacts = new Map<string, Contact>();
  const service = createWebhookService({
    allowPrivate,
    cacheMs: 5000,
    now: () => clock,
    loadContact: async (siteId, id) => (contacts.get(id)?.siteId === siteId ? (contacts.get(id) ?? null) : null),
    webhooks: {
      list: async (siteId) => {
        reads++;
        return [...hooks.values()].filter((h) => h.siteId === siteId);
      },
      get: async (siteId, id) => (hooks.get(id)?.siteId === siteId ? (hooks.get(id) ?? null) : null),
      save: async (record) => void hooks.set(record.id, record),
      remove: async (_siteId, id) => hooks.delete(id),
    },
    deliveries: {
      enqueue: async (input) => {
        queued.push(input);
        return { id: `whd_${queued.length}`, webhookId: input.webhookId, eventId: input.eventId, type: input.type } as WebhookDelivery;
      },
      get: async () => null as StoredDelivery | null,
      history: async () => [],
      forget: async () => undefined,
    },
  });
  return { service, hooks, queued, contacts, reads: () => reads, tick: (ms: number) => (clock += ms) };
}

const create = (url: string, events: string[] = ['message.created']) => webhookCreateSchema.parse({ url, events });

function message(siteId = 's1'): ActivityEvent {
  return { id: 'ev_1', siteId, at: 5, type: 'message.created', conversationId: 'c1', channel: 'chat', contactId: null, agentId: null, teamId: null, messageId: 'm1', authorKind: 'visitor', text: 'hola' };
}

describe('webhook URL policy', () => {
  it.each([
    ['http://127.0.0.1:3000/hook'],
    ['http://localhost/hook'],
    ['http://LOCALHOST./hook'],
    ['http://app.localhost/hook'],
    ['http://10.0.0.8/hook'],
    ['http://172.20.1.1/hook'],
    ['http://192.168.1.10/hook'],
    ['http://169.254.169.254/latest/meta-data'],
    ['http://100.64.0.1/'],
    ['http://0.0.0.0/'],
    ['http://[::1]/'],
    ['http://[fd00::1]/'],
    ['http://[fe80::1]/'],
    ['http://[::ffff:127.0.0.1]/'],
    // Other spellings of 127.0.0.1 that URL parsing normalises.
    ['http://2130706433/'],
    ['http://0x7f.1/'],
  ])('refuses %s', (url) => {
    expect(privateUrlReason(url)).toMatch(/loopback or private/);
  });

  it.each([['https://hooks.example.com/in'], ['http://93.184.216.34/x'], ['http://[2606:4700::1111]/']])('accepts %s', (url) => {
    expect(privateUrlReason(url)).toBeNull();
  });

  it('classifies addresses', () => {
    expect(isPrivateAddress('127.0.0.1')).toBe(true);
    expect(isPrivateAddress('::ffff:a00:1')).toBe(true);
    expect(isPrivateAddress('8.8.8.8')).toBe(false);
    expect(isPrivateAddress('2001:4860:4860::8888')).toBe(false);
  });

  it('refuses a host name that resolves to loopback when the request connects', async () => {
    const error = await new Promise<NodeJS.ErrnoException | null>((resolve) => {
      publicOnlyLookup('localhost', { all: true }, (err) => resolve(err));
    });
    expect(error?.code).toBe('EPRIVATE');
    const addresses = await new Promise<LookupAddress[]>((resolve, reject) => {
      publicOnlyLookup('93.184.216.34', { all: true }, (err, found) => (err ? reject(err) : resolve(found as LookupAddress[])));
    });
    expect(addresses).toEqual([{ address: '93.184.216.34', family: 4 }]);
  });

  it('is allowed by default outside production and can be set either way', () => {
    expect(loadConfig({}).webhooksAllowPrivate).toBe(false);
    expect(loadConfig({ WEBHOOKS_ALLOW_PRIVATE: '1' }).webhooksAllowPrivate).toBe(true);
    expect(loadConfig({ WEBHOOKS_ALLOW_PRIVATE: 'false' }).webhooksAllowPrivate).toBe(false);
  });
});

describe('webhook signature', () => {
  it('is the Stripe-style t/v1 HMAC of "<t>.<body>", checked in constant time with a tolerance', () => {
    const header = signWebhook('whsec_x', '{"a":1}', 1_700_000_000);
    // Checked against `printf '1700000000.{"a":1}' | openssl dgst -sha256 -hmac whsec_x`.
    expect(header).toBe('t=1700000000,v1=b3438763ab46d9634b9844c8722818eaf523f803db1327484c6067462a5fd6d1');
    expect(verifyWebhookSignature('whsec_x', '{"a":1}', header, 300, 1_700_000_100)).toBe(true);
    expect(verifyWebhookSignature('whsec_x', '{"a":1}', header, 300, 1_700_000_400)).toBe(false);
    expect(verifyWebhookSignature('whsec_y', '{"a":1}', header, 300, 1_700_000_000)).toBe(false);
    expect(verifyWebhookSignature('whsec_x', '{"a":2}', header, 300, 1_700_000_000)).toBe(false);
    expect(verifyWebhookSignature('whsec_x', '{"a":1}', 'garbage', 300, 1_700_000_000)).toBe(false);
  });
});

describe('webhook service', () => {
  it('refuses private targets unless allowed', async () => {
    const strict = fakes(false);
    await expect(strict.service.create(admin, create('http://127.0.0.1:9/x'))).rejects.toMatchObject({ code: 'bad_request' });
    const { webhook } = await strict.service.create(admin, create('https://hooks.example.com/x'));
    await expect(strict.service.update(admin, webhook.id, { url: 'http://10.0.0.1/' })).rejects.toBeInstanceOf(DomainError);
    expect((await fakes(true).service.create(admin, create('http://127.0.0.1:9/x'))).webhook.url).toBe('http://127.0.0.1:9/x');
  });

  it('costs one read per site per cache period when a site has no webhooks', async () => {
    const f = fakes();
    await Promise.all(Array.from({ length: 100 }, () => f.service.dispatch(message())));
    expect(f.reads()).toBe(1);
    expect(f.queued).toHaveLength(0);
    f.tick(6000);
    await f.service.dispatch(message());
    expect(f.reads()).toBe(2);
    // A change made in this process applies at once.
    await f.service.create(admin, create('https://hooks.example.com/x'));
    expect(await f.service.dispatch(message())).toBe(1);
    // Other sites and unsubscribed or unrecorded types queue nothing.
    expect(await f.service.dispatch(message('s2'))).toBe(0);
    expect(await f.service.dispatch({ id: 'ev_2', siteId: 's1', at: 1, type: 'csat.received', conversationId: 'c', channel: 'chat', contactId: null, agentId: null, teamId: null, rating: 'good', comment: null })).toBe(0);
    expect(await f.service.dispatch({ id: 'ev_3', siteId: 's1', at: 1, type: 'conversation.first_response', conversationId: 'c', channel: 'chat', contactId: null, agentId: 'a', teamId: null, createdAt: 0 })).toBe(0);
    expect(f.queued).toHaveLength(1);
    expect(JSON.parse(f.queued[0]?.body ?? '')).toEqual({
      id: 'ev_1',
      type: 'message.created',
      createdAt: 5,
      siteId: 's1',
      data: { conversationId: 'c1', channel: 'chat', contactId: null, agentId: null, teamId: null, messageId: 'm1', authorKind: 'visitor', text: 'hola' },
    });
  });

  it('puts the contact in contact.updated, bounded, and null once it is gone', async () => {
    const f = fakes();
    await f.service.create(admin, create('https://hooks.example.com/x', ['contact.updated']));
    const visitorIds = Array.from({ length: 30 }, (_, i) => `v_${i}`);
    f.contacts.set('p1', { id: 'p1', siteId: 's1', name: 'Rita', emails: [], phones: [], visitorIds, attributes: { plan: 'pro' }, createdAt: 1, updatedAt: 2 });
    await f.service.dispatch({ id: 'ev_9', siteId: 's1', at: 3, type: 'contact.updated', contactId: 'p1' });
    await f.service.dispatch({ id: 'ev_10', siteId: 's1', at: 4, type: 'contact.updated', contactId: 'p_gone' });
    const [known, gone] = f.queued.map((q) => JSON.parse(q.body) as { data: { contactId: string; contact: Contact | null } });
    expect(known?.data.contact).toMatchObject({ id: 'p1', name: 'Rita', attributes: { plan: 'pro' } });
    expect(known?.data.contact?.visitorIds).toEqual(visitorIds.slice(-20));
    expect(gone?.data).toEqual({ contactId: 'p_gone', contact: null });
  });

  it('keeps other sites and agents out', async () => {
    const f = fakes();
    const { webhook } = await f.service.create(admin, create('https://hooks.example.com/x'));
    const other: Agent = { ...admin, siteId: 's2' };
    await expect(f.service.update(other, webhook.id, { active: false })).rejects.toMatchObject({ code: 'not_found' });
    await expect(f.service.remove({ ...admin, role: 'agent' }, webhook.id)).rejects.toMatchObject({ code: 'forbidden' });
    expect((await f.service.list(other)).webhooks).toEqual([]);
  });
});
