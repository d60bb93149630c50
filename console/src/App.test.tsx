import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { SESSION_ENDED } from './agent-connection';
import { App } from './App';
import { createApiClient } from './api-client';
import { createConsoleApp } from './console-app';
import { FakeAgentSocket, flush } from './testing/fake-agent-socket';
import { AGENT } from './testing/fixtures';

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

async function start(me: Response) {
  const fetchImpl = vi.fn((url: string, _init?: RequestInit) => {
    if (url === '/api/auth/me') return Promise.resolve(me);
    if (url === '/api/auth/login') return Promise.resolve(json(200, { agent: AGENT }));
    return Promise.resolve(new Response(null, { status: 204 }));
  });
  const sockets: FakeAgentSocket[] = [];
  const app = createConsoleApp({
    api: createApiClient(fetchImpl),
    openSocket: () => {
      const socket = new FakeAgentSocket();
      socket.handlers['inbox:view'] = () => ({ ok: true, data: { conversations: [], total: 0 } });
      sockets.push(socket);
      return socket.asSocket();
    },
  });
  render(<App app={app} />);
  await act(() => app.checkSession());
  return { app, fetchImpl, sockets };
}

describe('App', () => {
  it('shows sign-in when /me answers 401, then the workspace after signing in', async () => {
    const { sockets } = await start(json(401, { error: { code: 'unauthorized', message: 'no session' } }));
    fireEvent.input(screen.getByLabelText('Email'), { target: { value: 'ana@example.com' } });
    fireEvent.input(screen.getByLabelText('Password'), { target: { value: 'correct horse battery' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(screen.getByRole('button', { name: 'Sign out' })).toBeTruthy());
    expect(screen.getByText('Hilo', { selector: '.topbar-brand' })).toBeTruthy();
    expect(screen.getByText('Ana')).toBeTruthy();
    expect(sockets).toHaveLength(1);
    expect(sockets[0]?.connectCalls).toBe(1);
  });

  it('shows the connection state in the top bar', async () => {
    const { sockets } = await start(json(200, { agent: AGENT }));
    const socket = sockets[0];
    if (!socket) throw new Error('no socket');
    expect(screen.getByRole('status').textContent).toBe('Connecting…');
    await act(async () => {
      socket.serverAccept();
      await flush();
    });
    expect(screen.getByRole('status').textContent).toBe('Live');
    act(() => socket.serverDrop());
    expect(screen.getByRole('status').textContent).toBe('Reconnecting…');
  });

  it('signs out: logout call, socket closed, back to sign-in', async () => {
    const { fetchImpl, sockets } = await start(json(200, { agent: AGENT }));
    fireEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    await waitFor(() => expect(screen.getByLabelText('Email')).toBeTruthy());
    expect(fetchImpl).toHaveBeenCalledWith('/api/auth/logout', expect.objectContaining({ method: 'POST' }));
    expect(sockets[0]?.disconnectCalls).toBe(1);
  });

  it('goes back to sign-in with a notice when the socket is refused as unauthorized', async () => {
    const { app, sockets } = await start(json(200, { agent: AGENT }));
    act(() => sockets[0]?.serverRefuse('unauthorized'));
    expect(app.workspace.get()).toBeNull();
    expect(screen.getByLabelText('Password')).toBeTruthy();
    expect(screen.getByText(SESSION_ENDED)).toBeTruthy();
  });
});
