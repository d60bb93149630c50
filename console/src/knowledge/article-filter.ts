import type { Article } from '@hilo/shared';
import type { KnowledgeQuery } from './knowledge-model';

/**
 * The list as the filters ask for it: the server's ranking when words are searched (else newest
 * first), then only the chosen language and tag.
 */
export function visibleArticles(articles: Article[], query: KnowledgeQuery, hits: string[] | null): Article[] {
  const byId = new Map(articles.map((article) => [article.id, article]));
  const ranked = hits ? hits.flatMap((id) => byId.get(id) ?? []) : articles;
  return ranked.filter((article) => (!query.language || article.language === query.language) && (!query.tag || article.tags.includes(query.tag)));
}

/** Every tag in use, alphabetically, for the tag filter. */
export function tagsOf(articles: Article[]): string[] {
  return [...new Set(articles.flatMap((article) => article.tags))].sort((a, b) => a.localeCompare(b));
}
