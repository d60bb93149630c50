import type { SiteInstall } from '@hilo/shared';
import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createInstallModel } from './install-model';
import { InstallSection } from './InstallSection';

afterEach(() => {
  vi.unstubAllGlobals();
});

const INSTALL: SiteInstall = {
  publicKey: 'pk_demo',
  snippet: '<script async src="https://chat.example.com/widget/loader.js" data-site="pk_demo"></script>',
  allowedOrigins: ['https://shop.example'],
  identitySecret: 'sk_0123456789abcdef',
};

/** A stand-in for `/api/site` that records what the console sent. */
function fakeServer(options: { refuse?: string } = {}) {
  const sent: Array<{ method: string; url: string; body: unknown }> = [];
  let install = INSTALL;
  const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  const fetchImpl = async (url: string, init?: RequestInit): Promise<Response> => {
    const method = init?.method ?? 'GET';
    const body = init?.body ? (JSON.parse(String(init.body)) as { origins: string[] }) : undefined;
    sent.push({ method, url, body });
    if (method === 'GET') return json(install);
    if (options.refuse) return json({ error: { code: 'bad_request', message: options.refuse } }, 400);
    // As the server does: normalised, duplicates dropped.
    install = { ...install, allowedOrigins: [...new Set((body?.origins ?? []).map((o) => o.toLowerCase().replace(/\/$/, '')))] };
    return json(install);
  };
  return { model: createInstallModel(fetchImpl), sent };
}

describe('InstallSection', () => {
  it('shows the snippet to copy, and keeps the identity secret hidden until asked', async () => {
    const writeText = vi.fn(() => Promise.resolve());
    vi.stubGlobal('navigator', { clipboard: { writeText } });
    render(<InstallSection model={fakeServer().model} />);
    expect(((await screen.findByLabelText('Embed snippet')) as HTMLInputElement).value).toBe(INSTALL.snippet);
    fireEvent.click(screen.getByRole('button', { name: 'Copy the embed snippet' }));
    expect(writeText).toHaveBeenCalledWith(INSTALL.snippet);

    const secret = screen.getByLabelText('Identity secret') as HTMLInputElement;
    expect(secret.type).toBe('password');
    fireEvent.click(screen.getByRole('button', { name: 'Show' }));
    expect((screen.getByLabelText('Identity secret') as HTMLInputElement).type).toBe('text');
    fireEvent.click(screen.getByRole('button', { name: 'Copy the identity secret' }));
    expect(writeText).toHaveBeenLastCalledWith(INSTALL.identitySecret);
  });

  it('saves the origins one per line and shows the list the server kept', async () => {
    const { model, sent } = fakeServer();
    render(<InstallSection model={model} />);
    const box = (await screen.findByLabelText('Allowed origins', { selector: 'textarea' })) as HTMLTextAreaElement;
    await waitFor(() => expect(box.value).toBe('https://shop.example'));
    fireEvent.input(box, { target: { value: 'https://shop.example\n\n  HTTPS://New.example/ \n' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save origins' }));
    expect(await screen.findByRole('status')).toHaveProperty('textContent', 'Saved');
    expect(sent.at(-1)).toEqual({ method: 'PUT', url: '/api/site/origins', body: { origins: ['https://shop.example', 'HTTPS://New.example/'] } });
    expect(box.value).toBe('https://shop.example\nhttps://new.example');
  });

  it('shows the server\u2019s reason when it refuses an origin, and keeps what was typed', async () => {
    const { model } = fakeServer({ refuse: 'https://shop.example/cart is not an origin like https://shop.example.com (no path)' });
    render(<InstallSection model={model} />);
    const box = (await screen.findByLabelText('Allowed origins', { selector: 'textarea' })) as HTMLTextAreaElement;
    await waitFor(() => expect(box.value).toBe('https://shop.example'));
    fireEvent.input(box, { target: { value: 'https://shop.example/cart' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save origins' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/is not an origin/);
    expect(box.value).toBe('https://shop.example/cart');
    expect(screen.queryByRole('status')).toBeNull();
  });
});
