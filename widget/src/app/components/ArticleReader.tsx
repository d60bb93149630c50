import type { PublicArticle } from '@hilo/shared';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { KnowledgeSite } from '../knowledge-api';
import { fetchArticle, sendFeedback } from '../knowledge-api';
import type { KnowledgeStrings } from '../locales/knowledge';
import { renderRich } from './RichText';

interface ArticleReaderProps {
  site: KnowledgeSite;
  id: string;
  strings: KnowledgeStrings;
  /** Articles this shopper has already said helped or not (asked once). */
  rated: { has(id: string): boolean; add(id: string): void };
  onBack: () => void;
}

type Feedback = 'ask' | 'sending' | 'done' | 'error';

/** An article inside the panel: title, the server's rendered Markdown, and "Did this help?". */
export function ArticleReader({ site, id, strings, rated, onBack }: ArticleReaderProps) {
  const [article, setArticle] = useState<PublicArticle | null | 'failed'>(null);
  const [feedback, setFeedback] = useState<Feedback>(rated.has(id) ? 'done' : 'ask');
  const backRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    let current = true;
    backRef.current?.focus();
    void fetchArticle(site, id).then((found) => current && setArticle(found ?? 'failed'));
    return () => {
      current = false;
    };
  }, [site, id]);

  const answer = (helpful: boolean) => {
    setFeedback('sending');
    void sendFeedback(site, id, helpful).then((ok) => {
      if (ok) rated.add(id);
      setFeedback(ok ? 'done' : 'error');
    });
  };
  const loaded = typeof article === 'object' && article !== null ? article : null;

  return (
    <section
      class="kbv"
      aria-label={loaded?.title ?? strings.loading}
      onKeyDown={(event) => {
        // Escape leaves the article, not the whole chat.
        if (event.key === 'Escape') {
          event.stopPropagation();
          onBack();
        }
      }}
    >
      <div class="kbh">
        <button type="button" ref={backRef} onClick={onBack}>
          <span aria-hidden="true">← </span>
          {strings.back}
        </button>
      </div>
      <div class="kbs">
        {article === null && <p role="status">{strings.loading}</p>}
        {article === 'failed' && <p role="alert">{strings.loadFailed}</p>}
        {loaded && (
          <article lang={loaded.language}>
            <h3>{loaded.title}</h3>
            {/* The server's rendering of the Markdown (raw HTML off; links open in a new tab, noopener), as elements. */}
            <div class="kba">{loaded.body.map(renderRich)}</div>
          </article>
        )}
        {loaded && (
          <div class="kbf" role="group" aria-label={strings.helpAsk}>
            {feedback === 'done' ? (
              <p role="status">{strings.thanks}</p>
            ) : (
              <>
                <p>{strings.helpAsk}</p>
                <button type="button" disabled={feedback === 'sending'} onClick={() => answer(true)}>
                  {strings.yes}
                </button>
                <button type="button" disabled={feedback === 'sending'} onClick={() => answer(false)}>
                  {strings.no}
                </button>
                {feedback === 'error' && <p role="alert">{strings.feedbackFailed}</p>}
              </>
            )}
          </div>
        )}
      </div>
    </section>
  );
}
