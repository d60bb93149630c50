import type { Article, ArticleLanguage } from '@hilo/shared';
import { ArticleStats } from './ArticleStats';
import type { KnowledgeQuery } from './knowledge-model';

export const LANGUAGE_NAMES: Record<ArticleLanguage, string> = { en: 'English', es: 'Español' };

interface Props {
  articles: Article[];
  query: KnowledgeQuery;
  tags: string[];
  selectedId: string | null;
  searchError: string | null;
  /** The whole knowledge base is empty (not just this filter). */
  empty: boolean;
  onQuery: (change: Partial<KnowledgeQuery>) => void;
  onOpen: (id: string) => void;
}

/** Search and filters over the articles, each with its language, state and shopper feedback. */
export function ArticleList({ articles, query, tags, selectedId, searchError, empty, onQuery, onOpen }: Props) {
  return (
    <section class="kb-list" aria-label="Articles">
      <div class="kb-filters">
        <input type="search" aria-label="Search articles" placeholder="Search articles…" value={query.text} onInput={(e) => onQuery({ text: e.currentTarget.value })} />
        <select aria-label="Language" value={query.language} onChange={(e) => onQuery({ language: e.currentTarget.value as ArticleLanguage | '' })}>
          <option value="">All languages</option>
          {Object.entries(LANGUAGE_NAMES).map(([code, name]) => (
            <option key={code} value={code}>
              {name}
            </option>
          ))}
        </select>
        <select aria-label="Tag" value={query.tag} onChange={(e) => onQuery({ tag: e.currentTarget.value })}>
          <option value="">All tags</option>
          {tags.map((tag) => (
            <option key={tag} value={tag}>
              {tag}
            </option>
          ))}
        </select>
      </div>
      {searchError && (
        <p class="pane-error" role="alert">
          {searchError}
        </p>
      )}
      {articles.length === 0 ? (
        <p class="pane-empty">{empty ? 'No articles yet.' : 'No article matches.'}</p>
      ) : (
        <ul class="kb-items">
          {articles.map((article) => (
            <li key={article.id}>
              <button type="button" class="kb-item" aria-current={article.id === selectedId ? 'true' : undefined} onClick={() => onOpen(article.id)}>
                <span class="kb-item-title">{article.title}</span>
                <span class="kb-item-meta">
                  <span class="tag">{article.language.toUpperCase()}</span>
                  {!article.published && <span class="tag kb-draft">Draft</span>}
                  {article.tags.map((tag) => (
                    <span key={tag} class="kb-tag">
                      #{tag}
                    </span>
                  ))}
                </span>
                <ArticleStats article={article} />
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
