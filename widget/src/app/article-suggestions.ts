import type { ArticleHit } from '@hilo/shared';
import type { Store } from './store';
import { createStore } from './store';

export interface ArticleSuggestions {
  /** Up to `limit` hits for the current draft; empty when it is short, cleared, or matches nothing. */
  hits: Store<ArticleHit[]>;
  /** The composer's draft changed (every keystroke; '' once sent). */
  query(draft: string): void;
  stop(): void;
}

export type SearchArticles = (q: string, signal: AbortSignal) => Promise<ArticleHit[]>;

const NONE: ArticleHit[] = [];
/** Fewer characters than this say too little to search for. */
export const MIN_QUERY = 3;

/**
 * Suggested articles as the shopper types: one search after a pause in typing (not one per key), the
 * stale request aborted when the draft changes, nothing shown when the draft is short or has no hits.
 */
export function createArticleSuggestions(search: SearchArticles, limit: number, delayMs = 300): ArticleSuggestions {
  const hits = createStore(NONE);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inFlight: AbortController | null = null;
  let last = '';
  const cancel = () => {
    clearTimeout(timer);
    inFlight?.abort();
    inFlight = null;
  };
  return {
    hits,
    query(draft) {
      const q = draft.trim().replace(/\s+/g, ' ');
      // A trailing space or a newline asks the same question: keep what is shown, and the request.
      if (q === last) return;
      last = q;
      cancel();
      if (q.length < MIN_QUERY) return hits.set(NONE);
      timer = setTimeout(() => {
        const request = (inFlight = new AbortController());
        search(q, request.signal).then(
          (found) => {
            if (!request.signal.aborted) hits.set(found.length ? found.slice(0, limit) : NONE);
          },
          () => {
            // Unreachable or refused: old hits would answer another question.
            if (!request.signal.aborted) hits.set(NONE);
          },
        );
      }, delayMs);
    },
    stop() {
      cancel();
      last = '';
    },
  };
}
