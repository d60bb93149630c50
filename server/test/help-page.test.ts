import { createHash } from 'node:crypto';
import type { Article } from '@hilo/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRedis, startTestServer, type TestRedis, type TestServer } from './harness.js';

let redis: TestRedis;
let server: TestServer;
let refund: Article;
let hostile: Article;
let draft: Article;
const base = () => `${server.url}/help/${server.site.publicKey}`;
const EVIL_TITLE = '<script>alert("t")</script> & "Returns"';

beforeAll(async () => {
  redis = await startTestRedis();
  server = await startTestServer(redis.url);
  const kb = server.app.services.knowledge;
  refund = await kb.createFor(server.site.id, { title: 'Returns and refunds', language: 'en', tags: ['refund'], body: 'Send it back within **30 days**. See [our policy](https://shop.example/policy).' });
  hostile = await kb.createFor(server.site.id, { title: EVIL_TITLE, language: 'en', tags: ['<b>tag</b>'], body: '<img src=x onerror=alert(1)>\n\n[click](javascript:alert(1))' });
  await kb.createFor(server.site.id, { title: 'Devolución de pedidos', language: 'es', body: 'Puedes devolver tu pedido en 30 días.' });
  draft = await kb.createFor(server.site.id, { title: 'Secret winter sale', language: 'en', body: 'Soon.', published: false });
});
afterAll(async () => {
  await server.close();
  await redis.dispose();
});

function expectStrictPage(res: Response, html: string): void {
  const csp = res.headers.get('content-security-policy') ?? '';
  expect(res.headers.get('content-type')).toMatch(/^text\/html/);
  expect(csp).toContain("default-src 'none'");
  expect(csp).not.toMatch(/script-src|unsafe-inline|unsafe-eval/);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(html).not.toMatch(/<script/i);
  // The inline style sheet is allowed by its hash, so browsers apply it.
  const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
  expect(csp).toContain(`'sha256-${createHash('sha256').update(style).digest('base64')}'`);
}

describe('public help page', () => {
  it('lists published articles by language, escaping every title', async () => {
    const res = await fetch(base());
    const html = await res.text();
    expect(res.status).toBe(200);
    expectStrictPage(res, html);
    expect(html).toContain(`<h1><a href="/help/${server.site.publicKey}">${server.site.name.replace(/&/g, '&#38;')}</a></h1>`);
    expect(html.indexOf('English')).toBeLessThan(html.indexOf('Español'));
    expect(html).toContain('Returns and refunds');
    expect(html).toContain('Devolución de pedidos');
    expect(html).toContain('&#60;script&#62;alert(&#34;t&#34;)&#60;/script&#62; &#38; &#34;Returns&#34;');
    expect(html).toContain('Send it back within 30 days. See our policy.');
    expect(html).not.toContain('Secret winter sale');
  });

  it('searches with ranked results and echoes the query escaped', async () => {
    const res = await fetch(`${base()}?q=${encodeURIComponent('refnud')}`);
    const html = await res.text();
    expectStrictPage(res, html);
    expect(html).toContain(`href="/help/${server.site.publicKey}/${refund.id}"`);
    expect(html).toContain('value="refnud"');
    const none = await (await fetch(`${base()}?q=${encodeURIComponent('"><i>nothingmatches</i>')}`)).text();
    expect(none).toContain('No article matches');
    expect(none).toContain('value="&#34;&#62;&#60;i&#62;nothingmatches&#60;/i&#62;"');
    expect(none).not.toContain('<i>nothing');
    expect((await fetch(`${base()}?q=${'x'.repeat(201)}`)).status).toBe(400);
  });

  it('renders an article safely and counts the view', async () => {
    const res = await fetch(`${base()}/${hostile.id}`);
    const html = await res.text();
    expect(res.status).toBe(200);
    expectStrictPage(res, html);
    expect(html).toContain('<h1>&#60;script&#62;alert(&#34;t&#34;)&#60;/script&#62; &#38; &#34;Returns&#34;</h1>');
    expect(html).toContain('&#60;b&#62;tag&#60;/b&#62;');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toMatch(/<img|href="javascript/i);
    const page = await (await fetch(`${base()}/${refund.id}`)).text();
    expect(page).toContain('<strong>30 days</strong>');
    expect(page).toContain('<a href="https://shop.example/policy" rel="noopener noreferrer nofollow" target="_blank">our policy</a>');
    expect(page).toContain('Was this helpful?');
    const [stored] = (await server.app.services.knowledge.list({ id: 'x', siteId: server.site.id, email: '', name: '', role: 'agent' })).filter((a) => a.id === refund.id);
    expect(stored?.views).toBe(1);
  });

  it('takes one vote per reader with a form post and a redirect back', async () => {
    const vote = (helpful: string, cookie = '') =>
      fetch(`${base()}/${refund.id}/feedback`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) }, body: `helpful=${helpful}` });
    const first = await vote('yes');
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe(`/help/${server.site.publicKey}/${refund.id}?voted=1`);
    const cookie = (first.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect(first.headers.get('set-cookie')).toContain(`Path=/help/${server.site.publicKey}/${refund.id}`);
    expect((await vote('no', cookie)).status).toBe(303);
    const after = await fetch(`${server.url}${first.headers.get('location')}`);
    expect(await after.text()).toContain('Thanks for your feedback!');
    expect((await vote('maybe')).status).toBe(400);
    // Another reader (no cookie) counts.
    expect((await vote('yes')).status).toBe(303);
    const onDraft = await fetch(`${base()}/${draft.id}/feedback`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'helpful=yes' });
    expect(onDraft.status).toBe(404);
    const [stored] = (await server.app.services.knowledge.list({ id: 'x', siteId: server.site.id, email: '', name: '', role: 'agent' })).filter((a) => a.id === refund.id);
    // The redirect back after voting was not counted as a view either.
    expect(stored).toMatchObject({ helpful: 2, notHelpful: 0, views: 1 });
  });

  it('answers a malformed %-escape in the path with a 400 page, not a server error', async () => {
    for (const [method, path] of [['GET', '/help/%'], ['GET', `/help/${server.site.publicKey}/%E0%A4%A`], ['POST', '/help/x/%/feedback']] as const) {
      const res = await fetch(`${server.url}${path}`, { method });
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toContain('text/html');
    }
  });

  it('answers unknown sites, unknown articles and drafts with a 404 page', async () => {
    for (const url of [`${server.url}/help/pk_nope`, `${base()}/kb_nope`, `${base()}/${draft.id}`, `${server.url}/help/${encodeURIComponent('<x>')}`]) {
      const res = await fetch(url);
      const html = await res.text();
      expect(res.status, url).toBe(404);
      expectStrictPage(res, html);
      expect(html).toContain('Page not found');
    }
  });
});
