import type { ArticleHit } from '@hilo/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createArticleSuggestions } from './article-suggestions';

const hit = (id: string): ArticleHit => ({ id, title: `Article ${id}`, excerpt: 'First words', language: 'en', score: 1 });

/** A search whose answers the test releases by hand, recording each call and its abort signal. */
function fakeSearch() {
  const calls: { q: string; signal: AbortSignal; resolve: (hits: ArticleHit[]) => void; reject: (error: Error) => void }[] = [];
  const search = (q: string, signal: AbortSignal) =>
    new Promise<ArticleHit[]>((resolve, reject) => {
      calls.push({ q, signal, resolve, reject });
    });
  return { search, calls };
}

const flush = () => vi.advanceTimersByTimeAsync(0);

describe('createArticleSuggestions', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('searches once after a pause in typing, not on every key, and keeps the first `limit` hits', async () => {
    const { search, calls } = fakeSearch();
    const suggestions = createArticleSuggestions(search, 3);
    for (const draft of ['h', 'ho', 'how', 'how do', 'how do I  return']) {
      suggestions.query(draft);
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(calls).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(300);
    expect(calls.map((c) => c.q)).toEqual(['how do I return']);
    calls[0]?.resolve([hit('1'), hit('2'), hit('3'), hit('4')]);
    await flush();
    expect(suggestions.hits.get().map((h) => h.id)).toEqual(['1', '2', '3']);
  });

  it('never searches fewer than three characters and clears what was shown', async () => {
    const { search, calls } = fakeSearch();
    const suggestions = createArticleSuggestions(search, 3);
    suggestions.query('refund');
    await vi.advanceTimersByTimeAsync(300);
    calls[0]?.resolve([hit('1')]);
    await flush();
    expect(suggestions.hits.get()).toHaveLength(1);
    suggestions.query(' re ');
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls).toHaveLength(1);
    expect(suggestions.hits.get()).toEqual([]);
  });

  it('aborts the stale request when the draft changes and ignores its late answer', async () => {
    const { search, calls } = fakeSearch();
    const suggestions = createArticleSuggestions(search, 3);
    suggestions.query('shipping');
    await vi.advanceTimersByTimeAsync(300);
    suggestions.query('shipping to Spain');
    expect(calls[0]?.signal.aborted).toBe(true);
    calls[0]?.resolve([hit('old')]);
    await vi.advanceTimersByTimeAsync(300);
    calls[1]?.resolve([hit('new')]);
    await flush();
    expect(calls.map((c) => c.q)).toEqual(['shipping', 'shipping to Spain']);
    expect(suggestions.hits.get().map((h) => h.id)).toEqual(['new']);
  });

  it('shows nothing when the knowledge base has no hits or cannot be reached, and hides on send', async () => {
    const { search, calls } = fakeSearch();
    const suggestions = createArticleSuggestions(search, 3);
    suggestions.query('warranty');
    await vi.advanceTimersByTimeAsync(300);
    calls[0]?.resolve([hit('1')]);
    await flush();
    suggestions.query('warranty claim');
    await vi.advanceTimersByTimeAsync(300);
    calls[1]?.resolve([]);
    await flush();
    expect(suggestions.hits.get()).toEqual([]);

    suggestions.query('warranty');
    await vi.advanceTimersByTimeAsync(300);
    calls[2]?.resolve([hit('1')]);
    await flush();
    suggestions.query('warranty lost');
    await vi.advanceTimersByTimeAsync(300);
    calls[3]?.reject(new Error('offline'));
    await flush();
    expect(suggestions.hits.get()).toEqual([]);

    suggestions.query('warranty');
    await vi.advanceTimersByTimeAsync(300);
    calls[4]?.resolve([hit('1')]);
    await flush();
    // The composer reports '' once the message is sent.
    suggestions.query('');
    expect(suggestions.hits.get()).toEqual([]);
  });

  it('keeps the request going when only spacing changes, and stop() cancels a pending search', async () => {
    const { search, calls } = fakeSearch();
    const suggestions = createArticleSuggestions(search, 3);
    suggestions.query('size guide');
    await vi.advanceTimersByTimeAsync(300);
    suggestions.query('size guide ');
    expect(calls[0]?.signal.aborted).toBe(false);
    suggestions.query('size chart');
    suggestions.stop();
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.signal.aborted).toBe(true);
  });
});
