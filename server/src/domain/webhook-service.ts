import {
  WEBHOOK_EVENTS,
  WEBHOOK_LIMITS,
  type ActivityEvent,
  type Agent,
  type Webhook,
  type WebhookDelivery,
  type WebhookList,
  type WebhookWithSecret,
  type webhookCreateSchema,
  type webhookUpdateSchema,
} from '@hilo/shared';
import type { z } from 'zod';
import { DomainError } from './errors.js';
import { newId, newSecret } from './ids.js';
import type { WebhookDeliveryPort, WebhookRecord, WebhookRepository } from './webhook-ports.js';
import { buildWebhookPayload, isWebhookActivity, pingPayload, type ContactLoader } from './webhook-payload.js';
import { privateUrlReason } from './webhook-url-policy.js';

type CreateInput = z.output<typeof webhookCreateSchema>;
type UpdateInput = z.output<typeof webhookUpdateSchema>;

export interface WebhookServiceDeps {
  webhooks: WebhookRepository;
  deliveries: WebhookDeliveryPort;
  loadContact: ContactLoader;
  /** Lets URLs point at loopback and private networks (local development and tests). */
  allowPrivate: boolean;
  /** How long a site's webhook list is trusted in memory; changes made in another process show after it. */
  cacheMs?: number;
  now?: () => number;
}

export interface WebhookService {
  list(agent: Agent): Promise<WebhookList>;
  create(agent: Agent, input: CreateInput): Promise<WebhookWithSecret>;
  update(agent: Agent, webhookId: string, patch: UpdateInput): Promise<Webhook>;
  remove(agent: Agent, webhookId: string): Promise<void>;
  rotateSecret(agent: Agent, webhookId: string): Promise<WebhookWithSecret>;
  deliveries(agent: Agent, webhookId: string): Promise<WebhookDelivery[]>;
  sendTest(agent: Agent, webhookId: string): Promise<WebhookDelivery>;
  redeliver(agent: Agent, webhookId: string, deliveryId: string): Promise<WebhookDelivery>;
  /** Queues one delivery per active webhook of the event's site subscribed to its type; resolves how many. */
  dispatch(event: ActivityEvent): Promise<number>;
}

const MAX_CACHED_SITES = 10_000;

export function toWebhookView({ siteId: _s, secret, ...rest }: WebhookRecord): Webhook {
  return { ...rest, secretHint: secret.slice(-4) };
}

/** Signing secrets carry a prefix so they are recognisable in a receiver's configuration. */
function newSigningSecret(): string {
  return `whsec_${newSecret(32)}`;
}

