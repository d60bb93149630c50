import type { ArticleHit, KB_LIMITS, PublicArticle } from '@hilo/shared';
import type { SiteStorage } from './site-storage';

/** What the knowledge-base requests need: the Hilo server, the site, and the site's storage. */
export interface KnowledgeSite {
  serverOrigin: string;
  siteKey: string;
  storage: SiteStorage;
}

/** Suggestions shown at most (the contract's `KB_LIMITS.suggestions`; a type, so the widget ships no zod). */
export const SUGGESTIONS: (typeof KB_LIMITS)['suggestions'] = 3;

const url = (site: KnowledgeSite, path: string, params: Record<string, string> = {}) =>
  `${site.serverOrigin}/widget/kb/${path}?${new URLSearchParams({ site: site.siteKey, ...params })}`;

async function json(response: Response): Promise<Record<string, unknown> | null> {
  if (!response.ok) return null;
  const body: unknown = await response.json().catch(() => null);
  return typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : null;
}

/** Ranked hits for the shopper's words (their language first); rejects when aborted or unreachable. */
export async function searchArticles(site: KnowledgeSite, q: string, lang: string, signal?: AbortSignal): Promise<ArticleHit[]> {
  const body = await json(await fetch(url(site, 'search', { q, lang, limit: String(SUGGESTIONS) }), { signal }));
  const results = body?.results;
  return Array.isArray(results) ? (results as ArticleHit[]).filter((hit) => typeof hit?.id === 'string' && typeof hit.title === 'string') : [];
}

/** A published article with its server-rendered body; null when it is gone or the server is unreachable. */
export async function fetchArticle(site: KnowledgeSite, id: string): Promise<PublicArticle | null> {
  try {
    const article = (await json(await fetch(url(site, `articles/${encodeURIComponent(id)}`))))?.article as PublicArticle | undefined;
    return article && Array.isArray(article.body) && typeof article.title === 'string' ? article : null;
  } catch {
    return null;
  }
}

/** "Did this help?": true once the server has counted it. */
export async function sendFeedback(site: KnowledgeSite, id: string, helpful: boolean): Promise<boolean> {
  try {
    const response = await fetch(url(site, `articles/${encodeURIComponent(id)}/feedback`), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ helpful }),
    });
    return response.ok;
  } catch {
    return false;
  }
}
