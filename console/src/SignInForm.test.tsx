import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { createApiClient } from './api-client';
import { SignInForm } from './SignInForm';
import { AGENT } from './testing/fixtures';

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

function setup(answer: () => Promise<Response>) {
  const fetchImpl = vi.fn((_input: string, _init?: RequestInit) => answer());
  const api = createApiClient(fetchImpl);
  const onSignedIn = vi.fn();
  render(<SignInForm signIn={async (body) => onSignedIn(await api.login(body))} />);
  fireEvent.input(screen.getByLabelText('Email'), { target: { value: 'ana@example.com' } });
  fireEvent.input(screen.getByLabelText('Password'), { target: { value: 'correct horse battery' } });
  return { fetchImpl, onSignedIn, button: screen.getByRole('button', { name: 'Sign in' }) };
}

describe('SignInForm', () => {
  it('has exactly labelled email and password fields', () => {
    render(<SignInForm signIn={() => Promise.resolve()} />);
    expect(screen.getByLabelText('Email')).toHaveProperty('type', 'email');
    expect(screen.getByLabelText('Password')).toHaveProperty('type', 'password');
  });

  it('posts the credentials as JSON to the login API', async () => {
    const { fetchImpl, onSignedIn, button } = setup(() => Promise.resolve(jsonResponse(200, { agent: AGENT })));
    fireEvent.click(button);
    await waitFor(() => expect(onSignedIn).toHaveBeenCalledWith(AGENT));
    const [url, init] = fetchImpl.mock.calls[0] ?? [];
    expect(url).toBe('/api/auth/login');
    expect(init?.method).toBe('POST');
    expect(init?.credentials).toBe('same-origin');
    expect(init?.headers).toMatchObject({ 'Content-Type': 'application/json' });
    expect(JSON.parse(String(init?.body))).toEqual({ email: 'ana@example.com', password: 'correct horse battery' });
  });

  it('disables the button while the request runs', async () => {
    let answer!: (response: Response) => void;
    const { button } = setup(() => new Promise((resolve) => (answer = resolve)));
    fireEvent.click(button);
    await waitFor(() => expect(button).toHaveProperty('disabled', true));
    answer(jsonResponse(401, { error: { code: 'unauthorized', message: 'bad credentials' } }));
    await waitFor(() => expect(button).toHaveProperty('disabled', false));
  });

  it('shows "Wrong email or password" on 401', async () => {
    const { button, onSignedIn } = setup(() => Promise.resolve(jsonResponse(401, { error: { code: 'unauthorized', message: 'bad credentials' } })));
    fireEvent.click(button);
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('Wrong email or password'));
    expect(onSignedIn).not.toHaveBeenCalled();
  });

  it('asks to wait on 429', async () => {
    const { button } = setup(() => Promise.resolve(jsonResponse(429, { error: { code: 'rate_limited', message: 'slow down' } })));
    fireEvent.click(button);
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('Too many attempts, try again in a minute'));
  });
});
