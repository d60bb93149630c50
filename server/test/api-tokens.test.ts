import type { ApiToken, ApiTokenCreated } from '@hilo/shared';
import { API_TOKEN_LIMITS } from '@hilo/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiTokenService, hashApiToken } from '../src/domain/api-token-service.js';
import { hashPassword } from '../src/domain/password.js';
import { createAgentStore } from '../src/store/agent-store.js';
import { createApiTokenStore } from '../src/store/api-token-store.js';
import { createSiteStore } from '../src/store/site-store.js';
import { snapshotRedis } from './redis-snapshot.js';
import { signIn, startTestRedis, startTestServer, type TestRedis, type TestServer } from './harness.js';

let redis: TestRedis;
let server: TestServer;
/** A second process on the same Redis: revocation must reach it at once. */
let second: TestServer;
let admin: string;
let agent: string;
let rivalAdmin: string;

const BEA = { email: 'bea@hilo.test', password: 'bea has a long password' };
const RITA = { email: 'rita@rival.test', password: 'rita has a long password' };

beforeAll(async () => {
  redis = await startTestRedis();
  server = await startTestServer(redis.url);
  second = await startTestServer(redis.url);
  const agents = createAgentStore(server.redis);
  await agents.create({ id: 'a_bea', siteId: server.site.id, email: BEA.email, name: 'Bea', role: 'agent', passwordHash: await hashPassword(BEA.password), createdAt: 1 });
  await createSiteStore(server.redis).create({ id: 's_rival', name: 'Rival', publicKey: 'pk_rival', secret: 'sk_rival_secret', identitySecret: 'ik_sk_rival_secret', allowedOrigins: [], supportEmail: null, createdAt: 1 });
  await agents.create({ id: 'a_rita', siteId: 's_rival', email: RITA.email, name: 'Rita', role: 'admin', passwordHash: await hashPassword(RITA.password), createdAt: 1 });
  [admin, agent, rivalAdmin] = await Promise.all([signIn(server.url), signIn(server.url, BEA), signIn(server.url, RITA)]);
});
afterAll(async () => {
  await second.close();
  await server.close();
  await redis.dispose();
});

