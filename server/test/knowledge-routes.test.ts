import { KB_LIMITS, type Article, type ArticleHit, type BotSettings, type PublicArticle } from '@hilo/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../src/domain/password.js';
import { createAgentStore } from '../src/store/agent-store.js';
import { SHOP_ORIGIN, signIn, startTestRedis, startTestServer, type TestRedis, type TestServer } from './harness.js';

let redis: TestRedis;
let server: TestServer;
let admin: string;
let agent: string;
const BEA = { email: 'bea@hilo.test', password: 'another long password' };

beforeAll(async () => {
  redis = await startTestRedis();
  server = await startTestServer(redis.url);
  await createAgentStore(server.redis).create({ id: 'a_bea', siteId: server.site.id, email: BEA.email, name: 'Bea', role: 'agent', passwordHash: await hashPassword(BEA.password), createdAt: 1 });
  admin = await signIn(server.url);
  agent = await signIn(server.url, BEA);
});
afterAll(async () => {
  await server.close();
  await redis.dispose();
});

function api(method: string, path: string, cookie: string, body?: unknown) {
  return fetch(`${server.url}/api/kb${path}`, {
    method,
    // Like the console's api-client: every write is JSON (the /api CSRF guard wants it), DELETE included.
    headers: { cookie, ...(method === 'GET' ? {} : { 'content-type': 'application/json' }) },
    ...(method === 'GET' ? {} : { body: JSON.stringify(body ?? {}) }),
  });
}
const widget = (path: string, init: RequestInit = {}) => fetch(`${server.url}/widget/kb${path}`, init);
const key = () => server.site.publicKey;
const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

async function listAll(): Promise<Article[]> {
  return ((await (await api('GET', '/articles', admin)).json()) as { articles: Article[] }).articles;
}

async function createArticle(input: Record<string, unknown>): Promise<Article> {
  const res = await api('POST', '/articles', admin, input);
  expect(res.status, await res.clone().text()).toBe(201);
  return ((await res.json()) as { article: Article }).article;
}

