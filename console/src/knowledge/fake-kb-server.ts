// A stand-in for the server's /api/kb routes, for the Knowledge screen's tests (no network).
import type { Article, ArticleInput, BotSettings } from '@hilo/shared';

export interface KbCall {
  method: string;
  path: string;
  body?: unknown;
}

export function article(id: string, fields: Partial<Article> = {}): Article {
  return {
    id,
    siteId: 's1',
    title: `Article ${id}`,
    body: `Body of ${id}`,
    tags: [],
    language: 'en',
    published: true,
    createdAt: 1,
    updatedAt: 1,
    helpful: 0,
    notHelpful: 0,
    views: 0,
    ...fields,
  };
}

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status });
const refuse = (status: number, code: string, message: string) => json({ error: { code, message } }, status);

/**
 * Keeps articles in memory like the server: search ranks by how many words of the query a title or
 * body holds, preview wraps the body in <p> (escaped), writes can be refused with `refuseWrites`.
 */
export function fakeKbServer(initial: Article[] = []) {
  const articles = new Map(initial.map((a) => [a.id, a]));
  const calls: KbCall[] = [];
  let bot: BotSettings = { enabled: false };
  let clock = 100;
  const server = {
    calls,
    articles,
    /** Answer every write (but the preview) with this error. */
    refuseWrites: null as null | { status: number; code: string; message: string },
    failBot: false,
    fetch: async (input: string, init?: RequestInit): Promise<Response> => {
      const url = new URL(input, 'http://console.test');
      const method = init?.method ?? 'GET';
      const body: unknown = init?.body ? JSON.parse(String(init.body)) : undefined;
      calls.push({ method, path: url.pathname + url.search, body });
      const path = url.pathname.replace(/^\/api\/kb/, '');
      if (method === 'POST' && path === '/preview') return json({ html: `<p>${String((body as { body: string }).body).replace(/</g, '&lt;')}</p>` });
      const refusal = server.refuseWrites;
      if (method !== 'GET' && refusal) return refuse(refusal.status, refusal.code, refusal.message);
      if (path === '/articles' && method === 'GET') return json({ articles: [...articles.values()] });
      if (path === '/articles' && method === 'POST') {
        const input = body as ArticleInput;
        const created = article(`n${articles.size + 1}`, { ...input, tags: input.tags ?? [], published: input.published ?? true, createdAt: ++clock, updatedAt: clock });
        articles.set(created.id, created);
        return json({ article: created }, 201);
      }
      const one = /^\/articles\/([^/]+)$/.exec(path);
      if (one?.[1]) {
        const id = decodeURIComponent(one[1]);
        const existing = articles.get(id);
        if (!existing) return refuse(404, 'not_found', 'No such article');
        if (method === 'DELETE') {
          articles.delete(id);
          return new Response(null, { status: 204 });
        }
        const input = body as ArticleInput;
        const updated = { ...existing, ...input, tags: input.tags ?? [], updatedAt: ++clock };
        articles.set(id, updated);
        return json({ article: updated });
      }
      if (path === '/search') {
        const words = (url.searchParams.get('q') ?? '').toLowerCase().split(/\s+/).filter(Boolean);
        const score = (a: Article) => words.filter((w) => `${a.title} ${a.body}`.toLowerCase().includes(w)).length;
        const results = [...articles.values()].filter((a) => score(a) > 0).sort((a, b) => score(b) - score(a));
        return json({ results: results.map((a) => ({ id: a.id, title: a.title, excerpt: a.body, language: a.language, score: score(a) })) });
      }
      if (path === '/bot') {
        if (server.failBot) return refuse(500, 'internal', 'Bot settings are unavailable');
        if (method === 'PUT') bot = body as BotSettings;
        return json({ settings: bot });
      }
      return refuse(404, 'not_found', 'Unknown route');
    },
  };
  return server;
}
