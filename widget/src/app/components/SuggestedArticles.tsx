import type { ArticleHit } from '@hilo/shared';

interface SuggestedArticlesProps {
  hits: ArticleHit[];
  title: string;
  onOpen: (id: string) => void;
}

/** Up to three articles that may answer the draft, above the composer; nothing without hits. */
export function SuggestedArticles({ hits, title, onOpen }: SuggestedArticlesProps) {
  if (!hits.length) return null;
  return (
    <section class="kbl" aria-label={title}>
      <p aria-hidden="true">{title}</p>
      <ul>
        {hits.map((hit) => (
          <li key={hit.id}>
            <button type="button" lang={hit.language} onClick={() => onOpen(hit.id)}>
              <b>{hit.title}</b>
              {hit.excerpt && <span>{hit.excerpt}</span>}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
