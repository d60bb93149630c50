import type { Message } from '@hilo/shared';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createConversationModel } from './conversation-model';
import { createSiteStorage } from './site-storage';
import { createUnread, showUnread } from './unread';

const msg = (order: number, kind: Message['author']['kind']): Message => ({
  id: `m${order}`,
  conversationId: 'c1',
  order,
  clientId: `cid-${order}-xxxx`,
  author: { kind, id: kind === 'agent' ? 'a1' : 'v1' },
  text: `t${order}`,
  createdAt: order,
});

afterEach(() => localStorage.clear());

describe('unread', () => {
  it('counts agent messages after the seen mark, shared through storage, and reports each new mark', () => {
    const storage = createSiteStorage('shop');
    const model = createConversationModel(storage);
    const onSeen = vi.fn();
    const unread = createUnread(model, storage, onSeen);
    model.merge([msg(1, 'visitor'), msg(2, 'agent'), msg(3, 'agent')]);
    expect(unread.count.get()).toBe(2);
    unread.markSeen();
    expect(unread.count.get()).toBe(0);
    expect(onSeen).toHaveBeenCalledWith(3);
    expect(localStorage.getItem('hilo:shop:seen')).toBe('3');

    // Another tab with the same storage sees the mark at once on reload (the storage event).
    model.merge([msg(4, 'agent')]);
    const other = createUnread(createConversationModel(storage), storage, vi.fn());
    expect(other.count.get()).toBe(1);
    localStorage.setItem('hilo:shop:seen', '4');
    other.reload();
    expect(other.count.get()).toBe(0);
  });

  it('puts the count on the launcher and the title, and gives the page its title back', () => {
    const launcher = document.createElement('button');
    document.title = 'Shoes';
    const paint = showUnread(launcher, document, (n) => `(${n}) New message`);
    paint(2);
    expect(document.title).toBe('(2) New message · Shoes');
    expect(launcher.querySelector('.n')?.textContent).toBe('2');
    paint(12);
    expect(launcher.querySelector('.n')?.textContent).toBe('9+');
    paint(0);
    expect(document.title).toBe('Shoes');
    expect(launcher.querySelector('.n')).toBeNull();
  });
});
