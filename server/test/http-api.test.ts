import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, startTestRedis, startTestServer, type TestRedis, type TestServer } from './harness.js';

let redis: TestRedis;
let server: TestServer;

beforeAll(async () => {
  redis = await startTestRedis();
  server = await startTestServer(redis.url);
});
afterAll(async () => {
  await server.close();
  await redis.dispose();
});

function login(body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

describe('agent sign-in', () => {
  it('signs in with an httpOnly strict cookie, answers /me, and signs out', async () => {
    const res = await login({ email: 'ADMIN@hilo.test', password: ADMIN.password });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ agent: { email: ADMIN.email, role: 'admin' } });
    const setCookie = res.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^hilo_session=[A-Za-z0-9_-]{40,};/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    const cookie = setCookie.split(';')[0] ?? '';

    const me = await fetch(`${server.url}/api/auth/me`, { headers: { cookie } });
    expect(me.status).toBe(200);
    expect(JSON.stringify(await me.json())).not.toContain('passwordHash');

    const out = await fetch(`${server.url}/api/auth/logout`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: '{}' });
    expect(out.status).toBe(204);
    expect((await fetch(`${server.url}/api/auth/me`, { headers: { cookie } })).status).toBe(401);
  });

  it('gives the same answer for a wrong password and an unknown email', async () => {
    const wrong = await login({ email: ADMIN.email, password: 'not the password' });
    const unknown = await login({ email: 'nobody@hilo.test', password: 'not the password' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await wrong.json()).toEqual(await unknown.json());
  });

  it('rejects malformed bodies clearly', async () => {
    const res = await login({ email: 'not-an-email', password: 5 });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('bad_request');
    expect(body.error.message).toMatch(/email/);
    expect((await login('{"email":')).status).toBe(400);
    expect((await login({ email: 'a@b.co', password: 'x'.repeat(100_000) })).status).toBe(413);
  });

  it('refuses cross-site posts (CSRF): form content types and foreign origins', async () => {
    const form = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `email=${ADMIN.email}&password=${ADMIN.password}`,
    });
    expect(form.status).toBe(400);
    const foreign = await login({ email: ADMIN.email, password: ADMIN.password }, { origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    expect(foreign.headers.get('set-cookie')).toBeNull();
  });

  it('rate-limits repeated failures on one account', async () => {
    const email = 'victim@hilo.test';
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await login({ email, password: `guess number ${i}` })).status);
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
  });
});

describe('pages and health', () => {
  it('reports healthy Redis', async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', redis: 'ok' });
  });

  it('serves the demo storefront with exactly the embed snippet', async () => {
    const res = await fetch(`${server.url}/demo`);
    const html = await res.text();
    expect(html).toContain(`<script async src="http://127.0.0.1:1/widget/loader.js" data-site="${server.site.publicKey}"></script>`);
    expect(html).toContain('Add to cart');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('answers unknown API routes with a JSON 404', async () => {
    const res = await fetch(`${server.url}/api/nothing-here`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: 'not_found', message: 'No such route' } });
  });
});
