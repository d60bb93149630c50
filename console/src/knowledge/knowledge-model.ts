import type { Article, ArticleHit, ArticleInput, ArticleLanguage, BotSettings } from '@hilo/shared';
import { ApiError, createJsonRequest, type Fetch } from '../api-client';
import { observable, type Observable } from '../observable';

/** The editor's fields; tags stay the text the admin types ("returns, shipping") until saved. */
export interface ArticleDraft {
  /** null: a new article, not saved yet. */
  id: string | null;
  title: string;
  body: string;
  tags: string;
  language: ArticleLanguage;
  published: boolean;
}

export interface KnowledgeQuery {
  /** Words searched on the server (ranked, typo tolerant, drafts included); '' lists everything. */
  text: string;
  language: ArticleLanguage | '';
  tag: string;
}

export type Confirm = { kind: 'delete' } | { kind: 'discard'; next: string | null };

export interface KnowledgeState {
  status: 'loading' | 'ready' | 'error';
  error: string | null;
  /** Newest change first. */
  articles: Article[];
  query: KnowledgeQuery;
  /** Article ids ranked by the server's search for `query.text`; null while there is no text. */
  hits: string[] | null;
  searchError: string | null;
  draft: ArticleDraft | null;
  /** The draft differs from what is saved. */
  dirty: boolean;
  saving: boolean;
  saveError: string | null;
  savedAt: number | null;
  /** The body rendered by the server exactly as shoppers will see it. */
  preview: { html: string; status: 'idle' | 'loading' | 'ready' | 'error' };
  /** An action waiting for a yes (delete the article, or drop unsaved changes). */
  confirm: Confirm | null;
  /** The answer bot; null until loaded (or when it could not be). */
  bot: BotSettings | null;
  botError: string | null;
}

export interface KnowledgeModel {
  state: Observable<KnowledgeState>;
  load(): Promise<void>;
  setQuery(change: Partial<KnowledgeQuery>): void;
  /** Opens an article in the editor (null: a new one); asks first when there are unsaved changes. */
  open(id: string | null): void;
  edit(change: Partial<Omit<ArticleDraft, 'id'>>): void;
  save(): Promise<boolean>;
  askDelete(): void;
  /** Yes to the pending confirmation (delete, or discard and open the next article). */
  confirm(): Promise<void>;
  cancelConfirm(): void;
  setBot(enabled: boolean): Promise<void>;
  dispose(): void;
}

export interface KnowledgeModelOptions {
  fetch?: Fetch;
  base?: string;
  /** Pause in typing before the search and the preview are asked for. */
  delayMs?: number;
}

const EMPTY_DRAFT: ArticleDraft = { id: null, title: '', body: '', tags: '', language: 'en', published: true };

const messageOf = (error: unknown): string => (error instanceof ApiError ? error.message : 'Something went wrong');

/** "returns, Shipping ,returns" → ['returns', 'Shipping']: trimmed, no empties, no repeats. */
export function parseTags(text: string): string[] {
  return [...new Set(text.split(',').map((tag) => tag.trim()).filter(Boolean))];
}

function draftOf(article: Article): ArticleDraft {
  return { id: article.id, title: article.title, body: article.body, tags: article.tags.join(', '), language: article.language, published: article.published };
}

const newestFirst = (articles: Article[]) => [...articles].sort((a, b) => b.updatedAt - a.updatedAt);