export function createWebhookService({ webhooks, deliveries, loadContact, allowPrivate, cacheMs = 5000, now = Date.now }: WebhookServiceDeps): WebhookService {
  // message.created fires on every message: the common answer ("this site has no webhooks") must
  // come from memory. The promise is cached so a burst of events costs one read.
  const cache = new Map<string, { expires: number; hooks: Promise<WebhookRecord[]> }>();

  function activeHooks(siteId: string): Promise<WebhookRecord[]> {
    const at = now();
    const hit = cache.get(siteId);
    if (hit && hit.expires > at) return hit.hooks;
    if (cache.size >= MAX_CACHED_SITES) {
      for (const [key, entry] of cache) if (entry.expires <= at) cache.delete(key);
      if (cache.size >= MAX_CACHED_SITES) cache.clear();
    }
    const hooks = webhooks.list(siteId).then((all) => all.filter((h) => h.active));
    // A failed read is not cached: the next event asks Redis again.
    hooks.catch(() => {
      if (cache.get(siteId)?.hooks === hooks) cache.delete(siteId);
    });
    cache.set(siteId, { expires: at + cacheMs, hooks });
    return hooks;
  }

  function adminOf(agent: Agent): string {
    if (agent.role !== 'admin') throw new DomainError('forbidden', 'Only admins manage webhooks');
    return agent.siteId;
  }

  async function find(siteId: string, webhookId: string): Promise<WebhookRecord> {
    const hook = await webhooks.get(siteId, webhookId);
    if (!hook) throw new DomainError('not_found', 'Webhook not found');
    return hook;
  }

  function checkUrl(url: string): void {
    const reason = allowPrivate ? null : privateUrlReason(url);
    if (reason) throw new DomainError('bad_request', reason);
  }

  async function save(record: WebhookRecord): Promise<void> {
    await webhooks.save(record);
    cache.delete(record.siteId);
  }

  return {
    async list(agent) {
      const siteId = adminOf(agent);
      const all = await webhooks.list(siteId);
      return { webhooks: all.sort((a, b) => a.createdAt - b.createdAt).map(toWebhookView), events: [...WEBHOOK_EVENTS] };
    },

    async create(agent, input) {
      const siteId = adminOf(agent);
      checkUrl(input.url);
      if ((await webhooks.list(siteId)).length >= WEBHOOK_LIMITS.perSite) {
        throw new DomainError('conflict', `A site may have at most ${WEBHOOK_LIMITS.perSite} webhooks`);
      }
      const at = now();
      const record: WebhookRecord = { id: newId('wh'), siteId, ...input, secret: newSigningSecret(), createdAt: at, updatedAt: at };
      await save(record);
      return { webhook: toWebhookView(record), secret: record.secret };
    },

    async update(agent, webhookId, patch) {
      const siteId = adminOf(agent);
      if (patch.url !== undefined) checkUrl(patch.url);
      const current = await find(siteId, webhookId);
      const next: WebhookRecord = { ...current, ...patch, updatedAt: now() };
      await save(next);
      return toWebhookView(next);
    },

    async remove(agent, webhookId) {
      const siteId = adminOf(agent);
      if (!(await webhooks.remove(siteId, webhookId))) throw new DomainError('not_found', 'Webhook not found');
      cache.delete(siteId);
      await deliveries.forget(webhookId);
    },

    async rotateSecret(agent, webhookId) {
      const siteId = adminOf(agent);
      const next: WebhookRecord = { ...(await find(siteId, webhookId)), secret: newSigningSecret(), updatedAt: now() };
      await save(next);
      return { webhook: toWebhookView(next), secret: next.secret };
    },

    async deliveries(agent, webhookId) {
      const siteId = adminOf(agent);
      await find(siteId, webhookId);
      return deliveries.history(webhookId);
    },

    async sendTest(agent, webhookId) {
      const siteId = adminOf(agent);
      const hook = await find(siteId, webhookId);
      const eventId = newId('ev');
      const body = JSON.stringify(pingPayload(eventId, siteId, hook.id, now()));
      return deliveries.enqueue({ siteId, webhookId: hook.id, eventId, type: 'ping', body, redeliveryOf: null });
    },

    async redeliver(agent, webhookId, deliveryId) {
      const siteId = adminOf(agent);
      await find(siteId, webhookId);
      const past = await deliveries.get(deliveryId);
      if (!past || past.siteId !== siteId || past.delivery.webhookId !== webhookId) throw new DomainError('not_found', 'Delivery not found');
      // The same body, so the same envelope id: a receiver that handled the event already skips it.
      const { eventId, type } = past.delivery;
      return deliveries.enqueue({ siteId, webhookId, eventId, type, body: past.body, redeliveryOf: deliveryId });
    },

    async dispatch(event) {
      if (!isWebhookActivity(event)) return 0;
      const hooks = (await activeHooks(event.siteId)).filter((h) => h.events.includes(event.type));
      if (hooks.length === 0) return 0;
      // One body for every webhook of the site: they all see the same facts.
      const body = JSON.stringify(await buildWebhookPayload(event, loadContact));
      await Promise.all(hooks.map((h) => deliveries.enqueue({ siteId: event.siteId, webhookId: h.id, eventId: event.id, type: event.type, body, redeliveryOf: null })));
      return hooks.length;
    },
  };
}
