import { describe, expect, it } from 'vitest';
import type { SeenStorage } from './inbox-model';
import { createInboxModel, unreadCount } from './inbox-model';
import { conversation, message } from './testing/fixtures';

describe('inbox model', () => {
  it('ignores an update older than what it holds', () => {
    const inbox = createInboxModel();
    inbox.replaceAll([conversation('c1', { lastOrder: 5, updatedAt: 5_000 })]);
    inbox.upsert(conversation('c1', { lastOrder: 4, updatedAt: 4_000 }));
    expect(inbox.find('c1')?.lastOrder).toBe(5);
  });

  it('bumps a row from message:new before its conversation:updated arrives', () => {
    const inbox = createInboxModel();
    inbox.replaceAll([conversation('c1', { updatedAt: 5_000 }), conversation('c2', { updatedAt: 1_000 })]);
    inbox.noteMessage(message('c2', 1, { text: 'ping', createdAt: 9_000 }));
    expect(inbox.state.get().conversations.map((c) => c.id)).toEqual(['c2', 'c1']);
    expect(inbox.find('c2')?.lastMessage?.text).toBe('ping');
  });

  it('has no unread on the selected conversation and remembers seen marks in storage', () => {
    const saved: Record<string, number>[] = [];
    const storage: SeenStorage = { load: () => ({ c1: 2 }), save: (seen) => saved.push(seen) };
    const inbox = createInboxModel(storage);
    inbox.replaceAll([conversation('c1', { lastOrder: 5 })]);
    const c1 = inbox.find('c1');
    if (!c1) throw new Error('missing');
    expect(unreadCount(inbox.state.get(), c1)).toBe(3);
    inbox.select('c1');
    expect(unreadCount(inbox.state.get(), c1)).toBe(0);
    inbox.markSeen('c1', 5);
    expect(saved.at(-1)).toEqual({ c1: 5 });
  });
});