/** The Knowledge screen's state over `/api/kb/*` (session cookie; the server lets only admins write). */
export function createKnowledgeModel({ fetch, base = '/api', delayMs = 300 }: KnowledgeModelOptions = {}): KnowledgeModel {
  const request = createJsonRequest(fetch, base);
  const state = observable<KnowledgeState>({
    status: 'loading',
    error: null,
    articles: [],
    query: { text: '', language: '', tag: '' },
    hits: null,
    searchError: null,
    draft: null,
    dirty: false,
    saving: false,
    saveError: null,
    savedAt: null,
    preview: { html: '', status: 'idle' },
    confirm: null,
    bot: null,
    botError: null,
  });
  const patch = (change: Partial<KnowledgeState>) => state.update((s) => ({ ...s, ...change }));
  // Only the answer to the latest search / preview is shown, whatever order the answers arrive in.
  let searchTicket = 0;
  let previewTicket = 0;
  let searchTimer: ReturnType<typeof setTimeout> | undefined;
  let previewTimer: ReturnType<typeof setTimeout> | undefined;

  async function search(text: string): Promise<void> {
    const ticket = ++searchTicket;
    try {
      const body = await request<{ results: ArticleHit[] }>('GET', `/kb/search?${new URLSearchParams({ q: text })}`);
      if (ticket === searchTicket) patch({ hits: (body?.results ?? []).map((hit) => hit.id), searchError: null });
    } catch (error) {
      if (ticket === searchTicket) patch({ hits: [], searchError: messageOf(error) });
    }
  }

  async function preview(body: string): Promise<void> {
    const ticket = ++previewTicket;
    if (!body.trim()) return patch({ preview: { html: '', status: 'ready' } });
    patch({ preview: { ...state.get().preview, status: 'loading' } });
    try {
      const answer = await request<{ html: string }>('POST', '/kb/preview', { body });
      if (ticket === previewTicket) patch({ preview: { html: answer?.html ?? '', status: 'ready' } });
    } catch {
      if (ticket === previewTicket) patch({ preview: { ...state.get().preview, status: 'error' } });
    }
  }

  function show(id: string | null): void {
    const article = id === null ? null : state.get().articles.find((a) => a.id === id);
    const draft = article ? draftOf(article) : { ...EMPTY_DRAFT };
    clearTimeout(previewTimer);
    patch({ draft, dirty: false, saveError: null, savedAt: null, confirm: null, preview: { html: '', status: 'idle' } });
    void preview(draft.body);
  }

  /** Puts a saved article in the list (replacing its old copy) and in the editor. */
  function saved(article: Article): void {
    state.update((s) => ({
      ...s,
      articles: newestFirst([article, ...s.articles.filter((a) => a.id !== article.id)]),
      draft: draftOf(article),
      dirty: false,
      saving: false,
      saveError: null,
      savedAt: Date.now(),
    }));
  }

  return {
    state,
    async load() {
      patch({ status: 'loading', error: null });
      const [articles, bot] = await Promise.allSettled([request<{ articles: Article[] }>('GET', '/kb/articles'), request<{ settings: BotSettings }>('GET', '/kb/bot')]);
      if (articles.status === 'rejected') {
        patch({ status: 'error', error: messageOf(articles.reason) });
      } else {
        const list = newestFirst(articles.value?.articles ?? []);
        // Fresh counts for the open article without touching what is being typed.
        state.update((s) => ({ ...s, status: 'ready', articles: list }));
      }
      patch(bot.status === 'fulfilled' ? { bot: bot.value?.settings ?? null, botError: null } : { botError: messageOf(bot.reason) });
      const { text } = state.get().query;
      if (text.trim()) await search(text.trim());
    },
    setQuery(change) {
      const before = state.get().query;
      const query = { ...before, ...change };
      patch({ query });
      if (query.text === before.text) return;
      clearTimeout(searchTimer);
      const text = query.text.trim();
      if (!text) {
        searchTicket++;
        patch({ hits: null, searchError: null });
        return;
      }
      searchTimer = setTimeout(() => void search(text), delayMs);
    },
    open(id) {
      if (state.get().dirty && state.get().draft?.id !== id) patch({ confirm: { kind: 'discard', next: id } });
      else show(id);
    },
    edit(change) {
      const draft = state.get().draft;
      if (!draft) return;
      patch({ draft: { ...draft, ...change }, dirty: true, savedAt: null });
      if (change.body !== undefined) {
        clearTimeout(previewTimer);
        const body = change.body;
        previewTimer = setTimeout(() => void preview(body), delayMs);
      }
    },
    async save() {
      const draft = state.get().draft;
      if (!draft || state.get().saving) return false;
      if (!draft.title.trim()) {
        patch({ saveError: 'Give the article a title.' });
        return false;
      }
      const input: ArticleInput = { title: draft.title.trim(), body: draft.body, tags: parseTags(draft.tags), language: draft.language, published: draft.published };
      patch({ saving: true, saveError: null });
      try {
        const answer = draft.id
          ? await request<{ article: Article }>('PUT', `/kb/articles/${encodeURIComponent(draft.id)}`, input)
          : await request<{ article: Article }>('POST', '/kb/articles', input);
        if (!answer?.article) throw new ApiError(500, 'internal', 'Unexpected answer from the server');
        saved(answer.article);
        return true;
      } catch (error) {
        patch({ saving: false, saveError: messageOf(error) });
        return false;
      }
    },
    askDelete() {
      if (state.get().draft?.id) patch({ confirm: { kind: 'delete' } });
    },
    cancelConfirm() {
      patch({ confirm: null });
    },
    async confirm() {
      const { confirm, draft } = state.get();
      if (confirm?.kind === 'discard') return show(confirm.next);
      if (confirm?.kind !== 'delete' || !draft?.id) return;
      const id = draft.id;
      patch({ saving: true, saveError: null });
      try {
        await request('DELETE', `/kb/articles/${encodeURIComponent(id)}`);
        state.update((s) => ({ ...s, articles: s.articles.filter((a) => a.id !== id), hits: s.hits?.filter((hit) => hit !== id) ?? null, draft: null, dirty: false, saving: false, confirm: null }));
      } catch (error) {
        patch({ saving: false, confirm: null, saveError: messageOf(error) });
      }
    },
    async setBot(enabled) {
      const previous = state.get().bot;
      patch({ bot: { enabled }, botError: null });
      try {
        const answer = await request<{ settings: BotSettings }>('PUT', '/kb/bot', { enabled });
        patch({ bot: answer?.settings ?? { enabled } });
      } catch (error) {
        patch({ bot: previous, botError: messageOf(error) });
      }
    },
    dispose() {
      clearTimeout(searchTimer);
      clearTimeout(previewTimer);
      searchTicket++;
      previewTicket++;
    },
  };
}
