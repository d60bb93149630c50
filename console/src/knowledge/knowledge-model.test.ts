import { describe, expect, it } from 'vitest';
import { tagsOf, visibleArticles } from './article-filter';
import { article, fakeKbServer } from './fake-kb-server';
import { createKnowledgeModel, parseTags } from './knowledge-model';

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Waits until `check` holds (the model's debounced requests run on real timers). */
async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (check()) return;
    await wait(5);
  }
  throw new Error(`timed out waiting for ${what}`);
}

const SAMPLE = [
  article('a1', { title: 'Return an order', body: 'Send it back within 30 days', tags: ['returns'], updatedAt: 10, helpful: 4, notHelpful: 1, views: 20 }),
  article('a2', { title: 'Devolver un pedido', body: 'Devuélvelo en 30 días', tags: ['returns', 'es'], language: 'es', updatedAt: 30 }),
  article('a3', { title: 'Shipping times', body: 'Orders ship in 2 days', tags: ['shipping'], published: false, updatedAt: 20 }),
];

describe('knowledge model', () => {
  it('loads the articles newest first and the answer bot', async () => {
    const server = fakeKbServer(SAMPLE);
    const model = createKnowledgeModel({ fetch: server.fetch, delayMs: 1 });
    await model.load();
    const s = model.state.get();
    expect(s.status).toBe('ready');
    expect(s.articles.map((a) => a.id)).toEqual(['a2', 'a3', 'a1']);
    expect(s.bot).toEqual({ enabled: false });
    expect(server.calls.map((c) => `${c.method} ${c.path}`)).toEqual(['GET /api/kb/articles', 'GET /api/kb/bot']);
  });

  it('searches on the server after a pause, keeps only the latest answer, and filters by language and tag', async () => {
    const server = fakeKbServer(SAMPLE);
    const model = createKnowledgeModel({ fetch: server.fetch, delayMs: 5 });
    await model.load();
    model.setQuery({ text: 'ship' });
    model.setQuery({ text: 'order days' });
    await until(() => model.state.get().hits !== null, 'the search');
    expect(server.calls.filter((c) => c.path.startsWith('/api/kb/search')).map((c) => c.path)).toEqual(['/api/kb/search?q=order+days']);
    const s = model.state.get();
    // Ranked: a1 and a3 hold both words, a2 none.
    expect(visibleArticles(s.articles, s.query, s.hits).map((a) => a.id)).toEqual(['a1', 'a3']);
    expect(visibleArticles(s.articles, { ...s.query, tag: 'shipping' }, s.hits).map((a) => a.id)).toEqual(['a3']);
    model.setQuery({ text: '', language: 'es' });
    const cleared = model.state.get();
    expect(cleared.hits).toBeNull();
    expect(visibleArticles(cleared.articles, cleared.query, cleared.hits).map((a) => a.id)).toEqual(['a2']);
    expect(tagsOf(cleared.articles)).toEqual(['es', 'returns', 'shipping']);
  });

  it('writes a new article with its preview, then edits it; tags are trimmed and de-duplicated', async () => {
    const server = fakeKbServer(SAMPLE);
    const model = createKnowledgeModel({ fetch: server.fetch, delayMs: 1 });
    await model.load();
    model.open(null);
    model.edit({ title: '  Gift cards ', tags: 'gifts, payments ,gifts,', language: 'es', published: false });
    model.edit({ body: 'Use *one* <b>per</b> order' });
    await until(() => model.state.get().preview.status === 'ready' && model.state.get().preview.html !== '', 'the preview');
    expect(model.state.get().preview.html).toBe('<p>Use *one* &lt;b>per&lt;/b> order</p>');
    expect(model.state.get().dirty).toBe(true);

    expect(await model.save()).toBe(true);
    const created = server.calls.find((c) => c.method === 'POST' && c.path === '/api/kb/articles');
    expect(created?.body).toEqual({ title: 'Gift cards', body: 'Use *one* <b>per</b> order', tags: ['gifts', 'payments'], language: 'es', published: false });
    let s = model.state.get();
    expect(s.draft).toMatchObject({ id: 'n4', title: 'Gift cards', tags: 'gifts, payments' });
    expect(s.dirty).toBe(false);
    expect(s.articles[0]?.id).toBe('n4');

    model.edit({ published: true });
    expect(await model.save()).toBe(true);
    expect(server.calls.at(-1)).toMatchObject({ method: 'PUT', path: '/api/kb/articles/n4', body: { published: true } });
    s = model.state.get();
    expect(s.articles.find((a) => a.id === 'n4')?.published).toBe(true);
    expect(s.articles.filter((a) => a.id === 'n4')).toHaveLength(1);
  });

  it('shows the server refusal and keeps the draft; refuses a title-less article without asking', async () => {
    const server = fakeKbServer(SAMPLE);
    const model = createKnowledgeModel({ fetch: server.fetch, delayMs: 1 });
    await model.load();
    model.open('a1');
    model.edit({ title: '  ' });
    expect(await model.save()).toBe(false);
    expect(model.state.get().saveError).toBe('Give the article a title.');
    expect(server.calls.some((c) => c.method === 'PUT')).toBe(false);

    server.refuseWrites = { status: 403, code: 'forbidden', message: 'Only admins can change articles' };
    model.edit({ title: 'Returns' });
    expect(await model.save()).toBe(false);
    expect(model.state.get()).toMatchObject({ saveError: 'Only admins can change articles', saving: false, dirty: true, draft: { title: 'Returns' } });
  });

  it('asks before dropping unsaved changes, and before deleting', async () => {
    const server = fakeKbServer(SAMPLE);
    const model = createKnowledgeModel({ fetch: server.fetch, delayMs: 1 });
    await model.load();
    model.open('a1');
    model.edit({ body: 'Changed' });
    model.open('a2');
    expect(model.state.get().confirm).toEqual({ kind: 'discard', next: 'a2' });
    model.cancelConfirm();
    expect(model.state.get().draft).toMatchObject({ id: 'a1', body: 'Changed' });
    model.open('a2');
    await model.confirm();
    expect(model.state.get().draft?.id).toBe('a2');
    expect(model.state.get().dirty).toBe(false);

    model.askDelete();
    expect(model.state.get().confirm).toEqual({ kind: 'delete' });
    await model.confirm();
    expect(server.calls.at(-1)).toMatchObject({ method: 'DELETE', path: '/api/kb/articles/a2' });
    expect(model.state.get().draft).toBeNull();
    expect(model.state.get().articles.map((a) => a.id)).toEqual(['a3', 'a1']);
  });

  it('switches the answer bot, and puts it back when the server refuses', async () => {
    const server = fakeKbServer(SAMPLE);
    const model = createKnowledgeModel({ fetch: server.fetch, delayMs: 1 });
    await model.load();
    await model.setBot(true);
    expect(server.calls.at(-1)).toMatchObject({ method: 'PUT', path: '/api/kb/bot', body: { enabled: true } });
    expect(model.state.get().bot).toEqual({ enabled: true });
    server.refuseWrites = { status: 403, code: 'forbidden', message: 'Admins only' };
    await model.setBot(false);
    expect(model.state.get()).toMatchObject({ bot: { enabled: true }, botError: 'Admins only' });
  });

  it('says when the articles cannot be loaded', async () => {
    const model = createKnowledgeModel({ fetch: async () => new Response(JSON.stringify({ error: { code: 'unauthorized', message: 'Sign in first' } }), { status: 401 }) });
    await model.load();
    expect(model.state.get()).toMatchObject({ status: 'error', error: 'Sign in first', bot: null, botError: 'Sign in first' });
  });

  it('parses tags', () => {
    expect(parseTags(' a, b ,, a ,c')).toEqual(['a', 'b', 'c']);
    expect(parseTags('')).toEqual([]);
  });
});