function tokens(cookie: string, method = 'GET', body?: unknown, path = '') {
  return fetch(`${server.url}/api/api-tokens${path}`, {
    method,
    headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

async function create(name: string, cookie = admin): Promise<ApiTokenCreated> {
  const res = await tokens(cookie, 'POST', { name });
  expect(res.status).toBe(201);
  return (await res.json()) as ApiTokenCreated;
}

async function list(cookie = admin): Promise<ApiToken[]> {
  return ((await (await tokens(cookie)).json()) as { tokens: ApiToken[] }).tokens;
}

// As the console sends it: the CSRF guard wants a JSON body on every write.
const revoke = (id: string, cookie = admin) => tokens(cookie, 'DELETE', {}, `/${id}`);
const call = (url: string, secret: string) => fetch(`${url}/api/v1/conversations`, { headers: { authorization: `Bearer ${secret}` } });

describe('API token lifecycle', () => {
  it('shows the token once, lists it without the secret, and it works on every process', async () => {
    const created = await create('  CRM sync  ');
    expect(created.secret).toMatch(/^hilo_[A-Za-z0-9_-]{43}$/);
    expect(created.token).toMatchObject({ name: 'CRM sync', prefix: created.secret.slice(0, 9), lastUsedAt: null, createdBy: { name: expect.any(String) } });
    const listed = (await list()).find((t) => t.id === created.token.id);
    expect(listed).toEqual(created.token);
    expect(JSON.stringify(await list())).not.toContain(created.secret);

    expect((await call(server.url, created.secret)).status).toBe(200);
    expect((await call(second.url, created.secret)).status).toBe(200);
    const used = (await list()).find((t) => t.id === created.token.id);
    expect(used?.lastUsedAt).toEqual(expect.any(Number));
  });

  it('stores only the SHA-256 of a token, never the token', async () => {
    const { secret } = await create('Scanner');
    expect((await call(server.url, secret)).status).toBe(200);
    const everything = JSON.stringify({ keys: await server.redis.keys('*'), values: await snapshotRedis(server.redis, /^$/) });
    expect(everything).not.toContain(secret);
    expect(everything).not.toContain(secret.slice(5));
    expect(everything).toContain(hashApiToken(secret));
  });

  it('refuses a revoked token at once, on this process and the other one', async () => {
    const { token, secret } = await create('Short-lived');
    expect((await call(second.url, secret)).status).toBe(200);
    expect((await revoke(token.id)).status).toBe(204);
    for (const url of [server.url, second.url]) {
      const res = await call(url, secret);
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
    }
    expect((await list()).some((t) => t.id === token.id)).toBe(false);
    expect((await revoke(token.id)).status).toBe(404);
    expect(await server.redis.get(`hilo:api-token:${hashApiToken(secret)}`)).toBeNull();
  });

  it('answers 401 without a token, with a malformed one and with a made-up one', async () => {
    const noHeader = await fetch(`${server.url}/api/v1/conversations`);
    expect(noHeader.status).toBe(401);
    expect(((await noHeader.json()) as { error: { message: string } }).error.message).toContain('Authorization: Bearer');
    for (const header of ['Bearer', 'Basic abc', 'Bearer nope', `Bearer hilo_${'A'.repeat(43)}`, `Bearer ${'x'.repeat(300)}`]) {
      const res = await fetch(`${server.url}/api/v1/conversations`, { headers: { authorization: header } });
      expect(res.status, header).toBe(401);
    }
  });

  it('refuses a bad name and caps the number of tokens per site', async () => {
    for (const body of [{ name: '' }, { name: '   ' }, { name: 'x'.repeat(API_TOKEN_LIMITS.name + 1) }, {}, { name: 'ok', extra: 1 }]) {
      const res = await tokens(admin, 'POST', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    const existing = (await list()).length;
    for (let i = existing; i < API_TOKEN_LIMITS.perSite; i++) await create(`Bulk ${i}`);
    const over = await tokens(admin, 'POST', { name: 'One too many' });
    expect(over.status).toBe(409);
    for (const t of await list()) if (t.name.startsWith('Bulk')) expect((await revoke(t.id)).status).toBe(204);
  });
});

describe('who may manage API tokens', () => {
  it('needs a session, and admins only', async () => {
    expect((await fetch(`${server.url}/api/api-tokens`)).status).toBe(401);
    const { token } = await create('Admin made');
    expect((await tokens(agent)).status).toBe(403);
    expect((await tokens(agent, 'POST', { name: 'Sneaky' })).status).toBe(403);
    expect((await revoke(token.id, agent)).status).toBe(403);
    expect((await list()).some((t) => t.id === token.id)).toBe(true);
  });

  it("keeps each site's tokens to itself", async () => {
    const ours = await create('Ours');
    const theirs = await create('Theirs', rivalAdmin);
    expect((await list(rivalAdmin)).map((t) => t.id)).toEqual([theirs.token.id]);
    expect((await revoke(ours.token.id, rivalAdmin)).status).toBe(404);
    expect((await call(server.url, ours.secret)).status).toBe(200);
  });

  it('refuses a cross-site form post to the cookie routes', async () => {
    const res = await fetch(`${server.url}/api/api-tokens`, { method: 'POST', headers: { cookie: admin, 'content-type': 'application/json', origin: 'https://evil.example' }, body: '{"name":"x"}' });
    expect(res.status).toBe(403);
  });
});

describe('last use', () => {
  it('is written at most once a minute', async () => {
    let clock = 1_000_000;
    const store = createApiTokenStore(server.redis);
    const service = createApiTokenService({ tokens: store, agents: createAgentStore(server.redis), now: () => clock });
    const me = { id: 'a_x', siteId: 's_clock', email: 'x@hilo.test', name: 'X', role: 'admin' as const };
    const { token, secret } = await service.create(me, { name: 'Clock' });
    const lastUsed = async () => (await service.list(me)).find((t) => t.id === token.id)?.lastUsedAt;

    expect(await service.authenticate(secret)).toEqual({ siteId: 's_clock', tokenId: token.id, tokenName: 'Clock' });
    expect(await lastUsed()).toBe(1_000_000);
    clock += 59_000;
    await service.authenticate(secret);
    expect(await lastUsed()).toBe(1_000_000);
    clock += 1_000;
    await service.authenticate(secret);
    expect(await lastUsed()).toBe(1_060_000);

    // A use racing the revoke must not bring an entry back.
    await service.revoke(me, token.id);
    await store.touch('s_clock', token.id, clock);
    expect(await server.redis.hGet('hilo:site:{s_clock}:api-tokens-used', token.id)).toBeNull();
    expect(await service.authenticate(secret)).toBeNull();
  });
});

describe('per-token rate limit', () => {
  it('answers 429 with Retry-After past the burst, per token', async () => {
    const unlimited = { burst: 1e9, perSecond: 1e9 };
    const limited = await startTestServer(redis.url, { protection: { visitor: unlimited, ip: unlimited, agent: { burst: 3, perSecond: 0.01 } } });
    try {
      const a = await create('Busy');
      const b = await create('Quiet');
      const codes = [];
      for (let i = 0; i < 4; i++) codes.push((await call(limited.url, a.secret)).status);
      expect(codes).toEqual([200, 200, 200, 429]);
      const refused = await call(limited.url, a.secret);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(((await refused.json()) as { error: { code: string; retryAfterMs: number } }).error).toMatchObject({ code: 'rate_limited', retryAfterMs: expect.any(Number) });
      expect((await call(limited.url, b.secret)).status).toBe(200);
    } finally {
      await limited.close();
    }
  });
});
