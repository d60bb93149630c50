import type { ApiToken } from '@hilo/shared';
import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApiTokensModel } from './api-tokens-model';
import { ApiTokensSection } from './ApiTokensSection';

afterEach(() => {
  vi.unstubAllGlobals();
});

const EXISTING: ApiToken = { id: 'tok_1', name: 'Zapier', prefix: 'hilo_Ab3x', createdBy: { id: 'a1', name: 'Ana' }, createdAt: 1_700_000_000_000, lastUsedAt: null };
const SECRET = `hilo_${'Q'.repeat(43)}`;

/** A stand-in for `/api/api-tokens` that records what the console sent. */
function fakeServer(options: { refuseCreate?: string } = {}) {
  const sent: Array<{ method: string; url: string; body: unknown }> = [];
  let tokens = [EXISTING];
  const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  const fetchImpl = async (url: string, init?: RequestInit): Promise<Response> => {
    const method = init?.method ?? 'GET';
    sent.push({ method, url, body: init?.body ? JSON.parse(String(init.body)) : undefined });
    if (method === 'GET') return json({ tokens });
    if (method === 'POST') {
      if (options.refuseCreate) return json({ error: { code: 'conflict', message: options.refuseCreate } }, 409);
      const token: ApiToken = { id: 'tok_2', name: 'CRM sync', prefix: SECRET.slice(0, 9), createdBy: { id: 'a1', name: 'Ana' }, createdAt: Date.now(), lastUsedAt: null };
      tokens = [token, ...tokens];
      return json({ token, secret: SECRET }, 201);
    }
    tokens = tokens.filter((t) => !url.endsWith(`/${t.id}`));
    return new Response(null, { status: 204 });
  };
  return { model: createApiTokensModel(fetchImpl), sent };
}

describe('ApiTokensSection', () => {
  it('lists tokens by name and prefix, never a secret', async () => {
    const { model } = fakeServer();
    render(<ApiTokensSection model={model} />);
    const row = await screen.findByRole('row', { name: /Zapier/ });
    expect(row.textContent).toContain('hilo_Ab3x…');
    expect(row.textContent).toContain('never');
    expect(row.textContent).toContain('Ana');
  });

  it('creates a token and shows it once, with a copy button', async () => {
    const writeText = vi.fn(() => Promise.resolve());
    vi.stubGlobal('navigator', { clipboard: { writeText } });
    const { model, sent } = fakeServer();
    render(<ApiTokensSection model={model} />);
    const name = await screen.findByLabelText('Token name');
    expect((screen.getByRole('button', { name: 'Create token' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.input(name, { target: { value: '  CRM sync ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create token' }));

    const shown = (await screen.findByLabelText('New API token')) as HTMLInputElement;
    expect(shown.value).toBe(SECRET);
    expect(sent.find((r) => r.method === 'POST')).toEqual({ method: 'POST', url: '/api/api-tokens', body: { name: 'CRM sync' } });
    expect(screen.getByRole('row', { name: /CRM sync/ }).textContent).not.toContain(SECRET);
    expect((name as HTMLInputElement).value).toBe('');

    fireEvent.click(screen.getByRole('button', { name: 'Copy' }));
    await screen.findByRole('button', { name: 'Copied' });
    expect(writeText).toHaveBeenCalledWith(SECRET);

    fireEvent.click(screen.getByRole('button', { name: 'Done' }));
    expect(screen.queryByLabelText('New API token')).toBeNull();
    expect(document.body.textContent).not.toContain(SECRET);
  });

  it('revokes only after a second, confirming click', async () => {
    const { model, sent } = fakeServer();
    render(<ApiTokensSection model={model} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Revoke' }));
    expect(sent.some((r) => r.method === 'DELETE')).toBe(false);
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    fireEvent.click(screen.getByRole('button', { name: 'Revoke' }));
    fireEvent.click(screen.getByRole('button', { name: 'Confirm: revoke Zapier' }));
    await waitFor(() => expect(screen.queryByRole('row', { name: /Zapier/ })).toBeNull());
    expect(sent.filter((r) => r.method === 'DELETE').map((r) => r.url)).toEqual(['/api/api-tokens/tok_1']);
    expect(screen.getByText('No API tokens yet.')).toBeTruthy();
  });

  it('shows the server refusal and keeps the name typed', async () => {
    const { model } = fakeServer({ refuseCreate: 'A site can hold at most 25 API tokens; revoke one first' });
    render(<ApiTokensSection model={model} />);
    fireEvent.input(await screen.findByLabelText('Token name'), { target: { value: 'One more' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create token' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('at most 25 API tokens'));
    expect((screen.getByLabelText('Token name') as HTMLInputElement).value).toBe('One more');
    expect(screen.queryByLabelText('New API token')).toBeNull();
  });
});
