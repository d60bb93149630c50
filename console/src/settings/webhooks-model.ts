import type { Webhook, WebhookCreate, WebhookDelivery, WebhookEvent, WebhookList, WebhookWithSecret } from '@hilo/shared';
import { createJsonRequest, type Fetch } from '../api-client';
import { observable, type Observable } from '../observable';
import { createBusyAction, messageOf } from './busy-action';

export interface WebhooksState {
  status: 'loading' | 'ready' | 'error';
  webhooks: Webhook[];
  /** Events one can subscribe to, as the server lists them. */
  events: WebhookEvent[];
  /** The last failure, as the server worded it. */
  error: string | null;
  /** A signing secret just created or rotated: shown once, until dismissed. */
  revealed: { webhookId: string; secret: string } | null;
  /** The webhook whose deliveries are open, and those deliveries once loaded. */
  openId: string | null;
  deliveries: WebhookDelivery[] | null;
  busy: boolean;
}

export interface WebhooksModel {
  state: Observable<WebhooksState>;
  load(): Promise<void>;
  /** Resolves true when created (the form then clears). */
  create(input: WebhookCreate): Promise<boolean>;
  setActive(webhookId: string, active: boolean): Promise<void>;
  remove(webhookId: string): Promise<void>;
  rotateSecret(webhookId: string): Promise<void>;
  dismissSecret(): void;
  sendTest(webhookId: string): Promise<void>;
  /** Opens (or, given null, closes) a webhook's delivery history. */
  showDeliveries(webhookId: string | null): Promise<void>;
  refreshDeliveries(): Promise<void>;
  redeliver(deliveryId: string): Promise<void>;
}


/** The Webhooks settings over `/api/webhooks` (admin session cookie). */
export function createWebhooksModel(fetchImpl?: Fetch, base = '/api'): WebhooksModel {
  const request = createJsonRequest(fetchImpl, base);
  const state = observable<WebhooksState>({ status: 'loading', webhooks: [], events: [], error: null, revealed: null, openId: null, deliveries: null, busy: false });

  const act = createBusyAction(state);

  const replace = (webhook: Webhook) => state.update((s) => ({ ...s, webhooks: s.webhooks.map((w) => (w.id === webhook.id ? webhook : w)) }));

  async function refreshDeliveries(): Promise<void> {
    const id = state.get().openId;
    if (!id) return;
    try {
      const answer = await request<{ deliveries: WebhookDelivery[] }>('GET', `/webhooks/${encodeURIComponent(id)}/deliveries`);
      // The admin may have opened another webhook meanwhile.
      if (state.get().openId === id) state.update((s) => ({ ...s, deliveries: answer?.deliveries ?? [] }));
    } catch (error) {
      state.update((s) => ({ ...s, error: messageOf(error) }));
    }
  }

  return {
    state,
    async load() {
      try {
        const answer = await request<WebhookList>('GET', '/webhooks');
        state.update((s) => ({ ...s, status: 'ready', webhooks: answer?.webhooks ?? [], events: answer?.events ?? [], error: null }));
      } catch (error) {
        state.update((s) => ({ ...s, status: 'error', error: messageOf(error) }));
      }
    },
    create(input) {
      return act(async () => {
        const answer = await request<WebhookWithSecret>('POST', '/webhooks', input);
        if (!answer) return;
        state.update((s) => ({ ...s, webhooks: [...s.webhooks, answer.webhook], revealed: { webhookId: answer.webhook.id, secret: answer.secret } }));
      });
    },
    async setActive(webhookId, active) {
      await act(async () => {
        const answer = await request<{ webhook: Webhook }>('PATCH', `/webhooks/${encodeURIComponent(webhookId)}`, { active });
        if (answer) replace(answer.webhook);
      });
    },
    async remove(webhookId) {
      await act(async () => {
        await request('DELETE', `/webhooks/${encodeURIComponent(webhookId)}`);
        state.update((s) => ({
          ...s,
          webhooks: s.webhooks.filter((w) => w.id !== webhookId),
          revealed: s.revealed?.webhookId === webhookId ? null : s.revealed,
          ...(s.openId === webhookId ? { openId: null, deliveries: null } : {}),
        }));
      });
    },
    async rotateSecret(webhookId) {
      await act(async () => {
        const answer = await request<WebhookWithSecret>('POST', `/webhooks/${encodeURIComponent(webhookId)}/rotate-secret`);
        if (!answer) return;
        replace(answer.webhook);
        state.update((s) => ({ ...s, revealed: { webhookId, secret: answer.secret } }));
      });
    },
    dismissSecret() {
      state.update((s) => ({ ...s, revealed: null }));
    },
    async sendTest(webhookId) {
      await act(async () => {
        await request('POST', `/webhooks/${encodeURIComponent(webhookId)}/test`);
        if (state.get().openId !== webhookId) state.update((s) => ({ ...s, openId: webhookId, deliveries: null }));
        await refreshDeliveries();
      });
    },
    async showDeliveries(webhookId) {
      state.update((s) => ({ ...s, openId: webhookId, deliveries: null }));
      await refreshDeliveries();
    },
    refreshDeliveries,
    async redeliver(deliveryId) {
      const id = state.get().openId;
      if (!id) return;
      await act(async () => {
        await request('POST', `/webhooks/${encodeURIComponent(id)}/deliveries/${encodeURIComponent(deliveryId)}/redeliver`);
        await refreshDeliveries();
      });
    },
  };
}
