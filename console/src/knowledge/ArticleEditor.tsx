import type { Article, ArticleLanguage } from '@hilo/shared';
import { LANGUAGE_NAMES } from './ArticleList';
import { ArticleStats } from './ArticleStats';
import type { ArticleDraft, Confirm, KnowledgeState } from './knowledge-model';

interface Props {
  draft: ArticleDraft;
  /** The saved article behind the draft (its feedback counts); null for a new one. */
  article: Article | null;
  canEdit: boolean;
  state: Pick<KnowledgeState, 'dirty' | 'saving' | 'saveError' | 'savedAt' | 'preview' | 'confirm'>;
  onEdit: (change: Partial<Omit<ArticleDraft, 'id'>>) => void;
  onSave: () => void;
  onAskDelete: () => void;
  onConfirm: () => void;
  onCancelConfirm: () => void;
}

const CONFIRM_TEXT: Record<Confirm['kind'], { question: string; yes: string }> = {
  delete: { question: 'Delete this article? Shoppers will no longer find it.', yes: 'Delete article' },
  discard: { question: 'Discard your unsaved changes?', yes: 'Discard changes' },
};

/** Title, Markdown body with the server's live preview, tags, language and published state. */
export function ArticleEditor({ draft, article, canEdit, state, onEdit, onSave, onAskDelete, onConfirm, onCancelConfirm }: Props) {
  const { preview, confirm } = state;
  return (
    <form
      class="kb-editor"
      aria-label={draft.id ? 'Edit article' : 'New article'}
      onSubmit={(e) => {
        e.preventDefault();
        onSave();
      }}
    >
      <div class="kb-editor-head">
        <h3>{draft.id ? (canEdit ? 'Edit article' : 'Article') : 'New article'}</h3>
        {article && <ArticleStats article={article} />}
        {state.dirty && <span class="muted">Unsaved changes</span>}
      </div>
      {confirm && (
        <div class="kb-confirm" role="alertdialog" aria-label={CONFIRM_TEXT[confirm.kind].question}>
          <span>{CONFIRM_TEXT[confirm.kind].question}</span>
          <button type="button" class="button-quiet" onClick={onCancelConfirm}>
            Cancel
          </button>
          <button type="button" class="button-primary kb-danger" onClick={onConfirm}>
            {CONFIRM_TEXT[confirm.kind].yes}
          </button>
        </div>
      )}
      <fieldset disabled={!canEdit}>
        <label>
          Title
          <input value={draft.title} maxLength={160} required onInput={(e) => onEdit({ title: e.currentTarget.value })} />
        </label>
        <div class="kb-row">
          <label>
            Language
            <select value={draft.language} onChange={(e) => onEdit({ language: e.currentTarget.value as ArticleLanguage })}>
              {Object.entries(LANGUAGE_NAMES).map(([code, name]) => (
                <option key={code} value={code}>
                  {name}
                </option>
              ))}
            </select>
          </label>
          <label class="kb-tags">
            Tags (comma separated)
            <input value={draft.tags} placeholder="returns, shipping" onInput={(e) => onEdit({ tags: e.currentTarget.value })} />
          </label>
          <label class="checkbox">
            <input type="checkbox" checked={draft.published} onChange={(e) => onEdit({ published: e.currentTarget.checked })} />
            Published (shoppers can find it)
          </label>
        </div>
        <div class="kb-write">
          <label>
            Body (Markdown)
            <textarea rows={16} maxLength={20_000} value={draft.body} onInput={(e) => onEdit({ body: e.currentTarget.value })} />
          </label>
          <div class="kb-preview-pane">
            <span class="kb-preview-label">
              Preview{preview.status === 'loading' ? ' (updating…)' : ''}
              {preview.status === 'error' ? ' (could not update)' : ''}
            </span>
            {/* Server-rendered Markdown (markdown-it, raw HTML off): the same HTML shoppers get. */}
            <div class="kb-preview" aria-label="Preview" role="region" dangerouslySetInnerHTML={{ __html: preview.html }} />
          </div>
        </div>
      </fieldset>
      {canEdit && (
        <div class="form-bar">
          <div role="alert" class="form-error">
            {state.saveError}
          </div>
          <span role="status" class="muted">
            {state.savedAt && !state.dirty ? 'Saved.' : ''}
          </span>
          {draft.id && (
            <button type="button" class="button-quiet" onClick={onAskDelete} disabled={state.saving}>
              Delete
            </button>
          )}
          <button type="submit" class="button-primary" disabled={state.saving || !draft.title.trim()}>
            {state.saving ? 'Saving…' : draft.id ? 'Save article' : 'Create article'}
          </button>
        </div>
      )}
    </form>
  );
}
