import type { SiteInstall } from '@hilo/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrap } from '../src/domain/bootstrap.js';
import { hashPassword } from '../src/domain/password.js';
import { userHashFor } from '../src/domain/user-hash.js';
import { issueVisitorToken } from '../src/domain/visitor-token.js';
import { createAgentStore } from '../src/store/agent-store.js';
import { keys } from '../src/store/keys.js';
import { createSiteStore } from '../src/store/site-store.js';
import { request, SHOP_ORIGIN, signIn, startTestRedis, startTestServer, visitorClient, whenReady, type TestRedis, type TestServer, type VisitorClient } from './harness.js';

let redis: TestRedis;
let server: TestServer;
let admin: string;
let agent: string;
const open: VisitorClient[] = [];
const BEA = { email: 'bea@hilo.test', password: 'bea has a long password' };

beforeAll(async () => {
  redis = await startTestRedis();
  server = await startTestServer(redis.url);
  await createAgentStore(server.redis).create({ id: 'a_bea', siteId: server.site.id, email: BEA.email, name: 'Bea', role: 'agent', passwordHash: await hashPassword(BEA.password), createdAt: 1 });
  [admin, agent] = await Promise.all([signIn(server.url), signIn(server.url, BEA)]);
});
afterAll(async () => {
  for (const socket of open) socket.disconnect();
  await server.close();
  await redis.dispose();
});

function site(cookie: string, method: 'GET' | 'PUT', path: string, body?: unknown) {
  return fetch(`${server.url}/api/site${path}`, {
    method,
    headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

/** A visitor from `origin`: resolves with its visitor id, or rejects with the refusal. */
async function visitorFrom(origin: string): Promise<string> {
  const socket = visitorClient(server.url, { siteKey: server.site.publicKey }, origin);
  open.push(socket);
  return (await whenReady(socket)).visitorId;
}

describe('install settings', () => {
  it('gives admins the snippet, the allowed origins and the identity secret, uncached', async () => {
    const res = await site(admin, 'GET', '/install');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const install = (await res.json()) as SiteInstall;
    expect(install.publicKey).toBe(server.site.publicKey);
    expect(install.snippet).toMatch(new RegExp(`^<script async src="https?://[^"]+/widget/loader\\.js" data-site="${server.site.publicKey}"></script>$`));
    expect(install.allowedOrigins).toContain(SHOP_ORIGIN);

    // The secret really is the one userHash is checked with: a hash made with it verifies the visitor.
    const socket = visitorClient(server.url, { siteKey: server.site.publicKey });
    open.push(socket);
    await whenReady(socket);
    const answer = await request<{ verified: boolean }>(socket, 'visitor:identify', { email: 'ana@example.com', userHash: userHashFor(install.identitySecret, 'ana@example.com') });
    expect(answer).toEqual({ ok: true, data: { verified: true } });
  });

  it('keeps the identity secret apart from the key visitor tokens are signed with', async () => {
    const install = (await (await site(admin, 'GET', '/install')).json()) as SiteInstall;
    const victim = visitorClient(server.url, { siteKey: server.site.publicKey });
    open.push(victim);
    const { visitorId } = await whenReady(victim);
    // Whoever holds the identity secret (the shop's servers) cannot become another shopper with it.
    const forged = issueVisitorToken({ siteId: server.site.id, visitorId, issuedAt: Date.now() }, install.identitySecret);
    const attacker = visitorClient(server.url, { siteKey: server.site.publicKey, token: forged });
    open.push(attacker);
    expect((await whenReady(attacker)).visitorId).not.toBe(visitorId);
  });

  it('refuses agents who are not admins, and anyone signed out', async () => {
    expect((await site(agent, 'GET', '/install')).status).toBe(403);
    expect((await site(agent, 'PUT', '/origins', { origins: ['https://evil.example'] })).status).toBe(403);
    expect((await site('', 'GET', '/install')).status).toBe(401);
    expect((await createSiteStore(server.redis).findById(server.site.id))?.allowedOrigins).not.toContain('https://evil.example');
  });

  it('replaces the allow-list, normalised, and the next connection follows it', async () => {
    await expect(visitorFrom('https://new-shop.example')).rejects.toThrow('forbidden_origin');
    const res = await site(admin, 'PUT', '/origins', { origins: [SHOP_ORIGIN, ' HTTPS://New-Shop.example:443/ ', 'http://localhost:8080', 'https://new-shop.example'] });
    expect(res.status).toBe(200);
    expect(((await res.json()) as SiteInstall).allowedOrigins).toEqual([SHOP_ORIGIN, 'https://new-shop.example', 'http://localhost:8080']);
    await expect(visitorFrom('https://new-shop.example')).resolves.toMatch(/^v_/);

    await site(admin, 'PUT', '/origins', { origins: ['https://new-shop.example'] });
    await expect(visitorFrom(SHOP_ORIGIN)).rejects.toThrow('forbidden_origin');
    await site(admin, 'PUT', '/origins', { origins: [SHOP_ORIGIN] });
    await expect(visitorFrom(SHOP_ORIGIN)).resolves.toMatch(/^v_/);
  });

  it('rejects what is not an origin with a clear error and changes nothing', async () => {
    const before = (await createSiteStore(server.redis).findById(server.site.id))?.allowedOrigins;
    for (const bad of [['https://shop.example/checkout'], ['javascript:alert(1)'], ['shop.example'], [''], ['https://a.example?x=1'], [42], Array.from({ length: 51 }, (_, i) => `https://s${i}.example`)]) {
      const res = await site(admin, 'PUT', '/origins', { origins: bad });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { code: string; message: string } }).error.code).toBe('bad_request');
    }
    const res = await site(admin, 'PUT', '/origins', { origins: ['https://shop.example/checkout'] });
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/not an origin like https:\/\/shop\.example\.com/);
    expect((await site(admin, 'PUT', '/origins', { origins: [SHOP_ORIGIN], extra: true })).status).toBe(400);
    expect((await createSiteStore(server.redis).findById(server.site.id))?.allowedOrigins).toEqual(before);
  });

  it('gives a site from before the identity secret had its own key one at the next start', async () => {
    await server.redis.hDel(keys.site(server.site.id), 'identitySecret');
    expect((await createSiteStore(server.redis).findById(server.site.id))?.identitySecret).toBe('');
    await bootstrap(createSiteStore(server.redis), createAgentStore(server.redis), { publicUrl: 'http://127.0.0.1:1', extraOrigins: [], adminEmail: 'admin@hilo.test', adminPassword: undefined, supportEmail: 'support@shop.example' });
    const after = await createSiteStore(server.redis).findById(server.site.id);
    expect(after?.identitySecret).toMatch(/^ik_.{20,}/);
    expect(after?.identitySecret).not.toBe(after?.secret);
  });
});
