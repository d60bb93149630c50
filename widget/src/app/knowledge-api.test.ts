import { afterEach, describe, expect, it, vi } from 'vitest';
import { fetchArticle, searchArticles, sendFeedback } from './knowledge-api';
import { createSiteStorage } from './site-storage';

const site = { serverOrigin: 'https://chat.example.com', siteKey: 'shop key', storage: createSiteStorage('shop key', null) };
const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

function stubFetch(answer: (url: string, init?: RequestInit) => Response | Promise<Response>) {
  const calls: { url: string; init?: RequestInit }[] = [];
  vi.stubGlobal('fetch', (url: string, init?: RequestInit) => {
    calls.push({ url, init });
    return Promise.resolve(answer(url, init));
  });
  return calls;
}

describe('knowledge-api', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('searches by site key, words and language, three at most, and drops malformed hits', async () => {
    const calls = stubFetch(() => json({ results: [{ id: 'a1', title: 'Returns', excerpt: 'Send it back', language: 'en', score: 2 }, { id: 7 }, null] }));
    const controller = new AbortController();
    const hits = await searchArticles(site, 'return & refund', 'es', controller.signal);
    expect(hits.map((h) => h.id)).toEqual(['a1']);
    const url = new URL(calls[0]?.url ?? '');
    expect(url.origin + url.pathname).toBe('https://chat.example.com/widget/kb/search');
    expect(Object.fromEntries(url.searchParams)).toEqual({ site: 'shop key', q: 'return & refund', lang: 'es', limit: '3' });
    expect(calls[0]?.init?.signal).toBe(controller.signal);
  });

  it('finds nothing on a refusal and rejects when the request is aborted', async () => {
    stubFetch(() => json({ error: { code: 'bad_request', message: 'q: too long' } }, 400));
    expect(await searchArticles(site, 'x'.repeat(300), 'en')).toEqual([]);
    vi.stubGlobal('fetch', () => Promise.reject(new DOMException('aborted', 'AbortError')));
    await expect(searchArticles(site, 'returns', 'en')).rejects.toThrow('aborted');
  });

  it('reads one article, null when it is gone or the answer is not an article', async () => {
    const calls = stubFetch((url) =>
      url.includes('/a%2F1?') ? json({ article: { id: 'a/1', title: 'Returns', html: '<p>Hi</p>', body: [['p', null, 'Hi']], tags: [], language: 'en', updatedAt: 1 } }) : json({ error: { code: 'not_found', message: 'gone' } }, 404),
    );
    expect((await fetchArticle(site, 'a/1'))?.body).toEqual([['p', null, 'Hi']]);
    expect(calls[0]?.url).toBe('https://chat.example.com/widget/kb/articles/a%2F1?site=shop+key');
    expect(await fetchArticle(site, 'gone')).toBeNull();
    stubFetch(() => json({ article: { id: 'x', title: 'No body' } }));
    expect(await fetchArticle(site, 'x')).toBeNull();
    vi.stubGlobal('fetch', () => Promise.reject(new TypeError('Failed to fetch')));
    expect(await fetchArticle(site, 'x')).toBeNull();
  });

  it('posts feedback as JSON and says whether it was counted', async () => {
    const calls = stubFetch((url) => new Response(null, { status: url.includes('/ok/') ? 204 : 404 }));
    expect(await sendFeedback(site, 'ok', false)).toBe(true);
    expect(calls[0]?.url).toBe('https://chat.example.com/widget/kb/articles/ok/feedback?site=shop+key');
    expect(calls[0]?.init).toMatchObject({ method: 'POST', body: JSON.stringify({ helpful: false }), headers: { 'Content-Type': 'application/json' } });
    expect(await sendFeedback(site, 'missing', true)).toBe(false);
    vi.stubGlobal('fetch', () => Promise.reject(new TypeError('Failed to fetch')));
    expect(await sendFeedback(site, 'ok', true)).toBe(false);
  });
});
