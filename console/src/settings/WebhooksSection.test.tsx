import type { Webhook, WebhookDelivery, WebhookEvent } from '@hilo/shared';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { createWebhooksModel } from './webhooks-model';
import { WebhooksSection } from './WebhooksSection';

const EVENTS: WebhookEvent[] = ['conversation.created', 'message.created', 'conversation.resolved', 'contact.updated', 'csat.received'];

function delivery(over: Partial<WebhookDelivery>): WebhookDelivery {
  return {
    id: 'whd_1',
    webhookId: 'wh_1',
    eventId: 'ev_1',
    type: 'ping',
    attempt: 1,
    status: 'delivered',
    responseStatus: 200,
    error: null,
    durationMs: 12,
    nextAttemptAt: null,
    redeliveryOf: null,
    createdAt: Date.UTC(2026, 0, 5, 10, 0),
    updatedAt: Date.UTC(2026, 0, 5, 10, 0),
    ...over,
  };
}

/** An in-memory /api/webhooks that records every call. */
function fakeServer(options: { createError?: string; deliveries?: WebhookDelivery[][] } = {}) {
  const calls: { method: string; path: string; body: unknown }[] = [];
  const hooks: Webhook[] = [];
  const deliveryPages = options.deliveries ?? [[]];
  let deliveryReads = 0;
  const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  const fetchImpl = async (url: string, init?: RequestInit): Promise<Response> => {
    const method = init?.method ?? 'GET';
    const path = url.replace(/^\/api/, '');
    const body = init?.body ? (JSON.parse(String(init.body)) as Record<string, unknown>) : undefined;
    calls.push({ method, path, body });
    if (method === 'GET' && path === '/webhooks') return json({ webhooks: hooks, events: EVENTS });
    if (method === 'POST' && path === '/webhooks') {
      if (options.createError) return json({ error: { code: 'bad_request', message: options.createError } }, 400);
      const hook: Webhook = { id: 'wh_1', url: String(body?.url), events: body?.events as WebhookEvent[], active: true, description: String(body?.description ?? ''), secretHint: 'AbCd', createdAt: 1, updatedAt: 1 };
      hooks.push(hook);
      return json({ webhook: hook, secret: 'whsec_first_secret_AbCd' }, 201);
    }
    const hook = hooks[0] as Webhook;
    if (method === 'PATCH') {
      Object.assign(hook, body);
      return json({ webhook: hook });
    }
    if (method === 'POST' && path.endsWith('/rotate-secret')) return json({ webhook: { ...hook, secretHint: 'WxYz' }, secret: 'whsec_second_secret_WxYz' });
    if (method === 'POST' && path.endsWith('/test')) return json({ delivery: delivery({ status: 'pending', attempt: 0 }) }, 202);
    if (method === 'POST' && path.endsWith('/redeliver')) return json({ delivery: delivery({ id: 'whd_2', status: 'pending', attempt: 0, redeliveryOf: 'whd_1' }) }, 202);
    if (method === 'GET' && path.endsWith('/deliveries')) {
      const page = deliveryPages[Math.min(deliveryReads, deliveryPages.length - 1)] ?? [];
      deliveryReads++;
      return json({ deliveries: page });
    }
    if (method === 'DELETE') {
      hooks.splice(0, 1);
      return new Response(null, { status: 204 });
    }
    return json({ error: { code: 'not_found', message: 'No such route' } }, 404);
  };
  return { model: createWebhooksModel(fetchImpl), calls };
}

async function addWebhook(): Promise<void> {
  fireEvent.input(await screen.findByLabelText('Endpoint URL'), { target: { value: ' https://hooks.example.com/hilo ' } });
  fireEvent.input(screen.getByLabelText('Description (optional)'), { target: { value: 'CRM sync' } });
  fireEvent.click(screen.getByLabelText('CSAT received'));
  fireEvent.click(screen.getByLabelText('Conversation created'));
  fireEvent.click(screen.getByRole('button', { name: 'Add webhook' }));
  await screen.findByLabelText('Signing secret');
}

