import { beforeEach, describe, expect, it } from 'vitest';
import { createOutbox } from './outbox';
import { createSiteStorage } from './site-storage';

describe('outbox', () => {
  beforeEach(() => localStorage.clear());

  it('saves a message to localStorage before it is sent, with a UUID clientId', () => {
    const outbox = createOutbox(createSiteStorage('shop'));
    const item = outbox.add('Hello');
    expect(item.clientId).toMatch(/^[0-9a-f-]{36}$/);
    expect(item.status).toBe('sending');
    const stored = JSON.parse(localStorage.getItem('hilo:shop:outbox') ?? '[]') as unknown[];
    expect(stored).toEqual([expect.objectContaining({ clientId: item.clientId, text: 'Hello', status: 'sending' })]);
  });

  it('keeps unacknowledged messages, with the same clientId, across a reload', () => {
    const first = createOutbox(createSiteStorage('shop'));
    const a = first.add('one');
    const b = first.add('two');
    const afterReload = createOutbox(createSiteStorage('shop'));
    expect(afterReload.get().map((i) => [i.clientId, i.text])).toEqual([
      [a.clientId, 'one'],
      [b.clientId, 'two'],
    ]);
  });

  it('removes a message only when told (on its ack)', () => {
    const outbox = createOutbox(createSiteStorage('shop'));
    const a = outbox.add('one');
    const b = outbox.add('two');
    outbox.remove(a.clientId);
    expect(outbox.get().map((i) => i.clientId)).toEqual([b.clientId]);
    outbox.remove(b.clientId);
    expect(localStorage.getItem('hilo:shop:outbox')).toBeNull();
  });

  it('marks a refused message failed with the reason, and retries it with the same clientId', () => {
    const outbox = createOutbox(createSiteStorage('shop'));
    const a = outbox.add('x');
    outbox.markFailed(a.clientId, 'text too long');
    expect(createOutbox(createSiteStorage('shop')).get()[0]).toMatchObject({ clientId: a.clientId, status: 'failed', error: 'text too long' });
    outbox.retry(a.clientId);
    expect(outbox.get()[0]).toMatchObject({ clientId: a.clientId, status: 'sending' });
    expect(outbox.get()[0]?.error).toBeUndefined();
  });

  it('does not drop a message another tab added', () => {
    const tabA = createOutbox(createSiteStorage('shop'));
    const tabB = createOutbox(createSiteStorage('shop'));
    const a = tabA.add('from A');
    const b = tabB.add('from B');
    expect(tabB.get().map((i) => i.clientId)).toEqual([a.clientId, b.clientId]);
    tabA.reload();
    expect(tabA.get()).toHaveLength(2);
  });

  it('is separate per site key and ignores corrupt storage', () => {
    localStorage.setItem('hilo:other:outbox', '{not json');
    createOutbox(createSiteStorage('shop')).add('mine');
    expect(createOutbox(createSiteStorage('other')).get()).toEqual([]);
    localStorage.setItem('hilo:shop:outbox', JSON.stringify([{ clientId: 1 }, null]));
    expect(createOutbox(createSiteStorage('shop')).get()).toEqual([]);
  });

  it('notifies subscribers', () => {
    const outbox = createOutbox(createSiteStorage('shop'));
    const seen: number[] = [];
    outbox.subscribe((items) => seen.push(items.length));
    const a = outbox.add('one');
    outbox.remove(a.clientId);
    expect(seen).toEqual([1, 0]);
  });
});
