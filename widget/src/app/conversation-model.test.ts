import { beforeEach, describe, expect, it } from 'vitest';
import { createConversationModel, mergeMessages, timeline } from './conversation-model';
import { CACHED_MESSAGES } from './limits';
import { createSiteStorage } from './site-storage';
import { message } from './test-support/fake-socket';

const orders = (list: { order: number }[]) => list.map((m) => m.order);

describe('mergeMessages', () => {
  it('sorts by order whatever the arrival order', () => {
    expect(orders(mergeMessages([message(3)], [message(1), message(2)]))).toEqual([1, 2, 3]);
  });

  it('keeps one copy of a message delivered twice (sync + message:new + ack)', () => {
    const merged = mergeMessages([message(1), message(2)], [message(2), message(2), message(1)]);
    expect(orders(merged)).toEqual([1, 2]);
  });

  it('dedupes by id and by clientId even at a different order', () => {
    const byId = mergeMessages([message(1)], [message(5, { id: 'm1' })]);
    expect(byId.map((m) => [m.id, m.order])).toEqual([['m1', 5]]);
    const byClientId = mergeMessages([message(1)], [message(4, { clientId: 'client-1' })]);
    expect(byClientId.map((m) => m.order)).toEqual([4]);
  });
});

describe('conversation model', () => {
  beforeEach(() => localStorage.clear());

  it('tracks the highest order held', () => {
    const model = createConversationModel(createSiteStorage('shop'));
    expect(model.lastOrder()).toBe(0);
    model.merge([message(2), message(7), message(5)]);
    expect(model.lastOrder()).toBe(7);
    expect(model.get().conversationId).toBe('c1');
  });

  it('shows pending outbox items after stored messages, hiding ones already stored', () => {
    const model = createConversationModel(createSiteStorage('shop'));
    model.merge([message(1), message(2, { author: { kind: 'visitor', id: 'v1' }, clientId: 'sent-one' })]);
    model.setPending([
      { clientId: 'sent-one', text: 'already stored', createdAt: 1, status: 'sending' },
      { clientId: 'p2', text: 'waiting', createdAt: 2, status: 'sending' },
      { clientId: 'p3', text: 'refused', createdAt: 3, status: 'failed', error: 'too long' },
    ]);
    const rows = timeline(model.get());
    expect(rows.map((r) => [r.text, r.status])).toEqual([
      ['message 1', 'sent'],
      ['message 2', 'sent'],
      ['waiting', 'sending'],
      ['refused', 'failed'],
    ]);
    expect(rows[3]).toMatchObject({ authorKind: 'visitor', error: 'too long' });
  });

  it('caches the last messages so a reload renders them at once', () => {
    const first = createConversationModel(createSiteStorage('shop'));
    first.merge(Array.from({ length: CACHED_MESSAGES + 10 }, (_, i) => message(i + 1)));
    const afterReload = createConversationModel(createSiteStorage('shop'));
    expect(afterReload.get().messages).toHaveLength(CACHED_MESSAGES);
    expect(afterReload.lastOrder()).toBe(CACHED_MESSAGES + 10);
    expect(afterReload.get().connection).toBe('idle');
  });

  it('starts a fresh list when messages of another conversation arrive', () => {
    const model = createConversationModel(createSiteStorage('shop'));
    model.merge([message(1), message(2)]);
    model.merge([message(1, { id: 'n1', clientId: 'x', conversationId: 'c2', text: 'new conversation' })]);
    expect(model.get().conversationId).toBe('c2');
    expect(model.get().messages.map((m) => m.text)).toEqual(['new conversation']);
  });

  it('reset forgets messages and the cache', () => {
    const storage = createSiteStorage('shop');
    const model = createConversationModel(storage);
    model.merge([message(1)]);
    model.reset(null);
    expect(model.get().messages).toEqual([]);
    expect(createConversationModel(storage).get().messages).toEqual([]);
  });

  it('notifies subscribers of connection changes only when they change', () => {
    const model = createConversationModel(createSiteStorage('shop'));
    const seen: string[] = [];
    model.subscribe((s) => seen.push(s.connection));
    model.setConnection('connecting');
    model.setConnection('connecting');
    model.setConnection('online');
    expect(seen).toEqual(['connecting', 'online']);
  });
});
