import type { Agent } from '@hilo/shared';
import { useEffect, useMemo } from 'preact/hooks';
import { useObservable } from '../use-observable';
import { ArticleEditor } from './ArticleEditor';
import { ArticleList } from './ArticleList';
import { tagsOf, visibleArticles } from './article-filter';
import { BotToggle } from './BotToggle';
import { createKnowledgeModel, type KnowledgeModel } from './knowledge-model';
import './knowledge.css';

interface Props {
  agent: Agent;
  /** Tests pass their own model (fake fetch); the console mounts this without one. */
  model?: KnowledgeModel;
}

/** The knowledge base: articles shoppers find in the widget and the help page, and the answer bot. Admins write; agents read. */
export function KnowledgeView({ agent, model: given }: Props) {
  const model = useMemo(() => given ?? createKnowledgeModel(), [given]);
  const state = useObservable(model.state);
  useEffect(() => {
    void model.load();
    return () => model.dispose();
  }, [model]);
  const canEdit = agent.role === 'admin';
  const { draft } = state;
  const shown = useMemo(() => visibleArticles(state.articles, state.query, state.hits), [state.articles, state.query, state.hits]);
  const tags = useMemo(() => tagsOf(state.articles), [state.articles]);

  return (
    <main class="kb" aria-label="Knowledge base">
      <div class="kb-head">
        <h2 class="pane-title">Knowledge base</h2>
        <BotToggle bot={state.bot} error={state.botError} canEdit={canEdit} onChange={(enabled) => void model.setBot(enabled)} />
        <button type="button" class="button-quiet button-small" onClick={() => void model.load()} disabled={state.status === 'loading'}>
          Refresh
        </button>
        {canEdit && (
          <button type="button" class="button-primary" onClick={() => model.open(null)}>
            New article
          </button>
        )}
      </div>
      {state.status === 'error' && (
        <p class="pane-error kb-error" role="alert">
          {state.error}
        </p>
      )}
      <div class="kb-columns">
        <ArticleList
          articles={shown}
          query={state.query}
          tags={tags}
          selectedId={draft?.id ?? null}
          searchError={state.searchError}
          empty={state.status === 'ready' && state.articles.length === 0}
          onQuery={model.setQuery}
          onOpen={model.open}
        />
        {draft ? (
          <ArticleEditor
            draft={draft}
            article={state.articles.find((a) => a.id === draft.id) ?? null}
            canEdit={canEdit}
            state={state}
            onEdit={model.edit}
            onSave={() => void model.save()}
            onAskDelete={model.askDelete}
            onConfirm={() => void model.confirm()}
            onCancelConfirm={model.cancelConfirm}
          />
        ) : (
          <p class="pane-empty kb-placeholder">{state.status === 'loading' ? 'Loading articles…' : canEdit ? 'Choose an article to edit, or write a new one.' : 'Choose an article to read.'}</p>
        )}
      </div>
    </main>
  );
}