describe('WebhooksSection', () => {
  it('adds a webhook with chosen events and shows its secret once', async () => {
    const { model, calls } = fakeServer();
    render(<WebhooksSection model={model} />);
    await screen.findByText('No webhooks yet.');
    expect((screen.getByRole('button', { name: 'Add webhook' }) as HTMLButtonElement).disabled).toBe(true);
    await addWebhook();
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ url: 'https://hooks.example.com/hilo', events: ['conversation.created', 'csat.received'], description: 'CRM sync' });
    expect((screen.getByLabelText('Signing secret') as HTMLInputElement).value).toBe('whsec_first_secret_AbCd');
    const list = screen.getByRole('list', { name: 'Webhooks' });
    expect(list.textContent).toContain('https://hooks.example.com/hilo');
    expect(list.textContent).toContain('Conversation created · CSAT received');
    expect(list.textContent).toContain('AbCd');
    fireEvent.click(screen.getByRole('button', { name: 'Done' }));
    expect(screen.queryByLabelText('Signing secret')).toBeNull();
    // The form is cleared for the next one.
    expect((screen.getByLabelText('Endpoint URL') as HTMLInputElement).value).toBe('');
  });

  it('pauses, rotates (asking first) and deletes (asking first)', async () => {
    const { model, calls } = fakeServer();
    render(<WebhooksSection model={model} />);
    await addWebhook();
    fireEvent.click(screen.getByRole('button', { name: 'Done' }));

    fireEvent.click(screen.getByLabelText('Active: CRM sync'));
    await screen.findByText('Paused');
    expect(calls.at(-1)).toEqual({ method: 'PATCH', path: '/webhooks/wh_1', body: { active: false } });

    fireEvent.click(screen.getByRole('button', { name: 'Rotate secret' }));
    expect(calls.at(-1)?.method).toBe('PATCH');
    fireEvent.click(screen.getByRole('button', { name: /Confirm: new secret/ }));
    await waitFor(() => expect((screen.getByLabelText('Signing secret') as HTMLInputElement).value).toBe('whsec_second_secret_WxYz'));
    expect(calls.at(-1)?.path).toBe('/webhooks/wh_1/rotate-secret');

    fireEvent.click(screen.getByRole('button', { name: 'Delete' }));
    fireEvent.click(screen.getByRole('button', { name: 'Confirm: delete webhook' }));
    await screen.findByText('No webhooks yet.');
    expect(calls.at(-1)).toMatchObject({ method: 'DELETE', path: '/webhooks/wh_1' });
    expect(screen.queryByLabelText('Signing secret')).toBeNull();
  });

  it('sends a test event, follows the pending delivery, and redelivers', async () => {
    const failed = delivery({ id: 'whd_0', type: 'csat.received', status: 'failed', attempt: 8, responseStatus: 500, error: 'HTTP 500: boom' });
    const { model, calls } = fakeServer({
      deliveries: [
        [delivery({ status: 'pending', attempt: 1, responseStatus: 503, error: 'HTTP 503', nextAttemptAt: Date.now() + 10_000 }), failed],
        [delivery({}), failed],
      ],
    });
    render(<WebhooksSection model={model} />);
    await addWebhook();
    fireEvent.click(screen.getByRole('button', { name: 'Send test event' }));
    const table = await screen.findByRole('table', { name: 'Recent deliveries' });
    expect(calls.some((c) => c.method === 'POST' && c.path === '/webhooks/wh_1/test')).toBe(true);
    const rows = within(table).getAllByRole('row');
    expect(rows[1]?.textContent).toContain('Retrying at');
    expect(rows[1]?.textContent).toContain('503');
    expect(rows[2]?.textContent).toContain('Failed');
    expect(rows[2]?.textContent).toContain('HTTP 500: boom');
    // A pending delivery is looked at again until it settles.
    await waitFor(() => expect(within(screen.getByRole('table', { name: 'Recent deliveries' })).getAllByRole('row')[1]?.textContent).toContain('Delivered'), { timeout: 4000 });

    fireEvent.click(screen.getAllByRole('button', { name: /^Redeliver CSAT received/ })[0] as HTMLElement);
    await waitFor(() => expect(calls.some((c) => c.path === '/webhooks/wh_1/deliveries/whd_0/redeliver')).toBe(true));
    fireEvent.click(screen.getByRole('button', { name: 'Hide deliveries' }));
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('shows the server refusal and keeps what was typed', async () => {
    const { model } = fakeServer({ createError: 'Webhook URLs may not point to loopback or private network addresses' });
    render(<WebhooksSection model={model} />);
    fireEvent.input(await screen.findByLabelText('Endpoint URL'), { target: { value: 'http://127.0.0.1/x' } });
    fireEvent.click(screen.getByLabelText('Message created'));
    fireEvent.click(screen.getByRole('button', { name: 'Add webhook' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('loopback or private'));
    expect((screen.getByLabelText('Endpoint URL') as HTMLInputElement).value).toBe('http://127.0.0.1/x');
    expect(screen.queryByLabelText('Signing secret')).toBeNull();
  });
});