describe('knowledge base in the console', () => {
  let refund: Article;
  let draft: Article;

  it('lets an admin create, list (drafts too, newest first), update and delete articles', async () => {
    refund = await createArticle({ title: 'Returns and refunds', body: 'Return within **30 days**.', tags: ['refund'], language: 'en' });
    expect(refund).toMatchObject({ title: 'Returns and refunds', published: true, helpful: 0, notHelpful: 0, views: 0, siteId: server.site.id });
    // "Newest first" needs distinct timestamps.
    await tick();
    draft = await createArticle({ title: 'Rebajas de invierno', body: 'Borrador.', language: 'es', published: false });
    await tick();
    expect((await listAll()).map((a) => a.id)).toEqual([draft.id, refund.id]);

    const res = await api('PUT', `/articles/${refund.id}`, admin, { title: 'Returns, refunds and exchanges', body: 'Return within 30 days.', tags: ['refund', 'exchange'], language: 'en' });
    expect(res.status).toBe(200);
    const updated = ((await res.json()) as { article: Article }).article;
    expect(updated).toMatchObject({ id: refund.id, title: 'Returns, refunds and exchanges', createdAt: refund.createdAt });
    expect(updated.updatedAt).toBeGreaterThanOrEqual(refund.updatedAt);
    refund = updated;
    expect((await listAll())[0]?.id).toBe(refund.id);

    const gone = await createArticle({ title: 'Temporary', body: 'x', language: 'en' });
    expect((await api('DELETE', `/articles/${gone.id}`, admin)).status).toBe(204);
    expect((await api('DELETE', `/articles/${gone.id}`, admin)).status).toBe(404);
    expect((await api('PUT', `/articles/${gone.id}`, admin, { title: 'Back?', body: '', language: 'en' })).status).toBe(404);
    expect((await listAll()).map((a) => a.id)).not.toContain(gone.id);
  });

  it('lets agents read and search but only admins write', async () => {
    expect((await api('GET', '/articles', agent)).status).toBe(200);
    const search = await api('GET', '/search?q=rebajas', agent);
    expect(((await search.json()) as { results: ArticleHit[] }).results.map((r) => r.id)).toEqual([draft.id]);
    expect((await api('GET', '/bot', agent)).status).toBe(200);
    const before = JSON.stringify(await listAll());
    for (const [method, path, body] of [
      ['POST', '/articles', { title: 'Nope', body: '', language: 'en' }],
      ['PUT', `/articles/${refund.id}`, { title: 'Nope', body: '', language: 'en' }],
      ['DELETE', `/articles/${refund.id}`, undefined],
      ['PUT', '/bot', { enabled: true }],
    ] as const) {
      const res = await api(method, path, agent, body);
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('forbidden');
    }
    expect(JSON.stringify(await listAll())).toBe(before);
    expect((await api('GET', '/articles', '')).status).toBe(401);
    expect((await fetch(`${server.url}/api/kb/articles`, { method: 'POST', headers: { cookie: admin, 'content-type': 'application/json', origin: 'https://evil.example' }, body: '{}' })).status).toBe(403);
  });

  it('refuses bad input with 400 and changes nothing', async () => {
    const before = JSON.stringify(await listAll());
    for (const body of [
      {},
      { title: '', body: 'x', language: 'en' },
      { title: 'x'.repeat(KB_LIMITS.title + 1), body: 'x', language: 'en' },
      { title: 'Big', body: 'x'.repeat(KB_LIMITS.body + 1), language: 'en' },
      { title: 'Lang', body: 'x', language: 'fr' },
      { title: 'Tags', body: 'x', language: 'en', tags: 'refund' },
      { title: 'Tags', body: 'x', language: 'en', tags: Array.from({ length: KB_LIMITS.tags + 1 }, (_, i) => `t${i}`) },
      { title: 'Tag', body: 'x', language: 'en', tags: ['x'.repeat(KB_LIMITS.tag + 1)] },
      { title: 42, body: 'x', language: 'en' },
      { title: 'Pub', body: 'x', language: 'en', published: 'yes' },
    ]) {
      const res = await api('POST', '/articles', admin, body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('bad_request');
      expect((await api('PUT', `/articles/${refund.id}`, admin, body)).status).toBe(400);
    }
    expect((await api('PUT', '/articles/bad%20id', admin, { title: 'x', body: '', language: 'en' })).status).toBe(400);
    expect((await api('PUT', '/bot', admin, { enabled: 'yes' })).status).toBe(400);
    expect((await api('GET', `/search?q=${'x'.repeat(KB_LIMITS.query + 1)}`, admin)).status).toBe(400);
    expect((await api('GET', '/search?q=refund&lang=fr', admin)).status).toBe(400);
    expect((await api('POST', '/preview', admin, { body: 'x'.repeat(KB_LIMITS.body + 1) })).status).toBe(400);
    expect(JSON.stringify(await listAll())).toBe(before);
  });

  it('previews Markdown safely: script escaped, javascript: links not links, safe links hardened', async () => {
    const res = await api('POST', '/preview', admin, { body: '# Hi\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1)) [ok](https://shop.example/a) <img src=x onerror=alert(1)>' });
    const { html } = (await res.json()) as { html: string };
    expect(html).toContain('<h1>Hi</h1>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toMatch(/<script|<img|href="javascript/i);
    expect(html).toContain('[x](javascript:alert(1))');
    expect(html).toContain('<a href="https://shop.example/a" rel="noopener noreferrer nofollow" target="_blank">ok</a>');
  });

  it('keeps the bot switch per site', async () => {
    expect(((await (await api('GET', '/bot', admin)).json()) as { settings: BotSettings }).settings).toEqual({ enabled: false });
    const res = await api('PUT', '/bot', admin, { enabled: true });
    expect(((await res.json()) as { settings: BotSettings }).settings).toEqual({ enabled: true });
    expect(((await (await api('GET', '/bot', agent)).json()) as { settings: BotSettings }).settings).toEqual({ enabled: true });
  });

  describe('in the widget', () => {
    it('searches published articles only, for allowed origins, with a short cache', async () => {
      const res = await widget(`/search?site=${key()}&q=refunds&lang=en`, { headers: { origin: SHOP_ORIGIN } });
      expect(res.status).toBe(200);
      expect(res.headers.get('access-control-allow-origin')).toBe(SHOP_ORIGIN);
      expect(res.headers.get('cache-control')).toBe('public, max-age=30');
      expect(res.headers.get('vary')).toMatch(/origin/i);
      const { results } = (await res.json()) as { results: ArticleHit[] };
      expect(results[0]).toMatchObject({ id: refund.id, title: 'Returns, refunds and exchanges', excerpt: 'Return within 30 days.', language: 'en' });
      expect(Object.keys(results[0] ?? {}).sort()).toEqual(['excerpt', 'id', 'language', 'score', 'title']);

      const drafts = (await (await widget(`/search?site=${key()}&q=rebajas`)).json()) as { results: ArticleHit[] };
      expect(drafts.results).toEqual([]);
      expect((await widget(`/search?site=${key()}&q=refund`, { headers: { origin: 'https://evil.example' } })).status).toBe(403);
      expect((await widget(`/search?site=pk_nope&q=refund`)).status).toBe(404);
      expect((await widget(`/search?site=${key()}`)).status).toBe(400);
      expect((await widget(`/search?site=${key()}&q=refund&limit=99`)).status).toBe(400);
    });

    it('serves a published article as safe HTML and counts the view; drafts are not found', async () => {
      const res = await widget(`/articles/${refund.id}?site=${key()}`, { headers: { origin: SHOP_ORIGIN } });
      expect(res.status).toBe(200);
      expect(res.headers.get('access-control-allow-origin')).toBe(SHOP_ORIGIN);
      const { article } = (await res.json()) as { article: PublicArticle };
      expect(article).toEqual({ id: refund.id, title: refund.title, html: '<p>Return within 30 days.</p>\n', body: [['p', null, 'Return within 30 days.']], tags: ['refund', 'exchange'], language: 'en', updatedAt: refund.updatedAt });
      expect((await widget(`/articles/${draft.id}?site=${key()}`)).status).toBe(404);
      expect((await widget(`/articles/nope?site=${key()}`)).status).toBe(404);
      expect((await listAll()).find((a) => a.id === refund.id)?.views).toBe(1);
    });

    it('answers the preflight and counts feedback', async () => {
      const preflight = await widget(`/articles/${refund.id}/feedback?site=${key()}`, {
        method: 'OPTIONS',
        headers: { origin: SHOP_ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-origin')).toBe(SHOP_ORIGIN);
      expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
      expect(preflight.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('content-type');
      const refused = await widget(`/articles/${refund.id}/feedback?site=${key()}`, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
      expect(refused.headers.get('access-control-allow-origin')).toBeNull();

      const post = (body: string, type = 'application/json') =>
        widget(`/articles/${refund.id}/feedback?site=${key()}`, { method: 'POST', headers: { origin: SHOP_ORIGIN, 'content-type': type }, body });
      expect((await post('{"helpful":true}')).status).toBe(204);
      expect((await post('{"helpful":false}')).status).toBe(204);
      expect((await post('{"helpful":true}')).status).toBe(204);
      for (const bad of ['{"helpful":"yes"}', '{}', 'not json']) expect((await post(bad)).status, bad).toBe(400);
      expect((await post('helpful=true', 'text/plain')).status).toBe(400);
      expect((await widget(`/articles/${draft.id}/feedback?site=${key()}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"helpful":true}' })).status).toBe(404);
      expect((await listAll()).find((a) => a.id === refund.id)).toMatchObject({ helpful: 2, notHelpful: 1 });
    });
  });
});
