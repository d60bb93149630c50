import type { RefObject } from 'preact';
import { useEffect, useMemo } from 'preact/hooks';
import { createArticleSuggestions } from '../article-suggestions';
import type { KnowledgeSite } from '../knowledge-api';
import { searchArticles, SUGGESTIONS } from '../knowledge-api';
import { knowledgeStrings } from '../locales/knowledge';
import type { Store } from '../store';
import { useStore } from '../use-store';
import type { UiState } from './App';
import { ArticleReader } from './ArticleReader';
import { SuggestedArticles } from './SuggestedArticles';

interface KnowledgePaneProps {
  site: KnowledgeSite;
  lang: string;
  /** The composer's draft, every keystroke ('' once sent). */
  draft: Store<string>;
  /** `article` is the article open in the panel (from a suggestion or the bot's card). */
  ui: Store<UiState>;
  /** Where focus goes back to when the shopper leaves an article. */
  inputRef: RefObject<HTMLTextAreaElement | null>;
}

const RATED = 'kb-rated';

/** Suggested articles above the composer, and the article reader over the conversation. */
export function KnowledgePane({ site, lang, draft, ui, inputRef }: KnowledgePaneProps) {
  const strings = knowledgeStrings(lang);
  const suggestions = useMemo(() => createArticleSuggestions((q, signal) => searchArticles(site, q, lang, signal), SUGGESTIONS), [site, lang]);
  useEffect(() => {
    suggestions.query(draft.get());
    const stop = draft.subscribe(suggestions.query);
    return () => {
      stop();
      suggestions.stop();
    };
  }, [suggestions, draft]);
  const hits = useStore(suggestions.hits);
  const { article } = useStore(ui);
  // Kept in the site's storage so the shopper is asked once per article, not once per page.
  const rated = useMemo(() => {
    const stored = site.storage.getJson(RATED);
    const ids = new Set(Array.isArray(stored) ? stored.filter((id): id is string => typeof id === 'string') : []);
    return {
      has: (id: string) => ids.has(id),
      add(id: string) {
        ids.add(id);
        site.storage.setJson(RATED, [...ids].slice(-100));
      },
    };
  }, [site]);
  const open = (id: string | null) => ui.set({ ...ui.get(), article: id });

  return (
    <>
      <SuggestedArticles hits={hits} title={strings.suggested} onOpen={open} />
      {article && (
        <ArticleReader
          key={article}
          site={site}
          id={article}
          strings={strings}
          rated={rated}
          onBack={() => {
            open(null);
            inputRef.current?.focus();
          }}
        />
      )}
    </>
  );
}
